import { DEFAULT_SPEAKER_THRESHOLD, SpeakerSimilarity, type SpeakerCalibration } from './speaker-similarity';
import { l2Normalise, speakerCosine } from './speaker-score';

const calibration: SpeakerCalibration = {
  modelId: 'test-model',
  dataset: 'synthetic',
  genuinePairs: 10,
  impostorPairs: 100,
  measuredAt: '2026-12-01',
  benchmark: 'none',
  thresholds: [
    { far: 0.1, cosine: 0.2, tar: 0.99 },
    { far: 0.01, cosine: 0.4, tar: 0.9 },
    { far: 0.001, cosine: 0.5, tar: 0.8 },
  ],
  eer: 0.05,
};

describe('speaker similarity scale', () => {
  const scale = new SpeakerSimilarity(calibration);

  it('maps the measured cosines to their anchors and the FAR 1 % cosine to the default threshold', () => {
    expect(scale.toSimilarity(0.2)).toBeCloseTo(0.4, 10);
    expect(scale.toSimilarity(0.4)).toBeCloseTo(DEFAULT_SPEAKER_THRESHOLD, 10);
    expect(scale.toSimilarity(0.5)).toBeCloseTo(0.8, 10);
  });

  it('is linear between knots and pinned at -1 -> 0 and 1 -> 1', () => {
    expect(scale.toSimilarity(0.3)).toBeCloseTo(0.5, 10);
    expect(scale.toSimilarity(0.75)).toBeCloseTo(0.9, 10);
    expect(scale.toSimilarity(-1)).toBe(0);
    expect(scale.toSimilarity(-0.4)).toBeCloseTo(0.2, 10);
    expect(scale.toSimilarity(1)).toBe(1);
  });

  it('refuses a calibration that lacks an anchor or is not monotonic', () => {
    expect(() => new SpeakerSimilarity({ ...calibration, thresholds: calibration.thresholds.slice(0, 2).concat({ far: 0.05, cosine: 0.6, tar: 1 }) })).toThrow(/lacks FAR 0.001/);
    expect(() => new SpeakerSimilarity({ ...calibration, thresholds: calibration.thresholds.map((t) => ({ ...t, cosine: 0.3 })) })).toThrow(/not monotonic/);
  });
});

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
