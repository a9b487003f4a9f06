import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { loadEnvAt } from '@bio/config';
import { faceDetectResult } from '@bio/contracts';
import { decodeImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { BlobStore, createRedis } from '@bio/queue';
import { alignFace, createDetectProcessor, openFaceDetector, type DetectProcessor, type FaceDetector } from '../src';
import { MaskClassifier } from '../src/mask/mask-classifier';

jest.setTimeout(180_000);

const repoRoot = path.resolve(__dirname, '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data/mask');
const env = {
  ...loadEnvAt(repoRoot, {}),
  REDIS_URL: 'redis://127.0.0.1:6379/11',
};
const logger = createLogger('mask-test', 'silent');

interface HeldOutPhoto {
  file: string;
  label: 0 | 1;
  /** The TypeScript classifier's probability, recorded by training/mask/train-mask.ts. */
  probability: number;
}
const metrics = JSON.parse(readFileSync(path.join(repoRoot, 'models/mask/mask-metrics.json'), 'utf8')) as {
  threshold: number;
  heldOutPhotos: HeldOutPhoto[];
};
const PARITY = 1e-5;

describe('mask analysis on held-out photos of ../shared/data/mask', () => {
  let redis: Redis;
  let blobs: BlobStore;
  let detector: FaceDetector;
  let mask: MaskClassifier;
  let process: DetectProcessor;
  let closeDetector: () => Promise<void>;

  beforeAll(async () => {
    redis = createRedis(env.REDIS_URL, 'worker');
    blobs = new BlobStore(redis, 60);
    const opened = await openFaceDetector(env, logger);
    detector = opened.detector;
    closeDetector = opened.close;
    mask = await MaskClassifier.open(env, logger);
    process = createDetectProcessor({ detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS, mask });
  });
  afterAll(async () => {
    await Promise.all([closeDetector(), mask.close()]);
    await redis.quit();
  });

  const detect = async (file: string, analyses: Array<'quality' | 'mask'>) =>
    process({ requestId: 'test', blobKey: await blobs.put(readFileSync(path.join(dataDir, file)), 'img'), alignTop: 1, analyses });

  // The first correctly classified held-out photos of each class, in the split's order.
  const examples = [0, 1].flatMap((label) =>
    metrics.heldOutPhotos.filter((p) => p.label === label && p.probability >= metrics.threshold === (label === 1)).slice(0, 3),
  );

  it.each(examples.map((p) => [p.file, p] as const))('scores %s end to end through the detect processor', async (_, photo) => {
    const result = await detect(photo.file, ['mask']);
    if (!result.ok) throw new Error(result.error.message);
    expect(faceDetectResult.safeParse(result).success).toBe(true);
    const [face] = result.faces;
    expect(Math.abs(face!.maskScore! - photo.probability)).toBeLessThanOrEqual(PARITY);
    expect(face!.maskScore! >= metrics.threshold).toBe(photo.label === 1);
    expect(result.timings.mask).toBeGreaterThanOrEqual(0);
  });

  it('computes nothing for the mask when the job does not ask for it', async () => {
    const result = await detect(examples[0]!.file, []);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.faces[0]!.maskScore).toBeUndefined();
    expect(result.timings).not.toHaveProperty('mask');
  });

  it('refuses a mask job on a processor built without the mask model', async () => {
    const bare = createDetectProcessor({ detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS });
    await expect(bare({ requestId: 'test', blobKey: 'unused', alignTop: 1, analyses: ['mask'] })).rejects.toThrow(/mask model/);
  });

  it('onnxruntime reproduces the TypeScript classifier on every held-out face within 1e-5', async () => {
    const crops = [];
    for (const photo of metrics.heldOutPhotos) {
      const image = await decodeImage(readFileSync(path.join(dataDir, photo.file)), { maxPixels: env.IMAGE_MAX_PIXELS });
      const [face] = await detector.detect(image);
      crops.push(await alignFace(image, face!.landmarks));
    }
    const scores = await mask.score(crops);
    const worst = Math.max(...scores.map((s, i) => Math.abs(s - metrics.heldOutPhotos[i]!.probability)));
    expect(worst).toBeLessThanOrEqual(PARITY);
  });
});
