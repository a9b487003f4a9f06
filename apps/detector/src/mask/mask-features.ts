import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import type { RgbImage } from '@bio/imaging';

/** Side of the greyscale thumbnail: coarse enough that the source photo's resolution (which differs between the training classes) leaves no trace. */
const THUMB = 16;
const CELL = ALIGNED_CROP_SIZE / THUMB;
/** Rows of the aligned crop around the eyes (never masked) and around mouth and chin (covered by a mask). */
const UPPER_ROWS: readonly [number, number] = [40, 64];
const LOWER_ROWS: readonly [number, number] = [72, ALIGNED_CROP_SIZE];
const REGION_STATS = 8;

export const MASK_FEATURE_COUNT = THUMB * THUMB + 2 * REGION_STATS;

/**
 * The mask classifier's input for one ArcFace-aligned 112x112 crop: a 16x16 greyscale
 * thumbnail normalised to zero mean and unit variance (so exposure does not matter), then
 * per region (eyes, then mouth and chin) the mean and standard deviation of R, G, B and
 * the mean saturation — a mask changes the lower face's colour against the upper face's skin —
 * and the mean absolute luma step between neighbouring pixels: fabric is smooth where a beard
 * or stubble, which also darkens the lower face, is textured.
 */
export function maskFeatures(crop: RgbImage): Float32Array {
  if (crop.width !== ALIGNED_CROP_SIZE || crop.height !== ALIGNED_CROP_SIZE) {
    throw new Error(`mask features need a ${ALIGNED_CROP_SIZE}x${ALIGNED_CROP_SIZE} aligned crop, got ${crop.width}x${crop.height}`);
  }
  const out = new Float32Array(MASK_FEATURE_COUNT);
  writeThumbnail(crop, out);
  writeRegionStats(crop, UPPER_ROWS, out, THUMB * THUMB);
  writeRegionStats(crop, LOWER_ROWS, out, THUMB * THUMB + REGION_STATS);
  return out;
}

function writeThumbnail({ data }: RgbImage, out: Float32Array): void {
  for (let ty = 0; ty < THUMB; ty++) {
    for (let tx = 0; tx < THUMB; tx++) {
      let sum = 0;
      for (let y = ty * CELL; y < (ty + 1) * CELL; y++) {
        for (let x = tx * CELL; x < (tx + 1) * CELL; x++) {
          const p = (y * ALIGNED_CROP_SIZE + x) * 3;
          sum += luma(data, p);
        }
      }
      out[ty * THUMB + tx] = sum / (CELL * CELL);
    }
  }
  const n = THUMB * THUMB;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += out[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (out[i]! - mean) ** 2;
  // A flat crop has no contrast to normalise; the floor keeps it finite.
  const std = Math.max(Math.sqrt(variance / n), 1);
  for (let i = 0; i < n; i++) out[i] = (out[i]! - mean) / std;
}

function writeRegionStats({ data }: RgbImage, [top, bottom]: readonly [number, number], out: Float32Array, at: number): void {
  const sum = [0, 0, 0];
  const squares = [0, 0, 0];
  let saturation = 0;
  let texture = 0;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < ALIGNED_CROP_SIZE; x++) {
      const p = (y * ALIGNED_CROP_SIZE + x) * 3;
      // Steps to the right and downwards neighbour, inside the region only.
      if (x + 1 < ALIGNED_CROP_SIZE) texture += Math.abs(luma(data, p + 3) - luma(data, p));
      if (y + 1 < bottom) texture += Math.abs(luma(data, p + ALIGNED_CROP_SIZE * 3) - luma(data, p));
      let max = 0;
      let min = 255;
      for (let c = 0; c < 3; c++) {
        const v = data[p + c]!;
        sum[c]! += v;
        squares[c]! += v * v;
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
      saturation += max > 0 ? (max - min) / max : 0;
    }
  }
  const n = (bottom - top) * ALIGNED_CROP_SIZE;
  for (let c = 0; c < 3; c++) {
    const mean = sum[c]! / n;
    out[at + c] = mean / 255;
    out[at + 3 + c] = Math.sqrt(Math.max(squares[c]! / n - mean * mean, 0)) / 255;
  }
  out[at + 6] = saturation / n;
  const steps = (bottom - top) * (ALIGNED_CROP_SIZE - 1) + (bottom - top - 1) * ALIGNED_CROP_SIZE;
  out[at + 7] = texture / steps / 255;
}

function luma(data: RgbImage['data'], p: number): number {
  return 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
}
