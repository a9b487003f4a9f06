/**
 * Band-limited rational resampler: a Kaiser-windowed sinc evaluated on a polyphase table.
 *
 * The low-pass cut-off sits at 80 % of the lower Nyquist frequency with 40 zero
 * crossings each side and a Kaiser window for ~80 dB stop-band: at 48 kHz → 16 kHz the
 * stop band starts below 7 kHz (6.4 kHz cut-off, ~1 kHz transition), so nothing above the
 * new Nyquist folds back into the speech band. Speech loses little above 6.4 kHz.
 */
const CUTOFF = 0.8;
const ZERO_CROSSINGS = 40;
const STOPBAND_DB = 80;
/** Rates with an awkward ratio (e.g. 44101 → 16000) share this many phases, rounded to the nearest. */
const MAX_PHASES = 2048;

interface PolyphaseFilter {
  /** Phases × taps, row-major; tap j of phase p weighs input sample floor(t) - halfTaps + 1 + j. */
  table: Float32Array;
  phases: number;
  taps: number;
}

const filters = new Map<string, PolyphaseFilter>();

export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0 && toRate > 0 && Number.isInteger(fromRate) && Number.isInteger(toRate))) {
    throw new RangeError(`resample needs positive integer rates, got ${fromRate} → ${toRate}`);
  }
  if (fromRate === toRate) return Float32Array.from(samples);
  const divisor = gcd(fromRate, toRate);
  const up = toRate / divisor;
  const down = fromRate / divisor;
  const filter = polyphaseFilter(fromRate, toRate, Math.min(up, MAX_PHASES));
  const { table, phases, taps } = filter;
  const half = taps / 2;
  const out = new Float32Array(Math.ceil((samples.length * up) / down));
  const last = samples.length - 1;
  for (let n = 0; n < out.length; n++) {
    // Output n lies at input time n·down/up; integer arithmetic keeps it exact.
    const position = n * down;
    let base = Math.floor(position / up);
    let phase = up === phases ? position - base * up : Math.round(((position - base * up) * phases) / up);
    if (phase === phases) {
      phase = 0;
      base++;
    }
    const first = base - half + 1;
    const row = phase * taps;
    let acc = 0;
    const from = Math.max(0, -first);
    const to = Math.min(taps, last - first + 1);
    for (let j = from; j < to; j++) acc += table[row + j]! * samples[first + j]!;
    out[n] = acc;
  }
  return out;
}

function polyphaseFilter(fromRate: number, toRate: number, phases: number): PolyphaseFilter {
  const key = `${fromRate}:${toRate}`;
  const cached = filters.get(key);
  if (cached) return cached;
  // Cut-off in cycles per input sample, and the half-length in input samples that holds the zero crossings.
  const cutoff = (CUTOFF * Math.min(fromRate, toRate)) / (2 * fromRate);
  const halfTaps = Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
  const taps = 2 * halfTaps;
  const beta = 0.1102 * (STOPBAND_DB - 8.7);
  const table = new Float32Array(phases * taps);
  for (let p = 0; p < phases; p++) {
    const fraction = p / phases;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      // Distance from the output instant to input sample floor(t) - halfTaps + 1 + j.
      const distance = fraction + halfTaps - 1 - j;
      const w = kaiser(distance / halfTaps, beta);
      const h = w * 2 * cutoff * sinc(2 * cutoff * distance);
      table[p * taps + j] = h;
      sum += h;
    }
    // Unit DC gain in every phase, so a constant stays constant without ripple.
    for (let j = 0; j < taps; j++) table[p * taps + j]! /= sum;
  }
  const filter = { table, phases, taps };
  filters.set(key, filter);
  return filter;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Kaiser window at x in [-1, 1]. */
function kaiser(x: number, beta: number): number {
  if (x <= -1 || x >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - x * x)) / besselI0(beta);
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; term > 1e-12 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
