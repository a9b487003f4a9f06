import { createRgbImage, type RgbImage } from '@bio/imaging';
import { colorDegradation } from './color';

function filled(width: number, height: number, rgb: (p: number) => [number, number, number]): RgbImage {
  const image = createRgbImage(width, height);
  for (let p = 0; p < width * height; p++) image.data.set(rgb(p), p * 3);
  return image;
}

describe('colorDegradation', () => {
  it('is 1 for a greyscale picture and 0 for a skin-coloured one', () => {
    expect(colorDegradation(filled(4, 4, (p) => [p * 10, p * 10, p * 10]))).toBe(1);
    expect(colorDegradation(filled(4, 4, () => [200, 150, 120]))).toBe(0);
  });

  it('is the share of grey pixels', () => {
    expect(colorDegradation(filled(4, 1, (p) => (p === 0 ? [90, 90, 92] : [200, 150, 120])))).toBe(0.25);
  });
});
