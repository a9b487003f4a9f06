import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError } from '@bio/contracts';
import type { Env } from '@bio/config';
import { ENV } from '../config/env.provider';
import { PRODUCER_REDIS } from '../pipeline/pipeline.tokens';
import { withRedis } from '../pipeline/redis-guard';
import { TOKEN_BUCKET_SCRIPT } from './token-bucket.lua';

/**
 * RATE_LIMIT_PER_SECOND calls per second per client, in bursts of as many, counted in Redis
 * so the limit holds across gateway replicas.
 */
@Injectable()
export class RateLimiter {
  private readonly rate: number;
  private readonly capacity: number;

  constructor(
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    @Inject(ENV) env: Env,
  ) {
    this.rate = env.RATE_LIMIT_PER_SECOND;
    this.capacity = Math.max(1, env.RATE_LIMIT_PER_SECOND);
  }

  /** Takes one call from the client's allowance, or refuses with RATE_LIMITED and the whole seconds to wait. */
  async take(clientId: string): Promise<void> {
    const [taken, waitMs] = await withRedis(
      () => this.redis.eval(TOKEN_BUCKET_SCRIPT, 1, `ratelimit:${clientId}`, this.rate, this.capacity) as Promise<[number, number]>,
    );
    if (taken !== 1) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds });
    }
  }
}
