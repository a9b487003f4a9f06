import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadEnvAt } from '@bio/config';
import { faceEmbedPayload, faceEmbedResult, QUEUES } from '@bio/contracts';
import { createLogger } from '@bio/observability';
import { startTestProducer, type TestProducer } from '../../../libs/queue/test/support/test-job-runner';
import { BlobStore, bufferToFloat32, createRedis } from '@bio/queue';
import { createDetectProcessor, openFaceDetector } from '../../detector/src';
import { createEmbedderWorker, createEmbedProcessor, FaceEmbedder, type EmbedProcessor } from '../src';

jest.setTimeout(90_000);

const repoRoot = path.resolve(__dirname, '../../..');
const deepfaceDir = path.resolve(repoRoot, '../shared/data/faces/deepface');
const env = {
  ...loadEnvAt(repoRoot, {}),
  REDIS_URL: 'redis://127.0.0.1:6379/12',
};
const logger = createLogger('embedder-test', 'silent');

/** Labelled pairs of deepface's master.csv (file_x, file_y, Decision). */
function masterPairs(): Array<{ x: string; y: string; same: boolean }> {
  return readFileSync(path.join(deepfaceDir, 'master.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','))
    .map(([x, y, decision]) => ({ x: x!, y: y!, same: decision!.trim() === 'Yes' }));
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('embedder on real faces (detector crops of deepface photos)', () => {
  let redis: Redis;
  let blobs: BlobStore;
  let embedder: FaceEmbedder;
  let embed: EmbedProcessor;
  let cropOf: (file: string) => Promise<string>;
  let closeDetector: () => Promise<void>;

  beforeAll(async () => {
    redis = createRedis(env.REDIS_URL, 'worker');
    blobs = new BlobStore(redis, 120);
    const opened = await openFaceDetector(env, logger);
    closeDetector = opened.close;
    const detect = createDetectProcessor({ detector: opened.detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS });
    cropOf = async (file) => {
      const result = await detect({ requestId: file, blobKey: await blobs.put(readFileSync(path.join(deepfaceDir, file)), 'img'), alignTop: 1, analyses: [] });
      if (!result.ok || !result.faces[0]?.alignedCropKey) throw new Error(`no face in ${file}`);
      return result.faces[0].alignedCropKey;
    };
    embedder = await FaceEmbedder.open(env, logger);
    embed = createEmbedProcessor({ embedder, blobs });
  });
  afterAll(async () => {
    await Promise.all([closeDetector(), embedder.close()]);
    await redis.quit();
  });

  it('names weights, input convention and alignment in its model id', () => {
    expect(embedder.modelId).toBe('faceplugin-fr_feature@0.0.1/bgr-127-128/arcface112-blazeface-v1');
    expect(embedder.dimension).toBe(512);
  });

  it('scores same-person pairs of master.csv clearly above different-person pairs', async () => {
    const pairs = masterPairs();
    const chosen = [...pairs.filter((p) => p.same).slice(0, 5), ...pairs.filter((p) => !p.same).slice(0, 5)];
    const files = [...new Set(chosen.flatMap((p) => [p.x, p.y]))];
    const cropKeys = await Promise.all(files.map(cropOf));
    // One job embeds every crop (batched by the processor).
    const result = await embed({ requestId: 'pairs', cropKeys: cropKeys.slice(0, 16) });
    if (!result.ok) throw new Error(result.error.message);
    expect(faceEmbedResult.safeParse(result).success).toBe(true);
    expect(result.embeddingKeys).toHaveLength(Math.min(16, files.length));
    const vectors = new Map<string, Float32Array>();
    for (const [i, key] of result.embeddingKeys.entries()) vectors.set(files[i]!, bufferToFloat32(await blobs.get(key)));
    const usable = chosen.filter((p) => vectors.has(p.x) && vectors.has(p.y));
    const score = (p: { x: string; y: string }) => dot(vectors.get(p.x)!, vectors.get(p.y)!);
    const genuine = usable.filter((p) => p.same).map(score);
    const impostor = usable.filter((p) => !p.same).map(score);
    expect(genuine.length).toBeGreaterThanOrEqual(3);
    expect(impostor.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...genuine)).toBeGreaterThan(Math.max(...impostor) + 0.2);
    for (const v of vectors.values()) expect(dot(v, v)).toBeCloseTo(1, 5);
  });

  it('gives the same vector for a crop alone and inside a batch', async () => {
    const [a, b] = await Promise.all([cropOf('img1.jpg'), cropOf('img2.jpg')]);
    const alone = await embed({ requestId: 'a', cropKeys: [a] });
    const batch = await embed({ requestId: 'ab', cropKeys: [b, a] });
    if (!alone.ok || !batch.ok) throw new Error('embedding failed');
    const v1 = bufferToFloat32(await blobs.get(alone.embeddingKeys[0]!));
    const v2 = bufferToFloat32(await blobs.get(batch.embeddingKeys[1]!));
    expect(dot(v1, v2)).toBeCloseTo(1, 5);
  });

  it('refuses a blob that is not a 112x112 RGB crop', async () => {
    const key = await blobs.put(Buffer.alloc(100), 'crop');
    await expect(embed({ requestId: 'bad', cropKeys: [key] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('embedder worker on its queue', () => {
  let worker: Worker;
  let producer: TestProducer;

  beforeAll(async () => {
    worker = await createEmbedderWorker(env, logger);
    producer = await startTestProducer(env.REDIS_URL);
  });
  afterAll(async () => {
    await producer.close();
    await worker.close();
  });

  it('answers a job with one embedding key per crop', async () => {
    const { runner, blobs } = producer;
    const grey = Buffer.alloc(112 * 112 * 3, 128);
    const result = await runner.run(QUEUES.embed, faceEmbedPayload, faceEmbedResult, {
      requestId: 'w',
      cropKeys: [await blobs.put(grey, 'crop'), await blobs.put(grey, 'crop')],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.embeddingKeys).toHaveLength(2);
    expect((await blobs.get(result.embeddingKeys[0]!)).length).toBe(512 * 4);
  });
});
