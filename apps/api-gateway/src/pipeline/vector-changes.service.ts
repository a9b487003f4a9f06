import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, type VectorChange } from '@bio/contracts';
import { publishVectorChange } from '@bio/vector';
import { PRODUCER_REDIS } from './pipeline.tokens';

type ChangeWithoutSeq = VectorChange extends infer C ? (C extends VectorChange ? Omit<C, 'seq'> : never) : never;

/** Tells every matcher replica about a change already committed to Postgres. */
@Injectable()
export class VectorChanges {
  constructor(@Inject(PRODUCER_REDIS) private readonly redis: Redis) {}

  async publish(change: ChangeWithoutSeq): Promise<void> {
    try {
      await publishVectorChange(this.redis, change);
    } catch (err) {
      throw new AppError('SERVICE_UNAVAILABLE', `Could not notify matchers: ${(err as Error).message}`);
    }
  }
}
