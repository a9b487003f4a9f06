/** Kaldi's mel scale. */
export function melScale(hz: number): number {
  return 1127 * Math.log(1 + hz / 700);
}

/**
 * Kaldi's triangular filters, equally spaced on the mel scale between lowFreq and
 * highFreq, over FFT bins 0..fftSize/2 (the Nyquist bin always weighs 0, as in Kaldi and
 * torchaudio). Row-major bins × (fftSize/2 + 1).
 */
export interface MelFilterbank {
  weights: Float64Array;
  columns: number;
  /** Each filter's non-zero weights lie in columns [first[b], last[b]]; the product skips the rest. */
  first: Uint16Array;
  last: Uint16Array;
}

export function melFilterbank(bins: number, fftSize: number, sampleRate: number, lowFreq: number, highFreq: number): MelFilterbank {
  const columns = fftSize / 2 + 1;
  const nyquist = sampleRate / 2;
  // Kaldi reads a non-positive high frequency as an offset from Nyquist.
  const high = highFreq <= 0 ? nyquist + highFreq : highFreq;
  if (!(lowFreq >= 0 && lowFreq < high && high <= nyquist)) throw new RangeError(`mel filterbank needs 0 <= lowFreq < highFreq <= ${nyquist}, got ${lowFreq}, ${high}`);
  const melLow = melScale(lowFreq);
  const melDelta = (melScale(high) - melLow) / (bins + 1);
  const binWidth = sampleRate / fftSize;
  const weights = new Float64Array(bins * columns);
  const first = new Uint16Array(bins).fill(columns);
  const last = new Uint16Array(bins);
  for (let b = 0; b < bins; b++) {
    const left = melLow + b * melDelta;
    const centre = left + melDelta;
    const right = centre + melDelta;
    for (let k = 0; k < fftSize / 2; k++) {
      const mel = melScale(k * binWidth);
      const w = Math.min((mel - left) / (centre - left), (right - mel) / (right - centre));
      if (w > 0) {
        weights[b * columns + k] = w;
        first[b] = Math.min(first[b]!, k);
        last[b] = k;
      }
    }
  }
  return { weights, columns, first, last };
}
