import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { createRgbImage, type RgbImage } from '@bio/imaging';
import { MASK_FEATURE_COUNT, maskFeatures } from './mask-features';

const THUMBNAIL = 16 * 16;

function crop(pixel: (x: number, y: number) => [number, number, number]): RgbImage {
  const image = createRgbImage(ALIGNED_CROP_SIZE, ALIGNED_CROP_SIZE);
  for (let y = 0; y < ALIGNED_CROP_SIZE; y++) {
    for (let x = 0; x < ALIGNED_CROP_SIZE; x++) image.data.set(pixel(x, y), (y * ALIGNED_CROP_SIZE + x) * 3);
  }
  return image;
}

describe('maskFeatures', () => {
  it('gives the thumbnail, then mean, std, saturation and texture of the eye rows and of the mouth rows', () => {
    // Eye rows (40-63) one colour, mouth and chin rows (72-111) another: each region is uniform.
    const features = maskFeatures(crop((_, y) => (y < 64 ? [200, 100, 50] : [60, 120, 240])));
    expect(features).toHaveLength(MASK_FEATURE_COUNT);
    const upper = Array.from(features.subarray(THUMBNAIL, THUMBNAIL + 8));
    const lower = Array.from(features.subarray(THUMBNAIL + 8));
    [200 / 255, 100 / 255, 50 / 255, 0, 0, 0, 0.75, 0].forEach((v, i) => expect(upper[i]).toBeCloseTo(v, 6));
    [60 / 255, 120 / 255, 240 / 255, 0, 0, 0, 0.75, 0].forEach((v, i) => expect(lower[i]).toBeCloseTo(v, 6));
  });

  it('leaves the thumbnail unchanged when the crop is brighter or has more contrast', () => {
    const grey = (x: number, y: number) => 40 + ((x * 7 + y * 3) % 60);
    const base = maskFeatures(crop((x, y) => [grey(x, y), grey(x, y), grey(x, y)]));
    const brighter = maskFeatures(crop((x, y) => [2 * grey(x, y) + 20, 2 * grey(x, y) + 20, 2 * grey(x, y) + 20]));
    for (let i = 0; i < THUMBNAIL; i++) expect(brighter[i]).toBeCloseTo(base[i]!, 5);
    // The region means do see the change: exposure is not what the thumbnail encodes.
    expect(brighter[THUMBNAIL]).toBeGreaterThan(base[THUMBNAIL]!);
  });

  it('measures texture as the mean luma step between neighbours: a striped chin is rougher than a plain one', () => {
    const plain = maskFeatures(crop(() => [90, 90, 90]));
    // Vertical stripes of 0 and 100 below row 72: every horizontal step is 100, every vertical step 0.
    const striped = maskFeatures(crop((x, y) => (y >= 72 && x % 2 === 1 ? [100, 100, 100] : [0, 0, 0])));
    const lowerTexture = THUMBNAIL + 2 * 8 - 1;
    expect(plain[lowerTexture]).toBe(0);
    const steps = 40 * 111 + 39 * 112;
    expect(striped[lowerTexture]).toBeCloseTo((40 * 111 * 100) / steps / 255, 5);
  });

  it('keeps a flat crop finite', () => {
    expect(maskFeatures(crop(() => [128, 128, 128])).every(Number.isFinite)).toBe(true);
  });

  it('refuses a crop of another size', () => {
    expect(() => maskFeatures(createRgbImage(64, 64))).toThrow(/112x112/);
  });
});
