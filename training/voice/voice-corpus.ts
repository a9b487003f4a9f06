import { readdirSync } from 'node:fs';
import path from 'node:path';
import { seededRandom, shuffle } from '../mask/seeded-random';

/** Where the speech lives and how LibriSpeech's speakers are split, shared by training, bench/voice and the tests. */
const repoRoot = path.resolve(__dirname, '../..');
export const LIBRISPEECH_DIR = path.resolve(repoRoot, '../shared/data/voice/librispeech-train-clean-100');
export const FSDD_DIR = path.resolve(repoRoot, '../shared/data/voice/fsdd');
export const SPLIT_SEED = 20261201;
/** Of 251 speakers; the other 101 are never trained on. */
export const TRAINING_SPEAKERS = 150;

export interface Recording {
  speaker: string;
  file: string;
}

/** One utterance per speaker: `<speaker>-<chapter>-<n>.ogg`. */
export function librispeechRecordings(): Recording[] {
  return readdirSync(LIBRISPEECH_DIR)
    .filter((f) => f.endsWith('.ogg'))
    .sort()
    .map((f) => ({ speaker: f.split('-')[0]!, file: path.join(LIBRISPEECH_DIR, f) }));
}

/** Seeded speaker split: the same held-out speakers on every run and in every consumer. */
export function splitLibrispeech(): { training: Recording[]; heldOut: Recording[] } {
  const recordings = librispeechRecordings();
  shuffle(recordings, seededRandom(SPLIT_SEED));
  const byName = (a: Recording, b: Recording) => a.file.localeCompare(b.file);
  return { training: recordings.slice(0, TRAINING_SPEAKERS).sort(byName), heldOut: recordings.slice(TRAINING_SPEAKERS).sort(byName) };
}

/** Free Spoken Digit Dataset, `{digit}_{speaker}_{n}.wav` at 8 kHz; only ever used for evaluation. */
export function fsddRecordings(): Array<Recording & { digit: number; take: number }> {
  return readdirSync(FSDD_DIR)
    .filter((f) => f.endsWith('.wav'))
    .map((f) => {
      const [digit, speaker, take] = f.replace(/\.wav$/, '').split('_');
      return { speaker: speaker!, digit: Number(digit), take: Number(take), file: path.join(FSDD_DIR, f) };
    })
    .sort((a, b) => a.speaker.localeCompare(b.speaker) || a.take - b.take || a.digit - b.digit);
}
