import type { GreyImage } from './luma';

/**
 * Variance of the 4-neighbour Laplacian over the interior pixels (the border has no full
 * neighbourhood). 0 for images smaller than 3x3.
 */
export function laplacianVariance(grey: GreyImage): number {
  const { width: w, height: h, data } = grey;
  if (w < 3 || h < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      const lap = data[p - 1]! + data[p + 1]! + data[p - w]! + data[p + w]! - 4 * data[p]!;
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const n = (w - 2) * (h - 2);
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** The image smoothed with the separable 3-tap binomial kernel [1 2 1]/4, edges clamped. */
export function binomialBlur(grey: GreyImage): GreyImage {
  const { width: w, height: h, data } = grey;
  const rows = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      rows[p] = (data[y * w + Math.max(0, x - 1)]! + 2 * data[p]! + data[y * w + Math.min(w - 1, x + 1)]!) / 4;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      out[y * w + x] = (rows[Math.max(0, y - 1) * w + x]! + 2 * rows[y * w + x]! + rows[Math.min(h - 1, y + 1) * w + x]!) / 4;
    }
  }
  return { width: w, height: h, data: out };
}
