import { OnnxModel } from '@bio/inference';
import { createLogger } from '@bio/observability';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededRandom } from '../../../training/mask/seeded-random';
import { trainGmm } from '../../../training/voice/diagonal-gmm';
import { fitFrameWhitening, whitenFrames } from '../../../training/voice/frame-whitening';
import { fitLda, project } from '../../../training/voice/lda-projection';
import { embedReference, modelSupervector, type SpeakerModel } from '../../../training/voice/speaker-model';
import { FBANK_BINS, speakerModelToOnnx, SPEAKER_INPUT, SPEAKER_OUTPUT } from '../../../training/voice/speaker-model-onnx';
import { cholesky, solveLower, solveUpperTransposed, symmetricEigen } from '../../../training/voice/symmetric-matrix';

/** Normal deviates from the seeded uniform generator (Box-Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function randomSymmetric(n: number, random: () => number): Float64Array {
  const g = gaussian(random);
  const a = Float64Array.from({ length: n * n }, g);
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) s[i * n + j] += a[i * n + k]! * a[j * n + k]!;
  return s;
}

/** Fbank-like frames: a speaker-specific offset per bin, a few cluster centres shared by all speakers, noise. */
function syntheticFrames(speaker: number, frames: number, random: () => number): Float32Array {
  const g = gaussian(seededRandom(1000 + speaker));
  const offset = Float64Array.from({ length: FBANK_BINS }, () => 0.8 * g());
  const noise = gaussian(random);
  const x = new Float32Array(frames * FBANK_BINS);
  for (let t = 0; t < frames; t++) {
    const cluster = Math.floor(random() * 4);
    for (let i = 0; i < FBANK_BINS; i++) x[t * FBANK_BINS + i] = Math.sin((cluster + 1) * (i + 1) * 0.1) * 3 + offset[i]! + noise();
  }
  return x;
}

describe('speaker model training math', () => {
  it('symmetricEigen reconstructs the matrix from descending eigenpairs', () => {
    const n = 6;
    const s = randomSymmetric(n, seededRandom(1));
    const { values, vectors } = symmetricEigen(s, n);
    for (let j = 1; j < n; j++) expect(values[j]!).toBeLessThanOrEqual(values[j - 1]!);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        expect(sum).toBeCloseTo(s[i * n + j]!, 8);
      }
    }
  });

  it('cholesky and the two triangular solves invert a positive-definite matrix', () => {
    const n = 5;
    const s = randomSymmetric(n, seededRandom(2));
    for (let i = 0; i < n; i++) s[i * n + i] += 1;
    const l = cholesky(s, n);
    const x = Float64Array.from({ length: n }, (_, i) => i - 2);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += s[i * n + j]! * x[j]!;
    solveLower(l, n, b, 1);
    solveUpperTransposed(l, n, b, 1);
    b.forEach((v, i) => expect(v).toBeCloseTo(x[i]!, 8));
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });

  it('trainGmm finds two well separated clusters with their weights', () => {
    const g = gaussian(seededRandom(3));
    const rows = 3000;
    const x = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      const centre = r % 3 === 0 ? -5 : 5;
      x[r * 2] = centre + g();
      x[r * 2 + 1] = g() * 0.5;
    }
    const gmm = trainGmm(x, rows, 2, { components: 2, iterations: 30, seed: 4, varianceFloor: 0.01 });
    const order = gmm.means[0]! < gmm.means[2]! ? [0, 1] : [1, 0];
    expect(gmm.means[order[0]! * 2]!).toBeCloseTo(-5, 0);
    expect(gmm.means[order[1]! * 2]!).toBeCloseTo(5, 0);
    expect(gmm.weights[order[0]!]!).toBeCloseTo(1 / 3, 1);
    expect(gmm.variances[order[1]! * 2 + 1]!).toBeCloseTo(0.25, 1);
  });

  it('fitLda whitens the within-speaker scatter and keeps speakers apart', () => {
    const g = gaussian(seededRandom(5));
    const dim = 12;
    const vectors: Float64Array[] = [];
    const labels: number[] = [];
    for (let c = 0; c < 8; c++) {
      const centre = Float64Array.from({ length: dim }, () => 3 * g());
      for (let r = 0; r < 40; r++) {
        vectors.push(Float64Array.from(centre, (v, i) => v + g() * (i + 1)));
        labels.push(c);
      }
    }
    const lda = fitLda(vectors, labels, { outputs: 100, regularisation: 1e-6 });
    expect(lda.outputs).toBe(7);
    const projected = vectors.map((v) => project(lda, v));
    let within = 0;
    projected.forEach((e, r) => {
      const sameClass = projected.filter((_, s) => labels[s] === labels[r]);
      const mean = e.map((_, j) => sameClass.reduce((a, p) => a + p[j]!, 0) / sameClass.length);
      within += (e[0]! - mean[0]!) ** 2 / projected.length;
    });
    expect(within).toBeCloseTo(1, 1);
  });

  it('the ONNX export computes the same embedding as the TypeScript model', async () => {
    const random = seededRandom(6);
    const utterances = Array.from({ length: 12 }, (_, i) => ({ speaker: i % 4, x: syntheticFrames(i % 4, 150, random) }));
    const all = new Float32Array(utterances.length * 150 * FBANK_BINS);
    utterances.forEach((u, i) => all.set(u.x, i * 150 * FBANK_BINS));
    const whitening = fitFrameWhitening(all, utterances.length * 150, FBANK_BINS, 10);
    const gmm = trainGmm(whitenFrames(whitening, all, utterances.length * 150), utterances.length * 150, 10, { components: 8, iterations: 5, seed: 7, varianceFloor: 0.01 });
    const supervectors = utterances.map((u) => modelSupervector(whitening, gmm, 4, u.x, 150));
    const lda = fitLda(supervectors, utterances.map((u) => u.speaker), { outputs: 3, regularisation: 0.1 });
    const m: SpeakerModel = { whitening, gmm, relevance: 4, lda };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'speaker-onnx-')), 'model.onnx');
    writeFileSync(file, speakerModelToOnnx(m, 'test'));
    const session = await OnnxModel.open(file, { provider: 'cpu', threads: 1, graphOptimization: 'all', logger: createLogger('test', 'silent') });
    const probe = syntheticFrames(1, 97, random);
    const out = (await session.run({ [SPEAKER_INPUT]: { data: probe, dims: [1, 97, FBANK_BINS] } }))[SPEAKER_OUTPUT]!;
    await session.close();
    expect(out.dims).toEqual([1, 3]);
    const expected = embedReference(m, probe, 97);
    expected.forEach((v, j) => expect(out.data[j]!).toBeCloseTo(v, 3));
  });
});
