import type { Affine } from './affine';
import { createRgbImage, type RgbImage } from './rgb-image';
import { warpAffine } from './warp-affine';

/** A horizontal ramp in red, a vertical one in green, constant blue. */
function ramp(width: number, height: number): RgbImage {
  const image = createRgbImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      image.data.set([x * 10, y * 10, 77], (y * width + x) * 3);
    }
  }
  return image;
}

const pixel = (image: RgbImage, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));

describe('warpAffine', () => {
  const source = ramp(20, 20);

  it('copies pixels exactly under the identity', () => {
    const out = warpAffine(source, { a: 1, b: 0, c: 0, d: 0, e: 1, f: 0 }, 20, 20);
    expect(Buffer.from(out.data).equals(Buffer.from(source.data))).toBe(true);
  });

  it('shifts by whole pixels', () => {
    const out = warpAffine(source, { a: 1, b: 0, c: -3, d: 0, e: 1, f: -5 }, 10, 10);
    expect(pixel(out, 0, 0)).toEqual(pixel(source, 3, 5));
    expect(pixel(out, 9, 9)).toEqual(pixel(source, 12, 14));
  });

  it('interpolates linearly between pixel centres', () => {
    const halfStep: Affine = { a: 1, b: 0, c: -0.5, d: 0, e: 1, f: 0 };
    const out = warpAffine(source, halfStep, 10, 10);
    expect(pixel(out, 2, 4)).toEqual([25, 40, 77]);
  });

  it('rotates a quarter turn about the image centre', () => {
    // Target (x', y') = (20 - y, x): a clockwise quarter turn in image coordinates.
    const turn: Affine = { a: 0, b: -1, c: 20, d: 1, e: 0, f: 0 };
    const out = warpAffine(source, turn, 20, 20);
    // Target pixel centre (i+.5, j+.5) comes from source (j+.5, 20-i-.5), i.e. source pixel (j, 19-i).
    expect(pixel(out, 3, 7)).toEqual(pixel(source, 7, 16));
  });

  it('fills with black outside the source', () => {
    const out = warpAffine(source, { a: 1, b: 0, c: 100, d: 0, e: 1, f: 0 }, 4, 4);
    expect(Array.from(out.data).every((v) => v === 0)).toBe(true);
  });
});
