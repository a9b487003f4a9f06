import { frameStatistics, type DiagonalGmm } from './diagonal-gmm';

/**
 * The GMM mean supervector of one utterance: each component's mean MAP-adapted to the
 * frames (relevance factor r), minus the background mean, scaled by sqrt(weight)/sigma
 * (the KL-divergence kernel's normalisation). Row-major [components x dim].
 */
export function gmmSupervector(gmm: DiagonalGmm, x: Float32Array, rows: number, relevance: number): Float64Array {
  const { components: k, dim: d } = gmm;
  const { n, f } = frameStatistics(gmm, x, rows);
  const out = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const scale = Math.sqrt(gmm.weights[c]!);
    for (let j = 0; j < d; j++) {
      const mu = gmm.means[c * d + j]!;
      const adapted = (f[c * d + j]! + relevance * mu) / (n[c]! + relevance);
      out[c * d + j] = (scale * (adapted - mu)) / Math.sqrt(gmm.variances[c * d + j]!);
    }
  }
  return out;
}
