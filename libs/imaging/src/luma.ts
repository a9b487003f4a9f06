import type { RgbImage } from './rgb-image';

/** A single-channel float raster, rows top to bottom. */
export interface GreyImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** BT.601 luma (the weights JPEG's YCbCr uses), 0..255 per pixel. */
export function lumaOf(image: RgbImage): GreyImage {
  const { width, height, data } = image;
  const out = new Float32Array(width * height);
  for (let p = 0; p < out.length; p++) {
    out[p] = 0.299 * data[p * 3]! + 0.587 * data[p * 3 + 1]! + 0.114 * data[p * 3 + 2]!;
  }
  return { width, height, data: out };
}
