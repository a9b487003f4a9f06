import { cosine } from '../verification-metrics';
import { fusedSamples } from './score-fusion';

const unit = (...v: number[]) => {
  const n = Math.hypot(...v);
  return new Float32Array(v.map((x) => x / n));
};

describe('fusedSamples', () => {
  it('gives the weighted mean of the candidates\' cosines', () => {
    const a = [{ identity: 'x', embedding: unit(1, 0) }, { identity: 'y', embedding: unit(1, 1) }];
    const b = [{ identity: 'x', embedding: unit(0, 1, 0) }, { identity: 'y', embedding: unit(0, 0, 1) }];
    const [p, q] = fusedSamples([a, b], [3, 1]);
    const expected = 0.75 * cosine(a[0]!.embedding, a[1]!.embedding) + 0.25 * cosine(b[0]!.embedding, b[1]!.embedding);
    expect(cosine(p!.embedding!, q!.embedding!)).toBeCloseTo(expected, 6);
    expect(cosine(p!.embedding!, p!.embedding!)).toBeCloseTo(1, 6);
  });

  it('keeps a face that one candidate missed missing, and refuses samples out of step', () => {
    const a = [{ identity: 'x', embedding: unit(1, 0) }];
    expect(fusedSamples([a, [{ identity: 'x', embedding: null }]], [1, 1])[0]!.embedding).toBeNull();
    expect(() => fusedSamples([a, [{ identity: 'z', embedding: unit(1, 0) }]], [1, 1])).toThrow(RangeError);
  });
});
