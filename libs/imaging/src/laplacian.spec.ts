import { binomialBlur, laplacianVariance } from './laplacian';
import type { GreyImage } from './luma';

function grey(width: number, height: number, at: (x: number, y: number) => number): GreyImage {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = at(x, y);
  return { width, height, data };
}

describe('laplacianVariance', () => {
  it('is 0 on a flat image and on a linear ramp, whose Laplacian is 0 everywhere', () => {
    expect(laplacianVariance(grey(8, 8, () => 90))).toBe(0);
    expect(laplacianVariance(grey(8, 8, (x, y) => 3 * x + 2 * y))).toBeCloseTo(0, 6);
  });

  it('matches the hand value on a checkerboard: every interior Laplacian is ±4·255', () => {
    const board = grey(6, 6, (x, y) => ((x + y) % 2) * 255);
    // Half the interior pixels are +1020, half -1020: mean 0, variance 1020².
    expect(laplacianVariance(board)).toBeCloseTo(1020 ** 2, 3);
  });
});

describe('binomialBlur', () => {
  it('keeps a flat image, spreads an impulse as the 3x3 binomial kernel', () => {
    expect(Array.from(binomialBlur(grey(4, 4, () => 7)).data)).toEqual(new Array(16).fill(7));
    const out = binomialBlur(grey(5, 5, (x, y) => (x === 2 && y === 2 ? 16 : 0)));
    expect(out.data[2 * 5 + 2]).toBe(4);
    expect(out.data[2 * 5 + 1]).toBe(2);
    expect(out.data[1 * 5 + 1]).toBe(1);
  });
});
