import { AppError } from '@bio/contracts';

/** Euclidean length; a zero or non-finite vector has no direction, so no cosine. */
function lengthOf(v: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const length = Math.sqrt(sum);
  if (!(length > 0) || !Number.isFinite(length)) {
    throw new AppError('VALIDATION_FAILED', 'An embedding must be finite and non-zero');
  }
  return length;
}

/** A unit-length copy, so that a dot product with it is a cosine. */
export function l2Normalised(v: Float32Array): Float32Array {
  const length = lengthOf(v);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / length;
  return out;
}

export function assertDimension(v: Float32Array, dimension: number): void {
  if (v.length !== dimension) {
    throw new AppError('VALIDATION_FAILED', `Embedding has ${v.length} dimensions where ${dimension} are expected`);
  }
}

/** Cosine similarity; inputs need not be normalised. */
export function cosine(a: Float32Array, b: Float32Array): number {
  assertDimension(b, a.length);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot / (lengthOf(a) * lengthOf(b));
}
