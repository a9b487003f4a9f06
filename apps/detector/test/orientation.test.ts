import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import sharp from 'sharp';
import { loadEnvAt } from '@bio/config';
import type { QuarterTurn } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { BlobStore, createRedis } from '@bio/queue';
import { FaceEmbedder } from '../../embedder/src/face-embedder';
import { createDetectProcessor, openFaceDetector, type DetectProcessor } from '../src';

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, '../../..');
const photo = readFileSync(path.resolve(repoRoot, '../shared/data/faces/deepface/img2.jpg'));
const env = { ...loadEnvAt(repoRoot, {}), REDIS_URL: 'redis://127.0.0.1:6379/11' };
const logger = createLogger('orientation-test', 'silent');
/**
 * The same photo's aligned crops, turned or not, must embed nearly alike: the cosine of the
 * calibration's FAR 1e-4 point is 0.42, and a crop misaligned by the turn (a sideways or
 * upside-down face) falls far below it, while the crops of one photo stay above 0.8.
 */
const SAME_PHOTO_MIN_COSINE = 0.8;

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, v, i) => sum + v * b[i]!, 0);
}

describe('faces of turned photos', () => {
  let redis: Redis;
  let blobs: BlobStore;
  let detect: DetectProcessor;
  let embedder: FaceEmbedder;
  let closeModels: () => Promise<void>;
  let upright: { embedding: Float32Array; width: number; height: number };

  const analyse = async (bytes: Buffer) => {
    const result = await detect({ requestId: 'test', blobKey: await blobs.put(bytes, 'img'), alignTop: 1, analyses: ['quality'] });
    if (!result.ok) throw new Error(result.error.message);
    const face = result.faces[0];
    if (!face?.alignedCropKey || !face.quality) throw new Error('no aligned face');
    const [embedding] = await embedder.embed([await blobs.get(face.alignedCropKey)]);
    return { result, face, embedding: embedding! };
  };

  beforeAll(async () => {
    redis = createRedis(env.REDIS_URL, 'worker');
    blobs = new BlobStore(redis, 60);
    const opened = await openFaceDetector(env, logger);
    closeModels = opened.close;
    detect = createDetectProcessor({ detector: opened.detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS });
    embedder = await FaceEmbedder.open(env, logger);
    const { result, embedding } = await analyse(photo);
    upright = { embedding, ...result.image };
  });
  afterAll(async () => {
    await Promise.all([closeModels(), embedder.close()]);
    await redis.quit();
  });

  it.each([90, 180, 270] as const)('finds the face of a copy turned %i degrees clockwise, reports the turn back and aligns it upright', async (turn) => {
    const turned = await sharp(photo).rotate().rotate(turn).jpeg({ quality: 95 }).toBuffer();
    const { result, face, embedding } = await analyse(turned);
    const undo = ((360 - turn) % 360) as QuarterTurn;
    expect(result.orientation).toBe(undo);
    expect(result.timings.turns).toBeGreaterThan(0);
    expect(result.image).toEqual(turn === 180 ? { width: upright.width, height: upright.height } : { width: upright.height, height: upright.width });
    // Head-pose roll is the eye line's angle in the image as given: the turn shows there.
    const expectedRoll = turn === 180 ? 180 : turn === 90 ? 90 : -90;
    expect(Math.abs(((face.quality!.roll - expectedRoll + 540) % 360) - 180)).toBeLessThan(25);
    expect(cosine(embedding, upright.embedding)).toBeGreaterThan(SAME_PHOTO_MIN_COSINE);
  });

  it('trusts the upright pass of an upright photo and tries no turn', async () => {
    const { result } = await analyse(photo);
    expect(result.orientation).toBe(0);
    expect(result.timings).not.toHaveProperty('turns');
  });

  // Stored pixels turned so that the EXIF tag's display rotation makes them upright again.
  it.each([
    [6, 270],
    [8, 90],
    [3, 180],
  ] as const)('decodes a JPEG with EXIF orientation %i upright and matches the upright photo', async (orientation, storedTurn) => {
    const stored = await sharp(photo).rotate().rotate(storedTurn).withMetadata({ orientation }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(stored).metadata()).orientation).toBe(orientation);
    const { result, face, embedding } = await analyse(stored);
    expect(result.image).toEqual({ width: upright.width, height: upright.height });
    expect(result.orientation).toBe(0);
    expect(Math.abs(face.quality!.roll)).toBeLessThan(25);
    expect(cosine(embedding, upright.embedding)).toBeGreaterThan(SAME_PHOTO_MIN_COSINE);
  });
});
