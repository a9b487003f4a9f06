import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REDIS_KEYS, type VectorChange } from '@bio/contracts';
import { createRedis } from '@bio/queue';
import { currentVectorSeq, publishVectorChange, subscribeVectorChanges } from '../src';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Other suites may broadcast on the same channel meanwhile, so each test follows its own ids only. */
describe('vector change broadcast over Redis', () => {
  let redis: Redis;
  let subscriber: Redis;
  const received: VectorChange[] = [];
  const invalid: string[] = [];
  let resubscribed = 0;

  beforeAll(async () => {
    redis = createRedis(REDIS_URL, 'worker');
    subscriber = createRedis(REDIS_URL, 'worker');
    await subscribeVectorChanges(subscriber, {
      onChange: (change) => received.push(change),
      onInvalid: (reason) => invalid.push(reason),
      onResubscribed: () => resubscribed++,
    });
  });

  afterAll(async () => {
    await Promise.all([redis.quit(), subscriber.quit()]);
  });

  const eventually = async (check: () => void, timeoutMs = 3_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return check();
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };

  it('numbers changes with the shared counter and delivers them in order', async () => {
    const personId = randomUUID();
    const templateIds = [randomUUID(), randomUUID()];
    const before = await currentVectorSeq(redis);
    const first = await publishVectorChange(redis, {
      op: 'upsert', templateId: templateIds[0], personId, galleryId: randomUUID(), modelId: 'm1',
    });
    const second = await publishVectorChange(redis, { op: 'delete-template', templateIds });
    const third = await publishVectorChange(redis, { op: 'delete-template', templateIds: [] });
    expect(first).toBeGreaterThan(before);
    expect(second).toBeGreaterThan(first);
    expect(await currentVectorSeq(redis)).toBeGreaterThanOrEqual(third);
    await eventually(() => {
      const mine = received.filter((c) => c.seq === first || c.seq === second || c.seq === third);
      expect(mine).toEqual([
        { op: 'upsert', seq: first, templateId: templateIds[0], personId, galleryId: expect.any(String), modelId: 'm1' },
        { op: 'delete-template', seq: second, templateIds },
        { op: 'delete-template', seq: third, templateIds: [] },
      ]);
    });
  });

  it('reports messages that break the contract instead of passing them on', async () => {
    await redis.publish(REDIS_KEYS.vectorChannel, '{"op":"upsert","seq":"x"}');
    await redis.publish(REDIS_KEYS.vectorChannel, 'not json');
    await eventually(() => expect(invalid.length).toBeGreaterThanOrEqual(2));
  });

  it('says when the subscription is back after the connection dropped', async () => {
    // Kill only this suite's subscriber, as Redis would drop it on a network fault.
    const { localAddress, localPort } = subscriber.stream;
    await redis.client('KILL', 'ADDR', `${localAddress}:${localPort}`);
    await eventually(() => expect(resubscribed).toBeGreaterThanOrEqual(1));
    const seq = await publishVectorChange(redis, { op: 'delete-person', personId: randomUUID() });
    await eventually(() => expect(received.some((c) => c.seq === seq)).toBe(true));
  });
});
