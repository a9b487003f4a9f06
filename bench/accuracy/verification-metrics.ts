/**
 * Verification and identification figures from embeddings grouped by identity. A sample
 * whose embedding is missing (no face found) still counts: its pairs score -1, so it is a
 * false reject in every genuine pair and never a false accept.
 */

export interface Sample {
  identity: string;
  embedding: Float32Array | null;
}

const MISSING_SCORE = -1;

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

function pairScore(a: Sample, b: Sample): number {
  return a.embedding && b.embedding ? cosine(a.embedding, b.embedding) : MISSING_SCORE;
}

export interface PairScores {
  genuine: Float32Array;
  impostor: Float32Array;
}

/** Every unordered pair of samples, split into same-identity and different-identity scores. */
export function allPairScores(samples: readonly Sample[]): PairScores {
  const genuine: number[] = [];
  let impostorCount = 0;
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) if (samples[i]!.identity !== samples[j]!.identity) impostorCount++;
  }
  const impostor = new Float32Array(impostorCount);
  let k = 0;
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const score = pairScore(samples[i]!, samples[j]!);
      if (samples[i]!.identity === samples[j]!.identity) genuine.push(score);
      else impostor[k++] = score;
    }
  }
  return { genuine: Float32Array.from(genuine), impostor };
}

export interface OperatingPoint {
  far: number;
  /** Accept when the raw cosine is above this. */
  threshold: number;
  tar: number;
}

export interface VerificationFigures {
  genuinePairs: number;
  impostorPairs: number;
  operatingPoints: OperatingPoint[];
  eer: number;
  eerThreshold: number;
}

/** The threshold that lets through at most `far` of the impostor pairs (sorted descending). */
function thresholdAtFar(impostorDesc: Float32Array, far: number): number {
  const allowed = Math.floor(far * impostorDesc.length);
  return impostorDesc[Math.min(allowed, impostorDesc.length - 1)]!;
}

/** How many of an unsorted sample lie strictly above `threshold`. */
export function countAbove(values: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > threshold) n++;
  return n;
}

/** Share of a sorted (ascending) sample strictly above `threshold`. */
export function fractionAbove(sortedAsc: Float32Array, threshold: number): number {
  let lo = 0;
  let hi = sortedAsc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedAsc[mid]! > threshold) hi = mid;
    else lo = mid + 1;
  }
  return (sortedAsc.length - lo) / sortedAsc.length;
}

export function verificationFigures(scores: PairScores, fars: readonly number[]): VerificationFigures {
  const genuineAsc = Float32Array.from(scores.genuine).sort();
  const impostorAsc = Float32Array.from(scores.impostor).sort();
  const impostorDesc = Float32Array.from(impostorAsc).reverse();
  const operatingPoints = fars.map((far) => {
    const threshold = thresholdAtFar(impostorDesc, far);
    return { far, threshold, tar: fractionAbove(genuineAsc, threshold) };
  });
  // Equal error rate: walk the genuine scores as candidate thresholds until FRR overtakes FAR.
  let eer = 1;
  let eerThreshold = 0;
  for (let i = 0; i < genuineAsc.length; i++) {
    const threshold = genuineAsc[i]!;
    const frr = i / genuineAsc.length;
    const far = fractionAbove(impostorAsc, threshold - 1e-7);
    if (frr >= far) {
      eer = (frr + far) / 2;
      eerThreshold = threshold;
      break;
    }
  }
  return { genuinePairs: genuineAsc.length, impostorPairs: impostorAsc.length, operatingPoints, eer, eerThreshold };
}

export interface IdentificationFigures {
  /** Mean over rounds; round r enrols each identity's r-th sample and probes with all the others. */
  rank1: number;
  rank1Min: number;
  rank1Max: number;
  rounds: number;
  probesPerRound: number;
}

/** Closed-set rank-1 identification with exactly one enrolled sample per identity. */
export function rankOneIdentification(samples: readonly Sample[], rounds: number): IdentificationFigures {
  const byIdentity = new Map<string, number[]>();
  samples.forEach((s, i) => byIdentity.set(s.identity, [...(byIdentity.get(s.identity) ?? []), i]));
  const usable = Math.min(rounds, ...[...byIdentity.values()].map((v) => v.length - 1));
  const rates: number[] = [];
  let probes = 0;
  for (let r = 0; r < usable; r++) {
    const gallery = [...byIdentity.entries()].map(([identity, idx]) => ({ identity, sample: samples[idx[r]!]! }));
    const enrolled = new Set(gallery.map((g) => g.sample));
    let correct = 0;
    probes = 0;
    for (const probe of samples) {
      if (enrolled.has(probe)) continue;
      probes++;
      let best = -Infinity;
      let bestIdentity = '';
      for (const g of gallery) {
        const score = pairScore(probe, g.sample);
        if (score > best) {
          best = score;
          bestIdentity = g.identity;
        }
      }
      if (probe.embedding && bestIdentity === probe.identity) correct++;
    }
    rates.push(correct / probes);
  }
  return {
    rank1: rates.reduce((a, b) => a + b, 0) / rates.length,
    rank1Min: Math.min(...rates),
    rank1Max: Math.max(...rates),
    rounds: rates.length,
    probesPerRound: probes,
  };
}

export interface LabelledPairFigures {
  genuinePairs: number;
  impostorPairs: number;
  meanGenuine: number;
  meanImpostor: number;
  /** At each given threshold: share of genuine pairs accepted and impostor pairs accepted. */
  atThresholds: Array<{ label: string; threshold: number; tar: number; far: number; accuracy: number }>;
  eer: number;
}

/** Figures for an explicit list of labelled pairs (e.g. deepface's master.csv). */
export function labelledPairFigures(
  pairs: ReadonlyArray<{ score: number; same: boolean }>,
  thresholds: ReadonlyArray<{ label: string; threshold: number }>,
): LabelledPairFigures {
  const genuine = Float32Array.from(pairs.filter((p) => p.same).map((p) => p.score));
  const impostor = Float32Array.from(pairs.filter((p) => !p.same).map((p) => p.score));
  const mean = (v: Float32Array) => v.reduce((a, b) => a + b, 0) / v.length;
  const genuineAsc = Float32Array.from(genuine).sort();
  const impostorAsc = Float32Array.from(impostor).sort();
  return {
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    meanGenuine: mean(genuine),
    meanImpostor: mean(impostor),
    atThresholds: thresholds.map(({ label, threshold }) => {
      const tar = fractionAbove(genuineAsc, threshold);
      const far = fractionAbove(impostorAsc, threshold);
      const accuracy = (tar * genuine.length + (1 - far) * impostor.length) / pairs.length;
      return { label, threshold, tar, far, accuracy };
    }),
    eer: verificationFigures({ genuine, impostor }, []).eer,
  };
}
