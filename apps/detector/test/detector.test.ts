import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadEnvAt } from '@bio/config';
import { ALIGNED_CROP_BYTES, AppError, faceDetectPayload, faceDetectResult, QUEUES, type DetectedFace } from '@bio/contracts';
import { createLogger } from '@bio/observability';
import { startTestProducer, type TestProducer } from '../../../libs/queue/test/support/test-job-runner';
import { BlobStore, createRedis } from '@bio/queue';
import { createDetectorWorker, createDetectProcessor, openFaceDetector, type DetectProcessor } from '../src';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');
const deepface = (name: string) => readFileSync(path.resolve(repoRoot, '../shared/data/faces/deepface', name));
// A database of its own, so jobs of other test runs on the same Redis never meet these workers.
const env = {
  ...loadEnvAt(repoRoot, {}),
  REDIS_URL: 'redis://127.0.0.1:6379/11',
};
const logger = createLogger('detector-test', 'silent');

function inside(face: DetectedFace, [x, y]: [number, number]): boolean {
  const { box } = face;
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

describe('detect processor on real photos', () => {
  let redis: Redis;
  let blobs: BlobStore;
  let process: DetectProcessor;
  let closeModels: () => Promise<void>;

  beforeAll(async () => {
    redis = createRedis(env.REDIS_URL, 'worker');
    blobs = new BlobStore(redis, 60);
    const opened = await openFaceDetector(env, logger);
    closeModels = opened.close;
    process = createDetectProcessor({ detector: opened.detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS });
  });
  afterAll(async () => {
    await closeModels();
    await redis.quit();
  });

  const detect = async (file: string, alignTop = 1) =>
    process({ requestId: 'test', blobKey: await blobs.put(deepface(file), 'img'), alignTop, analyses: [] });

  it('finds the one face of a single-person photo, keypoints inside its box, with an aligned crop', async () => {
    const result = await detect('img1.jpg');
    if (!result.ok) throw new Error(result.error.message);
    expect(faceDetectResult.safeParse(result).success).toBe(true);
    expect(result.image).toEqual({ width: 1382, height: 1868 });
    expect(result.faces).toHaveLength(1);
    const [face] = result.faces;
    expect(face!.score).toBeGreaterThan(0.75);
    expect(face!.box.width).toBeGreaterThan(300);
    for (const point of Object.values(face!.landmarks).slice(0, 4)) expect(inside(face!, point)).toBe(true);
    const { leftEye, rightEye, nose, mouth } = face!.landmarks;
    expect(leftEye[0]).toBeLessThan(rightEye[0]);
    expect(nose[1]).toBeGreaterThan(leftEye[1]);
    expect(mouth[1]).toBeGreaterThan(nose[1]);
    expect((await blobs.get(face!.alignedCropKey!)).length).toBe(ALIGNED_CROP_BYTES);
    expect(Object.keys(result.timings).sort()).toEqual(['align', 'decode', 'detect']);
  });

  it('finds both people of couple.jpg and several in selfie-many-people.jpg, largest first', async () => {
    const couple = await detect('couple.jpg', 2);
    const selfie = await detect('selfie-many-people.jpg', 16);
    if (!couple.ok || !selfie.ok) throw new Error('detection failed');
    expect(couple.faces).toHaveLength(2);
    expect(couple.faces.every((f) => f.alignedCropKey)).toBe(true);
    expect(selfie.faces.length).toBeGreaterThanOrEqual(4);
    const areas = selfie.faces.map((f) => f.box.width * f.box.height);
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    // Faces apart from each other: no box centre falls inside another face's box.
    for (const f of selfie.faces) {
      const centre: [number, number] = [f.box.x + f.box.width / 2, f.box.y + f.box.height / 2];
      expect(selfie.faces.filter((g) => inside(g, centre))).toEqual([f]);
    }
  });

  it('aligns only the requested number of faces', async () => {
    const result = await detect('couple.jpg', 1);
    if (!result.ok) throw new Error('detection failed');
    expect(result.faces.map((f) => Boolean(f.alignedCropKey))).toEqual([true, false]);
  });

  it('refuses what is not an image', async () => {
    const key = await blobs.put(Buffer.from('this is a text file, not a photo\n'), 'img');
    await expect(process({ requestId: 't', blobKey: key, alignTop: 1, analyses: [] })).rejects.toMatchObject({ code: 'UNSUPPORTED_IMAGE_FORMAT' });
    await expect(process({ requestId: 't', blobKey: key, alignTop: 1, analyses: [] })).rejects.toBeInstanceOf(AppError);
  });
});

describe('detector worker on its queue', () => {
  let worker: Worker;
  let producer: TestProducer;

  beforeAll(async () => {
    worker = await createDetectorWorker(env, logger);
    producer = await startTestProducer(env.REDIS_URL);
  });
  afterAll(async () => {
    await producer.close();
    await worker.close();
  });

  it('answers a job with faces, and a bad image with an error result', async () => {
    const { runner, blobs } = producer;
    const good = await runner.run(QUEUES.detect, faceDetectPayload, faceDetectResult, {
      requestId: 'w1',
      blobKey: await blobs.put(deepface('img2.jpg'), 'img'),
    });
    expect(good.ok && good.faces.length === 1 && Boolean(good.faces[0]!.alignedCropKey)).toBe(true);
    const half = deepface('img2.jpg').subarray(0, 40_000);
    const bad = await runner.run(QUEUES.detect, faceDetectPayload, faceDetectResult, { requestId: 'w2', blobKey: await blobs.put(half, 'img') });
    expect(bad).toEqual({ ok: false, error: { code: 'IMAGE_DECODE_FAILED', message: expect.any(String) } });
  });
});
