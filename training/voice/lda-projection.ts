import { cholesky, solveLower, solveUpperTransposed, symmetricEigen } from './symmetric-matrix';

/** e = (x - mean) W: the speaker embedding of a supervector. */
export interface LinearProjection {
  inputs: number;
  outputs: number;
  mean: Float64Array;
  /** Row-major [inputs x outputs]. */
  projection: Float64Array;
}

export interface LdaOptions {
  outputs: number;
  /** Added to the within-speaker scatter's diagonal, relative to its mean diagonal: there are fewer segments than dimensions. */
  regularisation: number;
}

/**
 * Linear discriminant analysis with the within-speaker scatter Sw whitened: Sw + lambda I
 * = L L^T, the between-speaker scatter is diagonalised in L's space, and the directions are
 * mapped back so the within-speaker covariance of the output is the identity (LDA and
 * WCCN in one matrix; cosine scoring follows). Sb has rank < speakers, so its eigenvectors
 * come from the small speakers x speakers Gram matrix.
 */
export function fitLda(vectors: readonly Float64Array[], labels: readonly number[], options: LdaOptions): LinearProjection {
  const dim = vectors[0]!.length;
  const count = vectors.length;
  const mean = new Float64Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) mean[i] += v[i]! / count;
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const classMeans = new Map(classes.map((c) => [c, { sum: new Float64Array(dim), n: 0 }]));
  vectors.forEach((v, r) => {
    const m = classMeans.get(labels[r]!)!;
    m.n++;
    for (let i = 0; i < dim; i++) m.sum[i] += v[i]!;
  });
  for (const m of classMeans.values()) m.sum.forEach((s, i) => (m.sum[i] = s / m.n));

  const sw = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  vectors.forEach((v, r) => {
    const m = classMeans.get(labels[r]!)!.sum;
    for (let i = 0; i < dim; i++) centred[i] = v[i]! - m[i]!;
    for (let i = 0; i < dim; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      const row = i * dim;
      for (let j = 0; j <= i; j++) sw[row + j] += ci * centred[j]!;
    }
  });
  let trace = 0;
  for (let i = 0; i < dim; i++) trace += sw[i * dim + i]! / count;
  const lambda = (options.regularisation * trace) / dim;
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      sw[i * dim + j] = sw[i * dim + j]! / count + (i === j ? lambda : 0);
      sw[j * dim + i] = sw[i * dim + j]!;
    }
  }
  const l = cholesky(sw, dim);

  // Columns: sqrt(n_c / N) (m_c - m), so B B^T is the between-speaker scatter.
  const c = classes.length;
  const y = new Float64Array(dim * c);
  classes.forEach((label, col) => {
    const m = classMeans.get(label)!;
    const scale = Math.sqrt(m.n / count);
    for (let i = 0; i < dim; i++) y[i * c + col] = scale * (m.sum[i]! - mean[i]!);
  });
  solveLower(l, dim, y, c);
  const gram = new Float64Array(c * c);
  for (let i = 0; i < dim; i++) {
    for (let a = 0; a < c; a++) {
      const ya = y[i * c + a]!;
      for (let b = 0; b <= a; b++) gram[a * c + b] += ya * y[i * c + b]!;
    }
  }
  for (let a = 0; a < c; a++) for (let b = 0; b < a; b++) gram[b * c + a] = gram[a * c + b]!;
  const { values, vectors: v } = symmetricEigen(gram, c);
  const outputs = Math.min(options.outputs, c - 1);
  const w = new Float64Array(dim * outputs);
  for (let j = 0; j < outputs; j++) {
    const scale = 1 / Math.sqrt(Math.max(values[j]!, 1e-12));
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let a = 0; a < c; a++) sum += y[i * c + a]! * v[a * c + j]!;
      w[i * outputs + j] = sum * scale;
    }
  }
  solveUpperTransposed(l, dim, w, outputs);
  return { inputs: dim, outputs, mean, projection: w };
}

export function project(p: LinearProjection, x: Float64Array): Float64Array {
  const out = new Float64Array(p.outputs);
  for (let i = 0; i < p.inputs; i++) {
    const xi = x[i]! - p.mean[i]!;
    if (xi === 0) continue;
    const row = i * p.outputs;
    for (let j = 0; j < p.outputs; j++) out[j] += xi * p.projection[row + j]!;
  }
  return out;
}
