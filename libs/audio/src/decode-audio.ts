import type { AudioLimits, PcmAudio } from './pcm-audio';
import { toMono } from './pcm-audio';
import { unsupportedAudio } from './audio-errors';
import { decodeOgg, isOgg } from './ogg-decoder';
import { decodeWav, isWav } from './wav-decoder';
import { resample } from './resample';

/** The rate every speech model here (Silero VAD, WeSpeaker / 3D-Speaker fbank) expects. */
export const SPEECH_SAMPLE_RATE = 16000;

/** Sniffs the container (RIFF/WAVE or Ogg with Vorbis or Opus) and decodes; throws AppError. */
export async function decodeAudio(bytes: Uint8Array, limits: AudioLimits): Promise<PcmAudio> {
  if (isWav(bytes)) return decodeWav(bytes, limits);
  if (isOgg(bytes)) return decodeOgg(bytes, limits);
  throw unsupportedAudio('not a WAV or Ogg file');
}

/** decode → mono → 16 kHz */
export async function decodeSpeech(bytes: Uint8Array, limits: AudioLimits): Promise<Float32Array> {
  const audio = await decodeAudio(bytes, limits);
  return resample(toMono(audio), audio.sampleRate, SPEECH_SAMPLE_RATE);
}
