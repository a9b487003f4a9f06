import { symmetricEigen } from './symmetric-matrix';

/** y = (x - mean) P: the principal directions of the frames, each scaled to unit variance. */
export interface FrameWhitening {
  inputs: number;
  outputs: number;
  mean: Float64Array;
  /** Row-major [inputs x outputs]. */
  projection: Float64Array;
}

/**
 * PCA whitening of fbank frames (rows of `x`, row-major [rows x inputs]): log-mel bins are
 * strongly correlated, and a diagonal-covariance GMM models decorrelated values far better.
 */
export function fitFrameWhitening(x: Float32Array, rows: number, inputs: number, outputs: number): FrameWhitening {
  const mean = new Float64Array(inputs);
  for (let r = 0; r < rows; r++) for (let i = 0; i < inputs; i++) mean[i] += x[r * inputs + i]!;
  mean.forEach((m, i) => (mean[i] = m / rows));
  const cov = new Float64Array(inputs * inputs);
  const centred = new Float64Array(inputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inputs; i++) centred[i] = x[r * inputs + i]! - mean[i]!;
    for (let i = 0; i < inputs; i++) {
      const ci = centred[i]!;
      for (let j = 0; j <= i; j++) cov[i * inputs + j] += ci * centred[j]!;
    }
  }
  for (let i = 0; i < inputs; i++) {
    for (let j = 0; j <= i; j++) {
      cov[i * inputs + j] /= rows;
      cov[j * inputs + i] = cov[i * inputs + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(cov, inputs);
  const projection = new Float64Array(inputs * outputs);
  for (let j = 0; j < outputs; j++) {
    const scale = 1 / Math.sqrt(Math.max(values[j]!, 1e-10));
    for (let i = 0; i < inputs; i++) projection[i * outputs + j] = vectors[i * inputs + j]! * scale;
  }
  return { inputs, outputs, mean, projection };
}

export function whitenFrames(w: FrameWhitening, x: Float32Array, rows: number): Float32Array {
  const y = new Float32Array(rows * w.outputs);
  const centred = new Float64Array(w.inputs);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < w.inputs; i++) centred[i] = x[r * w.inputs + i]! - w.mean[i]!;
    for (let j = 0; j < w.outputs; j++) {
      let sum = 0;
      for (let i = 0; i < w.inputs; i++) sum += centred[i]! * w.projection[i * w.outputs + j]!;
      y[r * w.outputs + j] = sum;
    }
  }
  return y;
}
