import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Env } from '@bio/config';
import { BlobStore, JobRunner, createRedis } from '@bio/queue';
import { ENV } from '../config/env.provider';
import { FacePipeline } from './face-pipeline.service';
import { VectorChanges } from './vector-changes.service';
import { PRODUCER_REDIS } from './pipeline.tokens';

@Global()
@Module({
  providers: [
    { provide: PRODUCER_REDIS, inject: [ENV], useFactory: (env: Env) => createRedis(env.REDIS_URL, 'producer') },
    { provide: BlobStore, inject: [PRODUCER_REDIS, ENV], useFactory: (redis: Redis, env: Env) => new BlobStore(redis, env.BLOB_TTL_SECONDS) },
    {
      provide: JobRunner,
      inject: [PRODUCER_REDIS, ENV],
      useFactory: (redis: Redis, env: Env) =>
        new JobRunner({
          redisUrl: env.REDIS_URL,
          producer: redis,
          timeoutMs: env.JOB_TIMEOUT_MS,
          createEventsConnection: () => createRedis(env.REDIS_URL, 'worker'),
        }),
    },
    FacePipeline,
    VectorChanges,
  ],
  exports: [PRODUCER_REDIS, BlobStore, JobRunner, FacePipeline, VectorChanges],
})
export class PipelineModule implements OnApplicationShutdown {
  constructor(
    private readonly runner: JobRunner,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runner.close();
    this.redis.disconnect();
  }
}
