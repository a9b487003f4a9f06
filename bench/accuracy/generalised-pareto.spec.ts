import { excessAtSurvival, fitGeneralisedPareto, type GeneralisedPareto } from './generalised-pareto';

/** A seeded uniform generator (mulberry32), so the samples and the assertions are fixed. */
function uniforms(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws by inverting the survival function at a uniform share. */
function sample(truth: GeneralisedPareto, n: number, seed: number): number[] {
  const next = uniforms(seed);
  return Array.from({ length: n }, () => excessAtSurvival(truth, 1 - next()));
}

describe('fitGeneralisedPareto', () => {
  it.each([
    { shape: -0.3, scale: 0.05 },
    { shape: 0, scale: 0.1 },
    { shape: 0.25, scale: 2 },
  ])('recovers shape $shape and scale $scale from 20,000 draws', (truth) => {
    const fit = fitGeneralisedPareto(sample(truth, 20_000, 7));
    expect(Math.abs(fit.shape - truth.shape)).toBeLessThan(0.03);
    expect(Math.abs(fit.scale / truth.scale - 1)).toBeLessThan(0.05);
  });

  it('never returns a shape below -1, where the likelihood has no maximum', () => {
    const fit = fitGeneralisedPareto(sample({ shape: -1.5, scale: 1 }, 2_000, 3));
    expect(fit.shape).toBeGreaterThanOrEqual(-1);
  });

  it('refuses fewer than two excesses or a non-positive one', () => {
    expect(() => fitGeneralisedPareto([0.1])).toThrow(/two positive/);
    expect(() => fitGeneralisedPareto([0.1, 0])).toThrow(/two positive/);
  });
});

describe('excessAtSurvival', () => {
  it('inverts the survival function, with the exponential at shape 0', () => {
    const fit = { shape: -0.2, scale: 0.05 };
    const y = excessAtSurvival(fit, 0.01);
    expect((1 + (fit.shape * y) / fit.scale) ** (-1 / fit.shape)).toBeCloseTo(0.01, 12);
    expect(excessAtSurvival({ shape: 0, scale: 0.1 }, Math.exp(-3))).toBeCloseTo(0.3, 12);
    expect(excessAtSurvival(fit, 1)).toBeCloseTo(0, 12);
  });
});
