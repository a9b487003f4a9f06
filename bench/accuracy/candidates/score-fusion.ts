import type { Sample } from '../verification-metrics';

/**
 * Score-level fusion as one embedding: the candidates' L2-normalised embeddings, each scaled
 * by the square root of its weight and concatenated, have as cosine the weighted mean of the
 * candidates' cosines (weights summing to 1), so every pair metric applies unchanged.
 */
export function fusedSamples(byCandidate: readonly (readonly Sample[])[], weights: readonly number[]): Sample[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const scales = weights.map((w) => Math.sqrt(w / total));
  return byCandidate[0]!.map((first, i) => {
    const parts = byCandidate.map((samples) => samples[i]!);
    if (parts.some((p) => p.identity !== first.identity)) throw new RangeError(`Sample ${i} differs in identity between candidates`);
    if (parts.some((p) => !p.embedding)) return { identity: first.identity, embedding: null };
    const out = new Float32Array(parts.reduce((n, p) => n + p.embedding!.length, 0));
    let at = 0;
    parts.forEach((p, k) => {
      for (const x of p.embedding!) out[at++] = x * scales[k]!;
    });
    return { identity: first.identity, embedding: out };
  });
}
