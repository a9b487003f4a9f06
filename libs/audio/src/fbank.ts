import { Fft } from './fft';
import { melFilterbank } from './mel-filterbank';

export type FbankWindow = 'hamming' | 'povey' | 'hanning' | 'rectangular';

/**
 * The options of torchaudio.compliance.kaldi.fbank that matter here, with the values
 * WeSpeaker uses at inference (dither 0, hamming window). 3D-Speaker keeps Kaldi's
 * default 'povey' window. energy_floor only matters with use_energy, which neither uses.
 */
export interface FbankOptions {
  numMelBins: number;
  frameLengthMs: number;
  frameShiftMs: number;
  sampleRate: number;
  window: FbankWindow;
  preemphasis: number;
  removeDcOffset: boolean;
  lowFreq: number;
  /** A value <= 0 is an offset from Nyquist, as in Kaldi (0 = Nyquist). */
  highFreq: number;
  /**
   * Samples in [-1, 1] are multiplied by this first: WeSpeaker feeds kaldi.fbank the
   * waveform times 1 << 15 (16-bit integer scale). After CMN a scale only shifts every log
   * energy by the same constant, but without CMN it must match the model's training.
   */
  scale: number;
}

export const WESPEAKER_FBANK: FbankOptions = {
  numMelBins: 80,
  frameLengthMs: 25,
  frameShiftMs: 10,
  sampleRate: 16000,
  window: 'hamming',
  preemphasis: 0.97,
  removeDcOffset: true,
  lowFreq: 20,
  highFreq: 0,
  scale: 32768,
};

/** Row-major frames × bins. */
export interface Fbank {
  frames: number;
  bins: number;
  data: Float32Array;
}

/** torch.finfo(torch.float32).eps: the floor under each mel energy before the log, as in torchaudio. */
const LOG_FLOOR = 1.1920928955078125e-7;

/** Number of frames with snip_edges: only whole frames, 1 + floor((N - length) / shift). */
export function fbankFrameCount(samples: number, frameLength: number, frameShift: number): number {
  return samples < frameLength ? 0 : 1 + Math.floor((samples - frameLength) / frameShift);
}

/**
 * Kaldi-compatible log-mel filterbank (torchaudio.compliance.kaldi.fbank with use_power,
 * use_log_fbank, round_to_power_of_two, snip_edges and dither 0), as WeSpeaker and
 * 3D-Speaker feed their ONNX exports.
 */
export function logMelFbank(samples16k: Float32Array, options: Partial<FbankOptions> = {}): Fbank {
  const o = { ...WESPEAKER_FBANK, ...options };
  const frameLength = Math.round((o.sampleRate * o.frameLengthMs) / 1000);
  const frameShift = Math.round((o.sampleRate * o.frameShiftMs) / 1000);
  const fftSize = 2 ** Math.ceil(Math.log2(frameLength));
  const columns = fftSize / 2 + 1;
  const frames = fbankFrameCount(samples16k.length, frameLength, frameShift);
  const window = frameWindow(o.window, frameLength);
  const banks = melFilterbank(o.numMelBins, fftSize, o.sampleRate, o.lowFreq, o.highFreq);
  const fft = new Fft(fftSize);
  const frame = new Float64Array(frameLength);
  const power = new Float64Array(columns);
  const re = new Float64Array(fftSize);
  const im = new Float64Array(fftSize);
  const data = new Float32Array(frames * o.numMelBins);
  for (let f = 0; f < frames; f++) {
    const start = f * frameShift;
    let mean = 0;
    for (let i = 0; i < frameLength; i++) {
      frame[i] = samples16k[start + i]! * o.scale;
      mean += frame[i]!;
    }
    if (o.removeDcOffset) {
      mean /= frameLength;
      for (let i = 0; i < frameLength; i++) frame[i]! -= mean;
    }
    // Kaldi's pre-emphasis treats the sample before the frame as the frame's first sample.
    for (let i = frameLength - 1; i > 0; i--) frame[i]! -= o.preemphasis * frame[i - 1]!;
    frame[0]! -= o.preemphasis * frame[0]!;
    for (let i = 0; i < frameLength; i++) frame[i]! *= window[i]!;
    fft.powerSpectrum(frame, power, re, im);
    for (let b = 0; b < o.numMelBins; b++) {
      let energy = 0;
      const row = b * columns;
      for (let k = banks.first[b]!; k <= banks.last[b]!; k++) energy += banks.weights[row + k]! * power[k]!;
      data[f * o.numMelBins + b] = Math.log(Math.max(energy, LOG_FLOOR));
    }
  }
  return { frames, bins: o.numMelBins, data };
}

/** Per-utterance mean normalisation (CMN): each bin minus its mean over the frames, as WeSpeaker applies. */
export function subtractMean(fbank: Fbank): Fbank {
  const { frames, bins } = fbank;
  const mean = new Float64Array(bins);
  for (let f = 0; f < frames; f++) for (let b = 0; b < bins; b++) mean[b]! += fbank.data[f * bins + b]!;
  if (frames > 0) for (let b = 0; b < bins; b++) mean[b]! /= frames;
  const data = new Float32Array(fbank.data.length);
  for (let f = 0; f < frames; f++) for (let b = 0; b < bins; b++) data[f * bins + b] = fbank.data[f * bins + b]! - mean[b]!;
  return { frames, bins, data };
}

/** Kaldi's window functions; 'povey' is Kaldi's default, a Hann window raised to 0.85. */
export function frameWindow(kind: FbankWindow, length: number): Float64Array {
  const w = new Float64Array(length);
  const a = (2 * Math.PI) / (length - 1);
  for (let i = 0; i < length; i++) {
    const hann = 0.5 - 0.5 * Math.cos(a * i);
    w[i] = kind === 'hamming' ? 0.54 - 0.46 * Math.cos(a * i) : kind === 'povey' ? hann ** 0.85 : kind === 'hanning' ? hann : 1;
  }
  return w;
}
