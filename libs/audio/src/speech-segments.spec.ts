import { speechSegments } from './speech-segments';

/** 32 ms windows at 16 kHz. */
const W = 512;
const RATE = 16000;
const run = (probabilities: number[]) => speechSegments(probabilities, W, probabilities.length * W, RATE);
const repeat = (p: number, windows: number) => new Array<number>(windows).fill(p);

describe('speechSegments (hysteresis 0.5 on / 0.35 off, min speech 250 ms, min silence 100 ms, pad 30 ms)', () => {
  const pad = 480;

  it('finds one padded region of speech between silences', () => {
    expect(run([...repeat(0.05, 10), ...repeat(0.9, 20), ...repeat(0.05, 10)])).toEqual([[10 * W - pad, 30 * W + pad]]);
  });

  it('keeps speech going while the probability stays between the thresholds', () => {
    expect(run([...repeat(0, 5), ...repeat(0.9, 10), ...repeat(0.4, 10), ...repeat(0.9, 10), ...repeat(0, 5)])).toEqual([[5 * W - pad, 35 * W + pad]]);
  });

  it('bridges pauses shorter than 100 ms and splits at longer ones', () => {
    // 2 windows = 64 ms: bridged; 6 windows = 192 ms: split.
    expect(run([...repeat(0.9, 10), ...repeat(0.1, 2), ...repeat(0.9, 10), ...repeat(0, 5)])).toHaveLength(1);
    const split = run([...repeat(0.9, 10), ...repeat(0.1, 6), ...repeat(0.9, 10), ...repeat(0, 5)]);
    expect(split).toEqual([[0, 10 * W + pad], [16 * W - pad, 26 * W + pad]]);
  });

  it('drops bursts shorter than 250 ms and finds nothing in silence', () => {
    expect(run([...repeat(0, 10), ...repeat(0.95, 7), ...repeat(0, 10)])).toEqual([]);
    expect(run(repeat(0.2, 50))).toEqual([]);
  });

  it('ends a region that runs to the end of the signal at the signal end', () => {
    expect(speechSegments([...repeat(0, 5), ...repeat(0.9, 20)], W, 25 * W - 100, RATE)).toEqual([[5 * W - pad, 25 * W - 100]]);
  });
});
