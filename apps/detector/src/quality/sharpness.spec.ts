import { binomialBlur, type GreyImage } from '@bio/imaging';
import { sharpness } from './sharpness';

/** A fixed pseudo-random texture (LCG), so the test does not depend on Math.random. */
function texture(size: number, contrast: number, offset: number): GreyImage {
  const data = new Float32Array(size * size);
  let s = 12345;
  for (let p = 0; p < data.length; p++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    data[p] = offset + contrast * (s / 2 ** 31);
  }
  return { width: size, height: size, data };
}

describe('sharpness', () => {
  it('is 0 on a flat image', () => {
    expect(sharpness({ width: 16, height: 16, data: new Float32Array(256).fill(100) })).toBe(0);
  });

  it('falls each time the same texture is blurred further', () => {
    const sharp = texture(64, 200, 20);
    const once = binomialBlur(binomialBlur(sharp));
    const more = binomialBlur(binomialBlur(binomialBlur(binomialBlur(once))));
    expect(sharpness(sharp)).toBeGreaterThan(0.8);
    expect(sharpness(once)).toBeLessThan(sharpness(sharp));
    expect(sharpness(more)).toBeLessThan(sharpness(once));
    expect(sharpness(more)).toBeGreaterThanOrEqual(0);
  });

  it('ignores contrast and brightness', () => {
    expect(sharpness(texture(64, 50, 150))).toBeCloseTo(sharpness(texture(64, 200, 0)), 6);
  });
});
