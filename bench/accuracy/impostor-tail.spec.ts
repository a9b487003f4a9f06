import { excessAtSurvival } from './generalised-pareto';
import { cosineAtFar, fitImpostorTail, impostorTailFigures } from './impostor-tail';
import { verificationFigures } from './verification-metrics';

/**
 * Impostor cosines whose upper tail is exactly known: evenly spaced survival shares mapped
 * through a generalised Pareto above 0.3, the bulk (90 %) spread evenly below it.
 */
function syntheticImpostors(n: number): Float32Array {
  const tail = { shape: -0.2, scale: 0.04 };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const survival = (i + 0.5) / n;
    out[i] = survival < 0.1 ? 0.3 + excessAtSurvival(tail, survival / 0.1) : 0.3 * ((1 - survival) / 0.9);
  }
  return out;
}

describe('impostor tail', () => {
  const impostor = syntheticImpostors(200_000);
  const genuine = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);

  it('places a fitted FAR where the true tail puts it, and the fit threshold at its own share', () => {
    const fit = fitImpostorTail(impostor, 0.3);
    expect(fit.tailFar).toBeCloseTo(0.1, 4);
    expect(fit.exceedances).toBe(Math.round(0.1 * impostor.length));
    expect(cosineAtFar(fit, 1e-4)).toBeCloseTo(0.3 + excessAtSurvival({ shape: -0.2, scale: 0.04 }, 1e-3), 3);
    expect(() => cosineAtFar(fit, 0.2)).toThrow(/not inside the fitted tail/);
  });

  it('checks the fit at a measured FAR and extrapolates below the smallest measured one', () => {
    const measured = verificationFigures({ genuine, impostor }, [1e-2, 1e-3]).operatingPoints;
    const figures = impostorTailFigures({ genuine, impostor }, measured, { fitAbove: 1e-2, checkAt: 1e-3, target: 1e-5 });
    expect(figures.fit.exceedances).toBeCloseTo(2000, -1);
    expect(Math.abs(figures.check.error)).toBeLessThan(0.002);
    expect(figures.check.measured).toBe(measured[1]!.threshold);
    const { cosine, impostorsAbove, tar } = figures.extrapolated;
    expect(cosine).toBeGreaterThan(measured[1]!.threshold);
    // 200,000 pairs at FAR 1e-5: about two above.
    expect(impostorsAbove).toBeLessThanOrEqual(4);
    expect(tar).toBeCloseTo(1 - Math.ceil(cosine * 1000) / 1000, 6);
    expect(Math.abs(figures.fittedAboveCheck.cosine - cosine)).toBeLessThan(0.005);
  });

  it('refuses to check or extrapolate from a FAR that was not measured', () => {
    const measured = verificationFigures({ genuine, impostor }, [1e-2]).operatingPoints;
    expect(() => impostorTailFigures({ genuine, impostor }, measured, { fitAbove: 1e-2, checkAt: 1e-3, target: 1e-5 })).toThrow(/FAR 0.001/);
  });
});
