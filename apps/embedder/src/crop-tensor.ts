import type { EmbedderPreprocess } from '@bio/inference';

/**
 * Writes one packed-RGB crop into `out` at `offset` as planar NCHW floats,
 * (value - mean) / std, with the planes in the model's channel order.
 */
export function writeCropTensor(crop: Uint8Array, side: number, pre: EmbedderPreprocess, out: Float32Array, offset: number): void {
  const plane = side * side;
  // Source channel index for each output plane: RGB keeps 0,1,2; BGR reads 2,1,0.
  const order = pre.channelOrder === 'rgb' ? [0, 1, 2] : [2, 1, 0];
  for (let c = 0; c < 3; c++) {
    const src = order[c]!;
    const base = offset + c * plane;
    for (let p = 0; p < plane; p++) out[base + p] = (crop[p * 3 + src]! - pre.mean) / pre.std;
  }
}

export function l2Normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (!(norm > 0)) throw new Error('Embedding has zero length');
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}
