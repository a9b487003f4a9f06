import { fbankFrameCount, frameWindow, logMelFbank, subtractMean, WESPEAKER_FBANK } from './fbank';
import { Fft } from './fft';

/** Kaldi's mel scale, written out here so the reference does not share the code under test. */
const melScale = (hz: number) => 1127 * Math.log(1 + hz / 700);

/** A reproducible pseudo-random signal in [-0.5, 0.5]. */
function noise(length: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
}

/**
 * The Kaldi recipe written out slowly and independently: a direct DFT and triangles
 * evaluated straight from their definition (weight = distance in mel to the nearer
 * edge over half the width), no table.
 */
function slowFbank(samples: Float32Array, frame: number): number[] {
  const { numMelBins: bins, preemphasis, scale } = WESPEAKER_FBANK;
  const x = Array.from(samples.subarray(frame * 160, frame * 160 + 400), (v) => v * scale);
  const mean = x.reduce((a, b) => a + b, 0) / 400;
  const dc = x.map((v) => v - mean);
  const emphasised = dc.map((v, i) => v - preemphasis * dc[Math.max(0, i - 1)]!);
  const windowed = emphasised.map((v, i) => v * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / 399)));
  const power = Array.from({ length: 257 }, (_, k) => {
    let re = 0;
    let im = 0;
    windowed.forEach((v, n) => {
      re += v * Math.cos((2 * Math.PI * k * n) / 512);
      im -= v * Math.sin((2 * Math.PI * k * n) / 512);
    });
    return re * re + im * im;
  });
  const low = melScale(20);
  const step = (melScale(8000) - low) / (bins + 1);
  return Array.from({ length: bins }, (_, b) => {
    const centre = low + (b + 1) * step;
    let energy = 0;
    for (let k = 0; k < 256; k++) energy += Math.max(0, 1 - Math.abs(melScale(k * 31.25) - centre) / step) * power[k]!;
    return Math.log(Math.max(energy, 1.1920928955078125e-7));
  });
}

describe('logMelFbank (Kaldi / WeSpeaker conventions)', () => {
  it('counts frames as Kaldi does with snip_edges: 1 + floor((N - 400) / 160)', () => {
    for (const n of [0, 399, 400, 559, 560, 16000, 16123]) {
      const expected = n < 400 ? 0 : 1 + Math.floor((n - 400) / 160);
      expect(fbankFrameCount(n, 400, 160)).toBe(expected);
      expect(logMelFbank(new Float32Array(n)).frames).toBe(expected);
    }
    expect(logMelFbank(new Float32Array(16000)).data).toHaveLength(98 * 80);
  });

  it('matches a slow direct-DFT reference of the same recipe on noise', () => {
    const samples = noise(1000);
    const fbank = logMelFbank(samples);
    expect(fbank.frames).toBe(4);
    for (const frame of [0, 3]) {
      const reference = slowFbank(samples, frame);
      for (let b = 0; b < 80; b++) expect(fbank.data[frame * 80 + b]).toBeCloseTo(reference[b]!, 3);
    }
  });

  it('puts a pure tone into the mel bin whose centre is nearest its frequency', () => {
    const step = (melScale(8000) - melScale(20)) / 81;
    for (const hz of [300, 1000, 3000, 6000]) {
      const samples = Float32Array.from({ length: 4000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / 16000));
      const { data } = logMelFbank(samples);
      const row = Array.from(data.subarray(10 * 80, 11 * 80));
      const loudest = row.indexOf(Math.max(...row));
      const expected = Math.round((melScale(hz) - melScale(20)) / step) - 1;
      expect(Math.abs(loudest - expected)).toBeLessThanOrEqual(1);
    }
  });

  it('floors silence at log(float32 eps) and scales like 32768² in energy', () => {
    expect(logMelFbank(new Float32Array(800)).data[0]).toBeCloseTo(Math.log(1.1920928955078125e-7), 5);
    const samples = noise(800);
    const int16Scale = logMelFbank(samples).data;
    const unitScale = logMelFbank(samples, { scale: 1 }).data;
    expect(int16Scale[40]! - unitScale[40]!).toBeCloseTo(2 * Math.log(32768), 3);
  });

  it("offers Kaldi's windows: hamming (WeSpeaker) and povey (Kaldi's default)", () => {
    const hamming = frameWindow('hamming', 400);
    const povey = frameWindow('povey', 400);
    expect(hamming[0]).toBeCloseTo(0.08, 10);
    expect(povey[0]).toBe(0);
    expect(povey[200]).toBeCloseTo((0.5 - 0.5 * Math.cos((2 * Math.PI * 200) / 399)) ** 0.85, 10);
    const samples = noise(800);
    expect(logMelFbank(samples, { window: 'povey' }).data[5]).not.toBeCloseTo(logMelFbank(samples).data[5]!, 2);
  });

  it('subtractMean leaves every bin with zero mean over the frames', () => {
    const cmn = subtractMean(logMelFbank(noise(8000)));
    for (const b of [0, 41, 79]) {
      let sum = 0;
      for (let f = 0; f < cmn.frames; f++) sum += cmn.data[f * 80 + b]!;
      expect(Math.abs(sum / cmn.frames)).toBeLessThan(1e-5);
    }
  });
});

describe('Fft', () => {
  it('equals a direct DFT', () => {
    const n = 64;
    const signal = noise(n, 7);
    const re = Float64Array.from(signal);
    const im = new Float64Array(n);
    new Fft(n).transform(re, im);
    for (const k of [0, 1, 13, 32, 63]) {
      let dr = 0;
      let di = 0;
      for (let t = 0; t < n; t++) {
        dr += signal[t]! * Math.cos((2 * Math.PI * k * t) / n);
        di -= signal[t]! * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(re[k]).toBeCloseTo(dr, 9);
      expect(im[k]).toBeCloseTo(di, 9);
    }
  });

  it('refuses sizes that are not powers of two', () => {
    expect(() => new Fft(400)).toThrow(RangeError);
  });
});
