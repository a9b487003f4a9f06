/**
 * Maximum-likelihood fit of a generalised Pareto distribution to excesses y > 0 over a
 * threshold: P(Y > y) = (1 + shape * y / scale) ^ (-1 / shape), exp(-y / scale) at shape 0.
 * The likelihood is maximised over theta = shape / scale alone (Grimshaw 1993): for a given
 * theta the best shape is mean(log(1 + theta * y)), so a one-dimensional search suffices.
 * Shapes below -1 are excluded: there the likelihood grows without bound as the fitted end
 * point approaches the largest excess, so no maximum exists.
 */

export interface GeneralisedPareto {
  shape: number;
  scale: number;
}

const MIN_SHAPE = -1;
const GRID_STEPS = 400;
/** theta * max(y) spans (-1, MAX_THETA_TIMES_MAX]: wide enough for any shape a similarity score can have. */
const MAX_THETA_TIMES_MAX = 1000;

function shapeAndScale(excesses: readonly number[], theta: number): GeneralisedPareto {
  if (theta === 0) return { shape: 0, scale: excesses.reduce((a, b) => a + b, 0) / excesses.length };
  const shape = excesses.reduce((sum, y) => sum + Math.log1p(theta * y), 0) / excesses.length;
  return { shape, scale: shape / theta };
}

/** Log-likelihood per excess, at the best shape for theta; -Infinity outside the admissible shapes. */
function profileLogLikelihood(excesses: readonly number[], theta: number): number {
  const { shape, scale } = shapeAndScale(excesses, theta);
  if (shape < MIN_SHAPE || !(scale > 0)) return -Infinity;
  return -Math.log(scale) - (1 + shape);
}

function goldenSectionMax(f: (x: number) => number, lo: number, hi: number, iterations = 100): number {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < iterations; i++) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (f(c) >= f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

export function fitGeneralisedPareto(excesses: readonly number[]): GeneralisedPareto {
  if (excesses.length < 2 || excesses.some((y) => !(y > 0))) throw new Error('A generalised Pareto fit needs at least two positive excesses');
  const largest = Math.max(...excesses);
  // A coarse grid brackets the maximum (negative thetas linearly, positive ones on a log scale), golden section refines it.
  const grid = [
    ...Array.from({ length: GRID_STEPS }, (_, i) => (-1 + (i + 1) / (GRID_STEPS + 1)) / largest),
    0,
    ...Array.from({ length: GRID_STEPS }, (_, i) => 10 ** (-6 + (i * (6 + Math.log10(MAX_THETA_TIMES_MAX))) / (GRID_STEPS - 1)) / largest),
  ];
  const logLikelihood = (theta: number) => profileLogLikelihood(excesses, theta);
  const values = grid.map(logLikelihood);
  const best = values.indexOf(Math.max(...values));
  const theta = goldenSectionMax(logLikelihood, grid[Math.max(0, best - 1)]!, grid[Math.min(grid.length - 1, best + 1)]!);
  return shapeAndScale(excesses, logLikelihood(theta) >= values[best]! ? theta : grid[best]!);
}

/** The excess that a share `survival` (0..1) of the distribution lies above. */
export function excessAtSurvival(fit: GeneralisedPareto, survival: number): number {
  if (Math.abs(fit.shape) < 1e-9) return -fit.scale * Math.log(survival);
  return (fit.scale / fit.shape) * (survival ** -fit.shape - 1);
}
