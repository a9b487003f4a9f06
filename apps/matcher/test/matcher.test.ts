import { randomUUID } from 'node:crypto';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadEnv } from '@bio/config';
import { QUEUES, REDIS_KEYS, matchPayload, matchResult, type MatchPayload, type MatchResult } from '@bio/contracts';
import { createLogger } from '@bio/observability';
import { BlobStore, createRedis, float32ToBuffer } from '@bio/queue';
import { startTestProducer, type TestProducer } from '../../../libs/queue/test/support/test-job-runner';
import { publishVectorChange, type SourceTemplate } from '@bio/vector';
import { SEQ_WAIT_MS, createMatcherWorker } from '../src';
import { InMemoryTemplateSource } from './in-memory-template-source';

/**
 * The matcher worker in-process on a real Redis and real BullMQ, over an in-memory source.
 * A database of its own keeps other suites' workers off this queue; the pub/sub channel is
 * server-wide, so stray broadcasts can only cause extra loads, which the assertions allow.
 */
const REDIS_URL = `${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'}/11`;
const DIMENSION = 8;

describe('matcher worker', () => {
  const env = loadEnv({ REDIS_URL, LOG_LEVEL: 'silent' });
  const galleryId = randomUUID();
  const modelId = `matcher-test-${randomUUID()}`;
  const source = new InMemoryTemplateSource();
  let worker: Worker;
  let redis: Redis;
  let producer: TestProducer;
  let blobs: BlobStore;

  /** A unit vector along axis `axis`, tilted by `tilt` towards the next axis. */
  const direction = (axis: number, tilt = 0) =>
    Float32Array.from({ length: DIMENSION }, (_, i) => (i === axis ? 1 : i === (axis + 1) % DIMENSION ? tilt : 0));
  const template = (embedding: Float32Array, personId = randomUUID()): SourceTemplate => ({
    templateId: randomUUID(), personId, galleryId, modelId, embedding,
  });
  const upsertOf = (t: SourceTemplate) =>
    ({ op: 'upsert', templateId: t.templateId, personId: t.personId, galleryId: t.galleryId, modelId: t.modelId }) as const;
  const match = async (payload: MatchPayload): Promise<MatchResult> =>
    producer.runner.run(QUEUES.match, matchPayload, matchResult, payload);
  const matches = async (payload: MatchPayload) => {
    const result = await match(payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.matches;
  };
  const identify = async (probe: Float32Array, minSeq = 0, topK = 5) =>
    matches({
      op: 'identify', requestId: randomUUID(), embeddingKey: await blobs.put(float32ToBuffer(probe)),
      modelId, galleryId, topK, minSeq,
    });

  const alice = randomUUID();
  const bob = randomUUID();

  beforeAll(async () => {
    source.add(template(direction(0, 0.1), alice), template(direction(0, 0.3), alice), template(direction(0, 0.2), bob));
    redis = createRedis(REDIS_URL, 'worker');
    blobs = new BlobStore(redis, 60);
    worker = await createMatcherWorker(env, createLogger('matcher-test', 'silent'), { source });
    producer = await startTestProducer(REDIS_URL, 10_000);
  });

  afterAll(async () => {
    await producer.close();
    await worker.close();
    await redis.quit();
  });

  it('identifies persons best first, each at its best template', async () => {
    const found = await identify(direction(0), 0, 2);
    expect(found.map((m) => m.personId)).toEqual([alice, bob]);
    expect(found[0].score).toBeCloseTo(1 / Math.hypot(1, 0.1), 5);
    expect(found[1].score).toBeCloseTo(1 / Math.hypot(1, 0.2), 5);
  });

  it('searches only templates of the probe\'s model', async () => {
    const found = await matches({
      op: 'identify', requestId: randomUUID(), embeddingKey: await blobs.put(float32ToBuffer(direction(0))),
      modelId: `${modelId}-other`, galleryId, topK: 5, minSeq: 0,
    });
    expect(found).toEqual([]);
  });

  it('sees a template as soon as the identify is fenced at its broadcast seq', async () => {
    const carol = template(direction(1));
    source.add(carol);
    const seq = await publishVectorChange(redis, upsertOf(carol));
    const [best] = await identify(direction(1), seq);
    expect(best).toEqual({ personId: carol.personId, score: expect.closeTo(1, 5) });
  });

  it('loads from the source when a seq is skipped', async () => {
    const dave = template(direction(2));
    source.add(dave);
    await redis.incr(REDIS_KEYS.vectorSeq); // a change whose broadcast was lost
    const loadsBefore = source.loads;
    const started = Date.now();
    const seq = await publishVectorChange(redis, { op: 'delete-template', templateIds: [] });
    const [best] = await identify(direction(2), seq);
    expect(best.personId).toBe(dave.personId);
    expect(source.loads).toBeGreaterThan(loadsBefore);
    // The gap itself triggered the load, not the identify giving up waiting.
    expect(Date.now() - started).toBeLessThan(SEQ_WAIT_MS);
  });

  it('loads from the source when the awaited seq never arrives', async () => {
    const erin = template(direction(3));
    source.add(erin);
    const seq = await redis.incr(REDIS_KEYS.vectorSeq);
    const [best] = await identify(direction(3), seq);
    expect(best.personId).toBe(erin.personId);
  });

  it('drops a deleted person from the results', async () => {
    const frank = template(direction(4));
    source.add(frank);
    await identify(direction(4), await publishVectorChange(redis, upsertOf(frank)));
    source.removePerson(frank.personId);
    const seq = await publishVectorChange(redis, { op: 'delete-person', personId: frank.personId });
    const found = await identify(direction(4), seq);
    expect(found.map((m) => m.personId)).not.toContain(frank.personId);
  });

  it('verifies against the source directly, with the best of the person\'s templates', async () => {
    const grace = randomUUID();
    source.add(template(direction(5, 0.5), grace), template(direction(5, 0.1), grace)); // never broadcast
    const embeddingKey = await blobs.put(float32ToBuffer(direction(5)));
    const verified = await matches({ op: 'verify', requestId: randomUUID(), embeddingKey, modelId, galleryId, personId: grace });
    expect(verified).toEqual([{ personId: grace, score: expect.closeTo(1 / Math.hypot(1, 0.1), 5) }]);
    const other = await matches({ op: 'verify', requestId: randomUUID(), embeddingKey, modelId: `${modelId}-other`, galleryId, personId: grace });
    expect(other).toEqual([]);
  });

  it('compares two embeddings by cosine', async () => {
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([4, 3, 2, 1]);
    const keys = [await blobs.put(float32ToBuffer(a)), await blobs.put(float32ToBuffer(b))] as [string, string];
    expect(await matches({ op: 'compare', requestId: randomUUID(), embeddingKeys: keys })).toEqual([
      { personId: null, score: expect.closeTo(20 / 30, 5) },
    ]);
  });

  it('answers bad embeddings with VALIDATION_FAILED', async () => {
    const fourD = await blobs.put(float32ToBuffer(Float32Array.from([1, 0, 0, 0])));
    const threeD = await blobs.put(float32ToBuffer(Float32Array.from([1, 0, 0])));
    const ragged = await blobs.put(Buffer.from([1, 2, 3]));
    for (const embeddingKeys of [[fourD, threeD], [fourD, ragged]] as Array<[string, string]>) {
      expect(await match({ op: 'compare', requestId: randomUUID(), embeddingKeys })).toMatchObject({
        ok: false, error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(await match({
      op: 'identify', requestId: randomUUID(), embeddingKey: threeD, modelId, galleryId, topK: 1, minSeq: 0,
    })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
