import { readFileSync } from 'node:fs';
import { decodeSpeech, logMelFbank, subtractMean, type Fbank, type VoiceActivityDetector } from '@bio/audio';

/** The service's front end up to the speech samples: decode (any rate, mono, 16 kHz), then keep only what the VAD calls speech. */
export async function speechOf(file: string, vad: VoiceActivityDetector, maxSeconds: number): Promise<Float32Array> {
  return vad.keepSpeech(await decodeSpeech(new Uint8Array(readFileSync(file)), { maxSeconds }));
}

/** Frames start..end of a raw fbank, mean-normalised on their own, as the service normalises each utterance. */
export function normalisedSlice(fbank: Fbank, start: number, end: number): Fbank {
  return subtractMean({ frames: end - start, bins: fbank.bins, data: fbank.data.slice(start * fbank.bins, end * fbank.bins) });
}

/** Splits speech samples into `parts` equal pieces, each turned into mean-normalised fbank. */
export function fbankOfParts(samples: Float32Array, parts: number): Fbank[] {
  const size = Math.floor(samples.length / parts);
  return Array.from({ length: parts }, (_, i) => subtractMean(logMelFbank(samples.subarray(i * size, (i + 1) * size))));
}
