import { faceDetectPayload, faceDetectResult, QUEUES } from '@bio/contracts';
import { JobRunner, createRedis } from '../src';

/** Nothing listens on port 1: this is Redis being down. */
const DOWN = 'redis://127.0.0.1:1';

describe('JobRunner with Redis down', () => {
  it('refuses at once with SERVICE_UNAVAILABLE instead of hanging', async () => {
    const producer = createRedis(DOWN, 'producer');
    const runner = new JobRunner({ redisUrl: DOWN, producer, timeoutMs: 30_000, createEventsConnection: () => createRedis(DOWN, 'worker') });
    const started = Date.now();
    try {
      await expect(
        runner.run(QUEUES.detect, faceDetectPayload, faceDetectResult, { requestId: 'r', blobKey: 'blob:img:x' }),
      ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await runner.close();
      producer.disconnect();
    }
  });
});
