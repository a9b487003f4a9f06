import { allPairScores, countAbove, verificationFigures, type Sample } from './verification-metrics';

/**
 * Calibration checked on faces it was not fitted on: the identities are split in two halves
 * (alternately, in name order), each FAR's threshold is fitted on one half's pairs and
 * measured on the other's, both ways round. The FAR a threshold really gives on unseen
 * people, next to the FAR it was fitted for, is what an operator relies on.
 */
export interface HeldOutPoint {
  far: number;
  fittedOn: string;
  checkedOn: string;
  cosine: number;
  /** FAR and TAR the fitted threshold gives on the other half. */
  measuredFar: number;
  tar: number;
  impostorsAbove: number;
  impostorPairs: number;
  genuinePairs: number;
}

export function identityHalves(samples: readonly Sample[]): [Sample[], Sample[]] {
  const identities = [...new Set(samples.map((s) => s.identity))].sort();
  const first = new Set(identities.filter((_, i) => i % 2 === 0));
  return [samples.filter((s) => first.has(s.identity)), samples.filter((s) => !first.has(s.identity))];
}

const nameOf = (half: readonly Sample[]) => [...new Set(half.map((s) => s.identity))].sort().join('+');

export function heldOutCheck(samples: readonly Sample[], fars: readonly number[]): HeldOutPoint[] {
  const halves = identityHalves(samples);
  if (halves.some((h) => new Set(h.map((s) => s.identity)).size < 2)) throw new RangeError('A held-out check needs at least two identities in each half');
  const scores = halves.map(allPairScores);
  const out: HeldOutPoint[] = [];
  for (const [fit, check] of [[0, 1], [1, 0]] as const) {
    const fitted = verificationFigures(scores[fit]!, fars);
    const { genuine, impostor } = scores[check]!;
    for (const point of fitted.operatingPoints) {
      const impostorsAbove = countAbove(impostor, point.threshold);
      out.push({
        far: point.far,
        fittedOn: nameOf(halves[fit]!),
        checkedOn: nameOf(halves[check]!),
        cosine: point.threshold,
        measuredFar: impostorsAbove / impostor.length,
        tar: countAbove(genuine, point.threshold) / genuine.length,
        impostorsAbove,
        impostorPairs: impostor.length,
        genuinePairs: genuine.length,
      });
    }
  }
  return out;
}
