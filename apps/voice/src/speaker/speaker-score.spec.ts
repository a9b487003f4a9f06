import { l2Normalise, speakerCosine } from './speaker-score';

describe('speaker cosine', () => {
  it('is the dot product of L2-normalised embeddings', () => {
    const a = l2Normalise(Float32Array.from([3, 4]));
    expect(Array.from(a)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(speakerCosine(a, l2Normalise(Float32Array.from([6, 8])))).toBeCloseTo(1, 6);
    expect(speakerCosine(a, l2Normalise(Float32Array.from([-4, 3])))).toBeCloseTo(0, 6);
  });

  it('refuses zero vectors and embeddings of different lengths', () => {
    expect(() => l2Normalise(new Float32Array(3))).toThrow(/zero/);
    expect(() => speakerCosine(new Float32Array(2), new Float32Array(3))).toThrow(/differ in length/);
  });
});
