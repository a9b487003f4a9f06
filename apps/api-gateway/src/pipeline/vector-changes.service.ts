import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError } from '@bio/contracts';
import { publishVectorChange, type VectorChangeInput } from '@bio/vector';
import { PRODUCER_REDIS } from './pipeline.tokens';

/** Tells every matcher replica about a change already committed to Postgres. */
@Injectable()
export class VectorChanges {
  constructor(@Inject(PRODUCER_REDIS) private readonly redis: Redis) {}

  async publish(change: VectorChangeInput): Promise<void> {
    try {
      await publishVectorChange(this.redis, change);
    } catch (err) {
      throw new AppError('SERVICE_UNAVAILABLE', `Could not notify matchers: ${(err as Error).message}`);
    }
  }
}
