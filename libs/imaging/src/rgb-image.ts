/**
 * An upright 8-bit RGB raster, rows top to bottom, 3 bytes per pixel, no padding.
 * Coordinates on it are continuous: pixel (i, j) covers [i, i+1) x [j, j+1), its centre is (i+0.5, j+0.5).
 */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type Point = [number, number];

export function createRgbImage(width: number, height: number): RgbImage {
  return { width, height, data: new Uint8Array(width * height * 3) };
}
