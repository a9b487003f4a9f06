/** Scores between speaker embeddings: cosine of L2-normalised vectors. */

export function l2Normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (!(norm > 0)) throw new Error('The speaker embedding is zero or not finite');
  return Float32Array.from(v, (x) => x / norm);
}

/** Cosine of two L2-normalised embeddings of the same model (their dot product). */
export function speakerCosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Speaker embeddings differ in length (${a.length} vs ${b.length})`);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return Math.max(-1, Math.min(1, dot));
}
