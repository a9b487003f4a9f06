/** In-place iterative radix-2 FFT of a fixed power-of-two size, with its tables made once. */
export class Fft {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(readonly size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${size}`);
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    const bits = Math.log2(size);
    this.reversed = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
  }

  /** Forward transform X[k] = Σ x[n]·e^(-2πikn/N) of (re, im), overwriting both. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const j = this.reversed[i]!;
      if (j > i) {
        [re[i], re[j]] = [re[j]!, re[i]!];
        [im[i], im[j]] = [im[j]!, im[i]!];
      }
    }
    for (let span = 2; span <= n; span *= 2) {
      const half = span / 2;
      const step = n / span;
      for (let start = 0; start < n; start += span) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step]!;
          const wi = this.sin[k * step]!;
          const a = start + k;
          const b = a + half;
          const tr = wr * re[b]! - wi * im[b]!;
          const ti = wr * im[b]! + wi * re[b]!;
          re[b] = re[a]! - tr;
          im[b] = im[a]! - ti;
          re[a]! += tr;
          im[a]! += ti;
        }
      }
    }
  }

  /** |X[k]|² for k = 0..N/2 of a real signal (zero-padded to the size). */
  powerSpectrum(signal: Float64Array, out: Float64Array, re: Float64Array, im: Float64Array): void {
    re.fill(0);
    re.set(signal.subarray(0, this.size));
    im.fill(0);
    this.transform(re, im);
    for (let k = 0; k <= this.size / 2; k++) out[k] = re[k]! * re[k]! + im[k]! * im[k]!;
  }
}
