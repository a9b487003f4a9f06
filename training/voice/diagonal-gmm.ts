import { seededRandom } from '../mask/seeded-random';

/** A Gaussian mixture with diagonal covariances (the universal background model). */
export interface DiagonalGmm {
  components: number;
  dim: number;
  weights: Float64Array;
  /** Row-major [components x dim]. */
  means: Float64Array;
  variances: Float64Array;
}

export interface GmmTrainOptions {
  components: number;
  iterations: number;
  seed: number;
  /** Lower bound of every variance, relative to the data's variance in that dimension. */
  varianceFloor: number;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Per-component constant and inverse variances, so a frame's log-likelihoods are a dot product away. */
function scoringTerms(gmm: DiagonalGmm): { constants: Float64Array; precisions: Float64Array } {
  const { components: k, dim: d } = gmm;
  const precisions = Float64Array.from(gmm.variances, (v) => 1 / v);
  const constants = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let sum = Math.log(gmm.weights[c]!) - 0.5 * d * LOG_2PI;
    for (let j = 0; j < d; j++) sum -= 0.5 * Math.log(gmm.variances[c * d + j]!);
    constants[c] = sum;
  }
  return { constants, precisions };
}

/**
 * Posterior of each component for each frame (row-major [rows x components]) and the
 * total log-likelihood; the same softmax the ONNX graph computes.
 */
export function posteriors(gmm: DiagonalGmm, x: Float32Array, rows: number): { gamma: Float64Array; logLikelihood: number } {
  const { components: k, dim: d, means } = gmm;
  const { constants, precisions } = scoringTerms(gmm);
  const gamma = new Float64Array(rows * k);
  let logLikelihood = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * k;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let sum = constants[c]!;
      for (let j = 0; j < d; j++) {
        const diff = x[r * d + j]! - means[c * d + j]!;
        sum -= 0.5 * diff * diff * precisions[c * d + j]!;
      }
      gamma[row + c] = sum;
      if (sum > max) max = sum;
    }
    let total = 0;
    for (let c = 0; c < k; c++) total += (gamma[row + c] = Math.exp(gamma[row + c]! - max));
    for (let c = 0; c < k; c++) gamma[row + c] /= total;
    logLikelihood += max + Math.log(total);
  }
  return { gamma, logLikelihood };
}

/** Zeroth- and first-order (Baum-Welch) statistics of frames against the mixture. */
export function frameStatistics(gmm: DiagonalGmm, x: Float32Array, rows: number): { n: Float64Array; f: Float64Array; s: Float64Array; logLikelihood: number } {
  const { components: k, dim: d } = gmm;
  const { gamma, logLikelihood } = posteriors(gmm, x, rows);
  const n = new Float64Array(k);
  const f = new Float64Array(k * d);
  const s = new Float64Array(k * d);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) {
      const g = gamma[r * k + c]!;
      if (g < 1e-10) continue;
      n[c] += g;
      for (let j = 0; j < d; j++) {
        const v = x[r * d + j]!;
        f[c * d + j] += g * v;
        s[c * d + j] += g * v * v;
      }
    }
  }
  return { n, f, s, logLikelihood };
}

/**
 * Maximum-likelihood EM from seeded random frames as initial means. A component that
 * collects (almost) no frames restarts at another random frame.
 */
export function trainGmm(x: Float32Array, rows: number, dim: number, options: GmmTrainOptions, log?: (line: string) => void): DiagonalGmm {
  const random = seededRandom(options.seed);
  const k = options.components;
  const globalMean = new Float64Array(dim);
  const globalVar = new Float64Array(dim);
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) globalMean[j] += x[r * dim + j]! / rows;
  for (let r = 0; r < rows; r++) for (let j = 0; j < dim; j++) globalVar[j] += (x[r * dim + j]! - globalMean[j]!) ** 2 / rows;
  const randomFrame = (c: number, means: Float64Array) => {
    const r = Math.floor(random() * rows);
    for (let j = 0; j < dim; j++) means[c * dim + j] = x[r * dim + j]!;
  };
  const gmm: DiagonalGmm = {
    components: k,
    dim,
    weights: new Float64Array(k).fill(1 / k),
    means: new Float64Array(k * dim),
    variances: new Float64Array(k * dim),
  };
  for (let c = 0; c < k; c++) {
    randomFrame(c, gmm.means);
    gmm.variances.set(globalVar, c * dim);
  }
  for (let it = 0; it < options.iterations; it++) {
    const { n, f, s, logLikelihood } = frameStatistics(gmm, x, rows);
    for (let c = 0; c < k; c++) {
      if (n[c]! < dim) {
        randomFrame(c, gmm.means);
        gmm.variances.set(globalVar, c * dim);
        gmm.weights[c] = 1 / k;
        continue;
      }
      gmm.weights[c] = n[c]! / rows;
      for (let j = 0; j < dim; j++) {
        const mean = f[c * dim + j]! / n[c]!;
        gmm.means[c * dim + j] = mean;
        gmm.variances[c * dim + j] = Math.max(s[c * dim + j]! / n[c]! - mean * mean, options.varianceFloor * globalVar[j]!);
      }
    }
    const total = gmm.weights.reduce((a, b) => a + b, 0);
    gmm.weights.forEach((w, c) => (gmm.weights[c] = w / total));
    log?.(`gmm iteration ${it + 1}/${options.iterations}: mean log-likelihood ${(logLikelihood / rows).toFixed(4)}`);
  }
  return gmm;
}
