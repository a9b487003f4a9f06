import { resample } from './resample';

function tone(seconds: number, frequency: number, rate: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate));
}

/** Amplitude of the component at `frequency` by a direct projection (a one-bin DFT) over the middle, away from the edges. */
function amplitudeAt(signal: Float32Array, frequency: number, rate: number): number {
  const from = Math.floor(signal.length / 4);
  const to = Math.floor((3 * signal.length) / 4);
  let re = 0;
  let im = 0;
  for (let i = from; i < to; i++) {
    re += signal[i]! * Math.cos((2 * Math.PI * frequency * i) / rate);
    im += signal[i]! * Math.sin((2 * Math.PI * frequency * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

function rms(signal: Float32Array): number {
  const from = Math.floor(signal.length / 4);
  const to = Math.floor((3 * signal.length) / 4);
  let sum = 0;
  for (let i = from; i < to; i++) sum += signal[i]! ** 2;
  return Math.sqrt(sum / (to - from));
}

describe('resample', () => {
  it('keeps a 1 kHz tone at 8 → 16 kHz: frequency, amplitude and phase', () => {
    const out = resample(tone(1, 1000, 8000), 8000, 16000);
    expect(out).toHaveLength(16000);
    expect(amplitudeAt(out, 1000, 16000)).toBeCloseTo(0.5, 3);
    // Sample by sample against the ideal 16 kHz tone: no delay, no distortion.
    const ideal = tone(1, 1000, 16000);
    let worst = 0;
    for (let i = 4000; i < 12000; i++) worst = Math.max(worst, Math.abs(out[i]! - ideal[i]!));
    expect(worst).toBeLessThan(1e-3);
  });

  it('removes a 7 kHz tone at 48 → 16 kHz (> 40 dB down) instead of folding it to 9 kHz', () => {
    const out = resample(tone(1, 7000, 48000), 48000, 16000);
    expect(out).toHaveLength(16000);
    expect(20 * Math.log10(rms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-40);
  });

  it('passes a 3 kHz tone at 48 → 16 kHz and at 44.1 → 16 kHz unchanged in level', () => {
    expect(amplitudeAt(resample(tone(1, 3000, 48000), 48000, 16000), 3000, 16000)).toBeCloseTo(0.5, 2);
    expect(amplitudeAt(resample(tone(1, 3000, 44100), 44100, 16000), 3000, 16000)).toBeCloseTo(0.5, 2);
  });

  it('handles a ratio with no small common factor (44101 → 16000) through the shared phases', () => {
    const out = resample(tone(0.5, 1000, 44101), 44101, 16000);
    expect(out).toHaveLength(Math.ceil((22051 * 16000) / 44101));
    expect(amplitudeAt(out, 1000, 16000)).toBeCloseTo(0.5, 2);
  });

  it('keeps a constant constant and returns a copy at equal rates', () => {
    const out = resample(new Float32Array(4800).fill(0.25), 48000, 16000);
    expect(out[800]).toBeCloseTo(0.25, 5);
    const same = Float32Array.from([1, 2, 3]);
    const copy = resample(same, 16000, 16000);
    expect(copy).toEqual(same);
    expect(copy).not.toBe(same);
  });

  it('refuses non-integer or non-positive rates', () => {
    expect(() => resample(new Float32Array(4), 0, 16000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 8000.5, 16000)).toThrow(RangeError);
  });
});
