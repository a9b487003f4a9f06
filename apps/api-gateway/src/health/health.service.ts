import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { QUEUES } from '@bio/contracts';
import { DatabaseHealth } from '@bio/db';
import { JobRunner } from '@bio/queue';
import { PRODUCER_REDIS } from '../pipeline/pipeline.tokens';

export interface HealthReport {
  status: 'ok' | 'degraded';
  postgres: 'up' | 'down';
  redis: 'up' | 'down';
  workers: Record<string, number>;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly runner: JobRunner,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis] = await Promise.all([
      this.database.ping().then(() => 'up' as const, () => 'down' as const),
      this.redis.ping().then(() => 'up' as const, () => 'down' as const),
    ]);
    const stages = Object.values(QUEUES);
    const workers = redis === 'up'
      ? await this.runner.workerCounts(stages).catch(() => Object.fromEntries(stages.map((s) => [s, 0])))
      : Object.fromEntries(stages.map((s) => [s, 0]));
    const healthy = postgres === 'up' && redis === 'up' && Object.values(workers).every((n) => n > 0);
    return { status: healthy ? 'ok' : 'degraded', postgres, redis, workers };
  }
}
