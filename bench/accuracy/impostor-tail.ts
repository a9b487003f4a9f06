/**
 * False-accept rates too small to measure on the impostor pairs at hand (FAR 1e-5 needs far
 * more than the ~1.8M celebrity pairs: about 18 of them lie above it). Above the cosine u that
 * a share p0 of impostor pairs exceed, the excesses are the generalised Pareto limit law of
 * excesses over a high threshold (Pickands-Balkema-de Haan), so
 *   FAR(u + y) = p0 * P(Y > y),  Y ~ GPD(shape, scale) fitted by maximum likelihood.
 * The fit is checked by predicting a FAR that is still measured from the scores above a
 * higher FAR alone.
 */
import { excessAtSurvival, fitGeneralisedPareto, type GeneralisedPareto } from './generalised-pareto';
import { countAbove, fractionAbove, type OperatingPoint, type PairScores } from './verification-metrics';

export interface TailFit extends GeneralisedPareto {
  /** The cosine the excesses are measured from. */
  threshold: number;
  /** Share of all impostor pairs above `threshold`. */
  tailFar: number;
  exceedances: number;
}

export function fitImpostorTail(impostor: ArrayLike<number>, threshold: number): TailFit {
  const excesses: number[] = [];
  for (let i = 0; i < impostor.length; i++) if (impostor[i]! > threshold) excesses.push(impostor[i]! - threshold);
  return { threshold, tailFar: excesses.length / impostor.length, exceedances: excesses.length, ...fitGeneralisedPareto(excesses) };
}

/** The cosine that a share `far` of impostor pairs exceed, by the fit; `far` must lie below the fitted tail's share. */
export function cosineAtFar(fit: TailFit, far: number): number {
  if (!(far < fit.tailFar)) throw new Error(`FAR ${far} is not inside the fitted tail (FAR ${fit.tailFar})`);
  return fit.threshold + excessAtSurvival(fit, far / fit.tailFar);
}

export interface TailFigures {
  fit: TailFit;
  /** The fit's cosine at a FAR that is measured too, against the measured one. */
  check: { far: number; predicted: number; measured: number; error: number };
  extrapolated: { far: number; cosine: number; tar: number; impostorsAbove: number; measuredFar: number };
  /** What the target FAR's cosine would be when fitted above the check's FAR instead: how much the choice of fit threshold moves it. */
  fittedAboveCheck: { exceedances: number; shape: number; scale: number; cosine: number };
}

/**
 * Fits the impostor tail above the measured threshold at `fitAbove`, checks it against the
 * measured threshold at `checkAt`, and extrapolates to `target` (fitAbove > checkAt > target).
 */
export function impostorTailFigures(
  scores: PairScores,
  measured: readonly OperatingPoint[],
  fars: { fitAbove: number; checkAt: number; target: number },
): TailFigures {
  const thresholdAt = (far: number) => {
    const point = measured.find((o) => o.far === far);
    if (!point) throw new Error(`No measured threshold at FAR ${far}`);
    return point.threshold;
  };
  const fit = fitImpostorTail(scores.impostor, thresholdAt(fars.fitAbove));
  const predicted = cosineAtFar(fit, fars.checkAt);
  const cosine = cosineAtFar(fit, fars.target);
  const impostorsAbove = countAbove(scores.impostor, cosine);
  const fitAboveCheck = fitImpostorTail(scores.impostor, thresholdAt(fars.checkAt));
  return {
    fit,
    check: { far: fars.checkAt, predicted, measured: thresholdAt(fars.checkAt), error: predicted - thresholdAt(fars.checkAt) },
    extrapolated: {
      far: fars.target,
      cosine,
      tar: fractionAbove(Float32Array.from(scores.genuine).sort(), cosine),
      impostorsAbove,
      measuredFar: impostorsAbove / scores.impostor.length,
    },
    fittedAboveCheck: {
      exceedances: fitAboveCheck.exceedances,
      shape: fitAboveCheck.shape,
      scale: fitAboveCheck.scale,
      cosine: cosineAtFar(fitAboveCheck, fars.target),
    },
  };
}
