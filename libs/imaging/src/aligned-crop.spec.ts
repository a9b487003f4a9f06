import type { Affine } from './affine';
import { extractAlignedCrop } from './aligned-crop';
import { createRgbImage, type RgbImage } from './rgb-image';
import { warpAffine } from './warp-affine';

/** Red left half, blue right half. */
function split(size: number): RgbImage {
  const image = createRgbImage(size, size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) image.data.set(x < size / 2 ? [255, 0, 0] : [0, 0, 255], (y * size + x) * 3);
  }
  return image;
}

const pixel = (image: RgbImage, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));

describe('extractAlignedCrop', () => {
  it('shrinks a large face region with the halves where the transform puts them', async () => {
    const source = split(800);
    // Scale 0.14 about the image centre, which lands on the crop centre.
    const s = 0.14;
    const shrink: Affine = { a: s, b: 0, c: 56 - 400 * s, d: 0, e: s, f: 56 - 400 * s };
    const crop = await extractAlignedCrop(source, shrink, 112);
    expect([crop.width, crop.height]).toEqual([112, 112]);
    expect(pixel(crop, 20, 56)).toEqual([255, 0, 0]);
    expect(pixel(crop, 92, 56)).toEqual([0, 0, 255]);
  });

  it('rotates while shrinking', async () => {
    const source = split(800);
    // A quarter turn (x' = -y, y' = x) scaled by 0.2, centre to centre: the red half ends up at the top.
    const s = 0.2;
    const turn: Affine = { a: 0, b: -s, c: 56 + 400 * s, d: s, e: 0, f: 56 - 400 * s };
    const crop = await extractAlignedCrop(source, turn, 112);
    expect(pixel(crop, 56, 10)).toEqual([255, 0, 0]);
    expect(pixel(crop, 56, 100)).toEqual([0, 0, 255]);
  });

  it('equals the plain bilinear warp when enlarging', async () => {
    const source = split(40);
    const grow: Affine = { a: 2.5, b: 0.3, c: -10, d: -0.3, e: 2.5, f: 4 };
    const crop = await extractAlignedCrop(source, grow, 112);
    expect(Buffer.from(crop.data).equals(Buffer.from(warpAffine(source, grow, 112, 112).data))).toBe(true);
  });
});
