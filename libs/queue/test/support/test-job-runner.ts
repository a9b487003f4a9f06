import type { Redis } from 'ioredis';
import { BlobStore, JobRunner, createRedis } from '../../src';

export interface TestProducer {
  runner: JobRunner;
  blobs: BlobStore;
  close(): Promise<void>;
}

/** The gateway's side of a stage, for tests that drive a worker over its real queue. */
export async function startTestProducer(redisUrl: string, timeoutMs = 30_000): Promise<TestProducer> {
  const producer: Redis = createRedis(redisUrl, 'producer');
  // A producer connection refuses commands until it is ready (no offline queue).
  await new Promise((resolve) => producer.once('ready', resolve));
  const runner = new JobRunner({ redisUrl, producer, timeoutMs, createEventsConnection: () => createRedis(redisUrl, 'worker') });
  return {
    runner,
    blobs: new BlobStore(producer, 60),
    close: async () => {
      await runner.close();
      await producer.quit();
    },
  };
}
