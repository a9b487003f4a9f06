import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Redis } from 'ioredis';
import { faceDetectResult } from '@bio/contracts';
import { decodeImage, type RgbImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { BlobStore, createRedis } from '@bio/queue';
import { blueTinted, blurredForFace, brightened, darkened, greyscale, orangeTinted } from '../../../bench/quality/degraded-copies';
import { createDetectProcessor, openFaceDetector, type DetectProcessor } from '../src';
import { loadEnvAt, loadQualityThresholds, QUALITY_THRESHOLDS_FILE, qualityFailures } from '@bio/config';
import type { FaceQuality } from '../src/quality';

jest.setTimeout(60_000);

const repoRoot = path.resolve(__dirname, '../../..');
const GOOD_PHOTO = path.resolve(repoRoot, '../shared/data/faces/deepface/img1.jpg');
const env = {
  ...loadEnvAt(repoRoot, {}),
  REDIS_URL: 'redis://127.0.0.1:6379/11',
};
const thresholds = loadQualityThresholds(path.join(repoRoot, QUALITY_THRESHOLDS_FILE));

describe('face quality on a real photo and its degraded copies', () => {
  let redis: Redis;
  let blobs: BlobStore;
  let process: DetectProcessor;
  let closeModels: () => Promise<void>;
  let original: RgbImage;

  beforeAll(async () => {
    redis = createRedis(env.REDIS_URL, 'worker');
    blobs = new BlobStore(redis, 60);
    const opened = await openFaceDetector(env, createLogger('quality-test', 'silent'));
    closeModels = opened.close;
    process = createDetectProcessor({ detector: opened.detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS });
    original = await decodeImage(readFileSync(GOOD_PHOTO), { maxPixels: env.IMAGE_MAX_PIXELS });
  });
  afterAll(async () => {
    await closeModels();
    await redis.quit();
  });

  const detect = async (bytes: Uint8Array, analyses: ('quality' | 'mask')[]) => {
    const result = await process({ requestId: 'test', blobKey: await blobs.put(Buffer.from(bytes), 'img'), alignTop: 1, analyses });
    if (!result.ok) throw new Error(result.error.message);
    expect(faceDetectResult.safeParse(result).success).toBe(true);
    return result;
  };
  const asPng = (image: RgbImage) =>
    sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
  const qualityOf = async (image: RgbImage): Promise<FaceQuality> => {
    const [face] = (await detect(await asPng(image), ['quality'])).faces;
    if (!face?.quality) throw new Error('no face measured');
    return face.quality;
  };

  it('measures nothing unless asked', async () => {
    const result = await detect(readFileSync(GOOD_PHOTO), []);
    expect(result.faces[0]!.quality).toBeUndefined();
    expect(result.timings.quality).toBeUndefined();
  });

  it('passes the good photo on every threshold, with a quality timing', async () => {
    const result = await detect(readFileSync(GOOD_PHOTO), ['quality']);
    expect(result.timings.quality).toBeGreaterThan(0);
    expect(qualityFailures(result.faces[0]!.quality!, thresholds)).toEqual([]);
  });

  it('fails the darkened copy on underexposure, the brightened on overexposure, the blurred on sharpness', async () => {
    const [face] = (await detect(readFileSync(GOOD_PHOTO), [])).faces;
    expect(qualityFailures(await qualityOf(darkened(original)), thresholds)).toContain('underexposure');
    expect(qualityFailures(await qualityOf(brightened(original)), thresholds)).toContain('overexposure');
    expect(qualityFailures(await qualityOf(await blurredForFace(original, face!.box.width)), thresholds)).toEqual(['sharpness']);
  });

  it('fails the greyscale copy on colour alone', async () => {
    expect(qualityFailures(await qualityOf(greyscale(original)), thresholds)).toEqual(['color']);
  });

  it('fails the blue- and orange-tinted copies on colour', async () => {
    expect(qualityFailures(await qualityOf(blueTinted(original)), thresholds)).toContain('color');
    expect(qualityFailures(await qualityOf(orangeTinted(original)), thresholds)).toContain('color');
  });
});
