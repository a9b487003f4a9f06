/**
 * Hysteresis over per-window speech probabilities. The defaults follow Silero's own
 * recommendations: speech starts at p >= 0.5 and only ends once p stays below 0.35 for
 * 100 ms (so short pauses between words do not split a region), regions shorter than
 * 250 ms are dropped as clicks, and each kept region grows by 30 ms each side so word
 * onsets and tails the 32 ms windows straddle are not cut.
 */
export interface SpeechSegmentOptions {
  onThreshold: number;
  offThreshold: number;
  minSpeechMs: number;
  minSilenceMs: number;
  padMs: number;
}

export const DEFAULT_SPEECH_SEGMENT_OPTIONS: SpeechSegmentOptions = {
  onThreshold: 0.5,
  offThreshold: 0.35,
  minSpeechMs: 250,
  minSilenceMs: 100,
  padMs: 30,
};

/** [start, end) sample ranges of speech, padded, clamped to the signal and merged where they touch. */
export function speechSegments(
  probabilities: ArrayLike<number>,
  windowSamples: number,
  totalSamples: number,
  sampleRate: number,
  options: SpeechSegmentOptions = DEFAULT_SPEECH_SEGMENT_OPTIONS,
): Array<[number, number]> {
  const toSamples = (ms: number) => Math.round((ms * sampleRate) / 1000);
  const minSpeech = toSamples(options.minSpeechMs);
  const minSilence = toSamples(options.minSilenceMs);
  const raw: Array<[number, number]> = [];
  let start: number | undefined;
  let silenceFrom: number | undefined;
  const close = (end: number) => {
    if (start !== undefined && end - start >= minSpeech) raw.push([start, end]);
    start = undefined;
    silenceFrom = undefined;
  };
  for (let w = 0; w < probabilities.length; w++) {
    const p = probabilities[w]!;
    const at = w * windowSamples;
    if (start === undefined) {
      if (p >= options.onThreshold) start = at;
      continue;
    }
    if (p >= options.onThreshold) silenceFrom = undefined;
    else if (p < options.offThreshold && silenceFrom === undefined) silenceFrom = at;
    if (silenceFrom !== undefined && at + windowSamples - silenceFrom >= minSilence) close(silenceFrom);
  }
  close(Math.min(silenceFrom ?? totalSamples, totalSamples));
  return padAndMerge(raw, toSamples(options.padMs), totalSamples);
}

function padAndMerge(segments: Array<[number, number]>, pad: number, total: number): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [s, e] of segments) {
    const start = Math.max(0, s - pad);
    const end = Math.min(total, e + pad);
    const previous = merged[merged.length - 1];
    if (previous && start <= previous[1]) previous[1] = Math.max(previous[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
