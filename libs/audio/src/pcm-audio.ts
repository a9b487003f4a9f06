/** Decoded audio: one Float32Array per channel, samples in [-1, 1]. */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export interface AudioLimits {
  /** Longer recordings are refused with AUDIO_TOO_LONG. */
  maxSeconds: number;
}

/** The average of the channels (a copy, also for mono input, so callers may modify it). */
export function toMono(audio: PcmAudio): Float32Array {
  const [first, ...rest] = audio.channels;
  if (!first) return new Float32Array(0);
  const mono = Float32Array.from(first);
  if (rest.length === 0) return mono;
  for (const channel of rest) for (let i = 0; i < mono.length; i++) mono[i]! += channel[i]!;
  const scale = 1 / audio.channels.length;
  for (let i = 0; i < mono.length; i++) mono[i]! *= scale;
  return mono;
}
