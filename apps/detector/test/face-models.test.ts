import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { loadEnvAt } from '@bio/config';
import { createLogger } from '@bio/observability';
import { MemoryBlobs } from '../../../bench/support/memory-blobs';
import { FaceAttributesModel } from '../src/attributes/face-attributes';
import { LivenessModel } from '../src/liveness/liveness-model';
import { createDetectProcessor, openFaceDetector, type DetectProcessor } from '../src';

jest.setTimeout(120_000);

const repoRoot = path.resolve(__dirname, '../../..');
const data = path.resolve(repoRoot, '../shared/data');
const env = loadEnvAt(repoRoot, {});
const logger = createLogger('face-models-test', 'silent');
/** img1.jpg of the deepface set shows a woman in her thirties; the celebrity crop a man in his fifties. */
const woman = readFileSync(path.join(data, 'faces/deepface/img1.jpg'));
const man = readFileSync(path.join(data, 'faces/celebrities/Tom_Hanks/9751.png'));

describe('liveness and attributes on real photos (converted TF.js models)', () => {
  const blobs = new MemoryBlobs();
  let detect: DetectProcessor;
  let close: () => Promise<void>;

  const analyse = async (bytes: Buffer, analyses: Array<'liveness' | 'attributes' | 'image-quality'>) => {
    const result = await detect({ requestId: 'test', blobKey: await blobs.put(bytes), alignTop: 1, analyses });
    if (!result.ok) throw new Error(result.error.message);
    return result;
  };

  beforeAll(async () => {
    const opened = await openFaceDetector(env, logger);
    const liveness = await LivenessModel.open(env, logger);
    const attributes = await FaceAttributesModel.open(env, logger);
    detect = createDetectProcessor({ detector: opened.detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS, liveness, attributes });
    close = async () => void (await Promise.all([opened.close(), liveness.close(), attributes.close()]));
  });
  afterAll(async () => close());

  it('scores a live photo as live, and a quarter-turned copy of it alike (the crop is levelled)', async () => {
    const upright = await analyse(woman, ['liveness']);
    const score = upright.faces[0]!.livenessScore!;
    expect(score).toBeGreaterThanOrEqual(env.LIVENESS_THRESHOLD);
    expect(upright.timings).toHaveProperty('liveness');
    const turned = await analyse(await sharp(woman).rotate(90).jpeg({ quality: 95 }).toBuffer(), ['liveness']);
    expect(turned.orientation).toBe(270);
    expect(Math.abs(turned.faces[0]!.livenessScore! - score)).toBeLessThan(0.1);
  });

  it('tells a woman from a man and gives adult ages and emotion probabilities', async () => {
    const her = (await analyse(woman, ['attributes'])).faces[0]!.attributes!;
    expect(her.gender).toBe('female');
    expect(her.age).toBeGreaterThan(18);
    expect(her.age).toBeLessThan(55);
    expect(Object.values(her.emotions).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    const scene = await sharp({ create: { width: 400, height: 400, channels: 3, background: { r: 128, g: 128, b: 128 } } })
      .composite([{ input: await sharp(man).resize(224).toBuffer(), left: 88, top: 88 }])
      .png()
      .toBuffer();
    const him = (await analyse(scene, ['attributes'])).faces[0]!.attributes!;
    expect(him.gender).toBe('male');
    expect(him.age).toBeGreaterThan(18);
  });

  it('measures the whole image only when asked, and computes no analysis nobody asked for', async () => {
    const bare = await analyse(woman, []);
    expect(bare.imageQuality).toBeUndefined();
    expect(bare.faces[0]).not.toHaveProperty('livenessScore');
    expect(bare.faces[0]).not.toHaveProperty('attributes');
    expect(Object.keys(bare.timings)).not.toEqual(expect.arrayContaining(['liveness']));
    const measured = await analyse(woman, ['image-quality']);
    expect(measured.imageQuality!.sharpness).toBeGreaterThan(0);
    expect(measured.imageQuality!.brightness).toBeGreaterThan(0.1);
    expect(measured.timings).toHaveProperty('image-quality');
  });
});
