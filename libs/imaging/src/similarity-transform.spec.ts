import { applyAffine, composeAffine, invertAffine, type Affine } from './affine';
import type { Point } from './rgb-image';
import { estimateSimilarity } from './similarity-transform';

function similarity(scale: number, angle: number, tx: number, ty: number): Affine {
  const cos = scale * Math.cos(angle);
  const sin = scale * Math.sin(angle);
  return { a: cos, b: -sin, c: tx, d: sin, e: cos, f: ty };
}

const points: Point[] = [[30.2, 51.7], [73.5, 51.5], [56.0, 71.7], [56.1, 92.3], [10, 120]];

describe('estimateSimilarity', () => {
  it('recovers an exact similarity from noise-free point pairs', () => {
    const truth = similarity(0.37, 0.61, -12.5, 40.25);
    const estimated = estimateSimilarity(points, points.map((p) => applyAffine(truth, p)));
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f'] as const) expect(estimated[key]).toBeCloseTo(truth[key], 10);
  });

  it('is exact with the minimum of two pairs', () => {
    const truth = similarity(2.5, -2.9, 100, -3);
    const from: Point[] = [[0, 0], [10, 4]];
    const estimated = estimateSimilarity(from, from.map((p) => applyAffine(truth, p)));
    expect(applyAffine(estimated, [7, -3])[0]).toBeCloseTo(applyAffine(truth, [7, -3])[0], 10);
    expect(applyAffine(estimated, [7, -3])[1]).toBeCloseTo(applyAffine(truth, [7, -3])[1], 10);
  });

  it('gives the least-squares fit: symmetric noise leaves the transform unchanged', () => {
    const truth = similarity(1.3, 0.2, 5, 6);
    const square: Point[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
    // Each corner pushed outward by the same amount: the best similarity only rescales about the centre.
    const pushed = square.map(([x, y]) => applyAffine(truth, [x + (x - 5) * 0.1, y + (y - 5) * 0.1]));
    const estimated = estimateSimilarity(square, pushed);
    const expected = composeAffine(similarity(1.1, 0, -0.5, -0.5), truth);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f'] as const) expect(estimated[key]).toBeCloseTo(expected[key], 10);
  });

  it('never returns a reflection', () => {
    const mirrored = points.map(([x, y]): Point => [-x, y]);
    const m = estimateSimilarity(points, mirrored);
    expect(m.a * m.e - m.b * m.d).toBeGreaterThanOrEqual(0);
  });

  it('refuses coincident source points', () => {
    expect(() => estimateSimilarity([[1, 1], [1, 1]], [[0, 0], [1, 1]])).toThrow();
  });

  it('inverts and composes back to the identity', () => {
    const m = similarity(0.8, 1.1, 3, -4);
    const id = composeAffine(m, invertAffine(m));
    expect(id.a).toBeCloseTo(1, 12);
    expect(id.b).toBeCloseTo(0, 12);
    expect(id.c).toBeCloseTo(0, 12);
    expect(id.e).toBeCloseTo(1, 12);
  });
});
