import { seededRandom } from '../../training/mask/seeded-random';
import { verificationFigures, type Sample } from '../accuracy/verification-metrics';

export interface EerInterval {
  low: number;
  high: number;
  level: number;
  resamples: number;
}

/**
 * Percentile bootstrap of the EER over speakers: pairs that share a speaker are not
 * independent, so whole speakers are drawn with replacement and every pair among the
 * draws is rescored. Two draws of the same speaker are neither genuine nor impostor.
 * `scores[i][j]` is the precomputed score of samples i and j.
 */
export function bootstrapEerInterval(samples: readonly Sample[], scores: readonly Float32Array[], resamples: number, seed: number, level = 0.95): EerInterval {
  const random = seededRandom(seed);
  const bySpeaker = new Map<string, number[]>();
  samples.forEach((s, i) => bySpeaker.set(s.identity, [...(bySpeaker.get(s.identity) ?? []), i]));
  const speakers = [...bySpeaker.keys()];
  const eers: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const draws = speakers.map(() => speakers[Math.floor(random() * speakers.length)]!);
    const genuine: number[] = [];
    const impostor: number[] = [];
    draws.forEach((a, da) => {
      const ia = bySpeaker.get(a)!;
      for (let x = 0; x < ia.length; x++) for (let y = x + 1; y < ia.length; y++) genuine.push(scores[ia[x]!]![ia[y]!]!);
      for (let db = da + 1; db < draws.length; db++) {
        const b = draws[db]!;
        if (b === a) continue;
        for (const i of ia) for (const j of bySpeaker.get(b)!) impostor.push(scores[i]![j]!);
      }
    });
    if (genuine.length > 0 && impostor.length > 0) {
      eers.push(verificationFigures({ genuine: Float32Array.from(genuine), impostor: Float32Array.from(impostor) }, []).eer);
    }
  }
  eers.sort((a, b) => a - b);
  const at = (q: number) => eers[Math.min(eers.length - 1, Math.max(0, Math.floor(q * eers.length)))]!;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2), level, resamples: eers.length };
}
