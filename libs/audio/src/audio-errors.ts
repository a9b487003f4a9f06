import { AppError } from '@bio/contracts';

export function unsupportedAudio(reason: string): AppError {
  return new AppError('AUDIO_UNSUPPORTED_FORMAT', `Unsupported audio: ${reason}`);
}

export function corruptAudio(reason: string): AppError {
  return new AppError('AUDIO_DECODE_FAILED', `Audio could not be decoded: ${reason}`);
}

/** Checked against the header-declared length where the container has one, so a huge file is never decoded. */
export function assertDuration(seconds: number, limits: { maxSeconds: number }): void {
  if (seconds > limits.maxSeconds) {
    throw new AppError('AUDIO_TOO_LONG', `Audio lasts ${seconds.toFixed(1)} s; at most ${limits.maxSeconds} s are accepted`, {
      seconds,
      maxSeconds: limits.maxSeconds,
    });
  }
}

/** Sample rates outside this range are taken as a corrupt header rather than real audio. */
export const MIN_SAMPLE_RATE = 1000;
export const MAX_SAMPLE_RATE = 768_000;
