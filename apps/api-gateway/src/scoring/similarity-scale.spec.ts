import { SimilarityScale } from './similarity-scale';
import type { Calibration } from '@bio/config';

const calibration: Calibration = {
  modelId: 'm1',
  modality: 'face',
  dataset: 'test',
  genuinePairs: 10,
  impostorPairs: 1000,
  measuredAt: '2026-11-22',
  thresholds: [
    { far: 1e-1, cosine: 0.1 },
    { far: 1e-2, cosine: 0.2 },
    { far: 1e-3, cosine: 0.3 },
    { far: 1e-4, cosine: 0.4 },
  ],
};

describe('SimilarityScale', () => {
  const scale = new SimilarityScale(calibration);

  it('puts the documented 0.75 threshold exactly at the cosine measured for FAR 1e-3', () => {
    expect(scale.toSimilarity(0.3)).toBe(0.75);
    expect(scale.toSimilarity(0.2999)).toBeLessThan(0.75);
    expect(scale.toSimilarity(0.3001)).toBeGreaterThan(0.75);
  });

  it('is monotonic and stays within 0..1', () => {
    let previous = -1;
    for (let raw = -1; raw <= 1.0001; raw += 0.01) {
      const mapped = scale.toSimilarity(raw);
      expect(mapped).toBeGreaterThanOrEqual(previous);
      expect(mapped).toBeGreaterThanOrEqual(0);
      expect(mapped).toBeLessThanOrEqual(1);
      previous = mapped;
    }
    expect(scale.toSimilarity(1)).toBe(1);
    expect(scale.toSimilarity(-0.5)).toBe(0);
  });

  it('refuses a calibration that lacks an operating point or is not monotonic', () => {
    expect(() => new SimilarityScale({ ...calibration, thresholds: calibration.thresholds.slice(0, 3) })).toThrow(/FAR 0.0001/);
    const crossed = calibration.thresholds.map((t) => (t.far === 1e-3 ? { ...t, cosine: 0.15 } : t));
    expect(() => new SimilarityScale({ ...calibration, thresholds: crossed })).toThrow(/monotonic/);
  });

  it('maps a voice model so that 0.75 stands for FAR 1e-2, from its two measured points', () => {
    const voice = new SimilarityScale({
      ...calibration,
      modelId: 'v1',
      modality: 'voice',
      thresholds: [
        { far: 1e-1, cosine: 0.3 },
        { far: 1e-2, cosine: 0.5 },
      ],
    });
    expect(voice.toSimilarity(0.5)).toBe(0.75);
    expect(voice.toSimilarity(0.3)).toBe(0.5);
    expect(voice.toSimilarity(0.49)).toBeLessThan(0.75);
  });

  it('maps a face model on the identity scale so that 80 stands for FAR 1e-3, topping out at 100', () => {
    const identity = new SimilarityScale(calibration, 'identity');
    expect(identity.toSimilarity(0.3)).toBe(80);
    expect(identity.toSimilarity(0.2)).toBe(65);
    expect(identity.toSimilarity(0.2999)).toBeLessThan(80);
    expect(identity.toSimilarity(1)).toBe(100);
    expect(identity.toSimilarity(1.000001)).toBe(100);
    expect(identity.id).toMatch(/^identity-v1:m1:/);
  });

  it('has no identity score for a voice model', () => {
    expect(() => new SimilarityScale({ ...calibration, modality: 'voice' }, 'identity')).toThrow(/no voice scores/);
  });

  it('maps faces onto the ADVANCE 0..100 scale: 70 at FAR 1e-3, 55 at FAR 1e-2, the top at 100', () => {
    const advance = new SimilarityScale(calibration, 'advance');
    expect(advance.toSimilarity(0.3)).toBe(70);
    expect(advance.toSimilarity(0.2)).toBe(55);
    expect(advance.toSimilarity(0.1999)).toBeLessThan(55);
    expect(advance.toSimilarity(1)).toBe(100);
    expect(advance.toSimilarity(1.0000001)).toBe(100);
  });

  it('puts the FindFace presets strict, medium and low exactly on the cosines of FAR 1e-5, 1e-3 and 1e-1', () => {
    const withExtrapolated: Calibration = {
      ...calibration,
      thresholds: [...calibration.thresholds, { far: 1e-5, cosine: 0.5, extrapolated: true, method: 'tail fit' }],
    };
    const findface = new SimilarityScale(withExtrapolated, 'findface');
    expect(findface.toSimilarity(0.5)).toBe(0.7834);
    expect(findface.toSimilarity(0.3)).toBe(0.6616);
    expect(findface.toSimilarity(0.1)).toBe(0.569);
    expect(findface.toSimilarity(0.4999)).toBeLessThan(0.7834);
    expect(findface.toSimilarity(0.299)).toBeLessThan(0.6616);
    expect(findface.toSimilarity(1)).toBe(1);
  });

  it('has no FindFace scale for a calibration without the extrapolated FAR 1e-5', () => {
    expect(() => new SimilarityScale(calibration, 'findface')).toThrow(/FAR 0.00001|FAR 1e-5/);
  });
});
