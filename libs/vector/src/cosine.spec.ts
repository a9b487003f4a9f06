import { cosine, l2Normalised } from './cosine';

describe('cosine', () => {
  it('is scale invariant', () => {
    expect(cosine(Float32Array.from([3, 4]), Float32Array.from([6, 8]))).toBeCloseTo(1, 6);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([0, 2]))).toBeCloseTo(0, 6);
    expect(cosine(Float32Array.from([1, 1]), Float32Array.from([-1, -1]))).toBeCloseTo(-1, 6);
  });

  it('refuses different dimensions and zero or non-finite vectors as bad input', () => {
    expect(() => cosine(Float32Array.from([1, 0]), Float32Array.from([1, 0, 0]))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => cosine(Float32Array.from([0, 0]), Float32Array.from([1, 0]))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => l2Normalised(Float32Array.from([NaN, 1]))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('normalises to unit length without touching the input', () => {
    const input = Float32Array.from([3, 4]);
    expect([...l2Normalised(input)]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect([...input]).toEqual([3, 4]);
  });
});
