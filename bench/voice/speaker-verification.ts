/**
 * Speaker verification through the service's whole voice pipeline (decode -> Silero VAD
 * keepSpeech -> 80-bin log-mel -> mean normalisation -> speaker embedder -> cosine), on
 * speech the speaker model never saw:
 *  (a) the 101 held-out LibriSpeech train-clean-100 speakers (split of training/voice):
 *      each utterance's speech cut in two halves; same speaker = the two halves of one
 *      utterance (same session: this flatters the figure), different = halves of
 *      different speakers;
 *  (b) FSDD (6 speakers, never trained on): clips of one speaker joined, in file order,
 *      until a side holds >= 1 s of speech (at least 3 clips); every clip is used once, so
 *      same-speaker pairs are different recordings.
 * Prints pairs, EER with a 95 % speaker-bootstrap interval, the cosine (and similarity)
 * threshold at FAR 1 %, and the real-time factor of the pipeline on the LibriSpeech files.
 *   node scripts/run-ts.cjs bench/voice/speaker-verification.ts [--write-calibration]
 * --write-calibration writes models/calibration/<model id>.json (modality voice) from (a)'s pairs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeSpeech, logMelFbank, subtractMean, VoiceActivityDetector } from '@bio/audio';
import { createLogger } from '@bio/observability';
import { scriptEnv } from '../../training/mask/script-env';
import { speechOf } from '../../training/voice/speech-pipeline';
import { fsddRecordings, splitLibrispeech } from '../../training/voice/voice-corpus';
import { SpeakerEmbedder } from '../../apps/voice/src/speaker/speaker-embedder';
import { speakerCosine } from '../../apps/voice/src/speaker/speaker-score';
import { calibrationSchema, type Calibration } from '@bio/config';
import { SimilarityScale } from '../../apps/api-gateway/src/scoring/similarity-scale';
import { allPairScores, verificationFigures, type Sample } from '../accuracy/verification-metrics';
import { bootstrapEerInterval } from './eer-interval';

const repoRoot = path.resolve(__dirname, '../..');
/** Where the gateway's voice similarity scale reads it (CALIBRATION_DIR), named after the model. */
const calibrationFile = (modelId: string) => path.join(repoRoot, 'models/calibration', `${modelId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
const FARS = [1e-1, 1e-2, 1e-3];
const SAMPLE_RATE = 16000;
const FSDD_MIN_SPEECH_SECONDS = 1;
const FSDD_MIN_CLIPS = 3;
const BOOTSTRAP = { resamples: 1000, seed: 7 };

interface SetFigures {
  name: string;
  samples: Sample[];
  note: string;
}

function scoreMatrix(samples: readonly Sample[]): Float32Array[] {
  return samples.map((a) => Float32Array.from(samples, (b) => speakerCosine(a.embedding!, b.embedding!)));
}

function report(set: SetFigures, similarity: SimilarityScale | undefined) {
  const figures = verificationFigures(allPairScores(set.samples), FARS);
  const interval = bootstrapEerInterval(set.samples, scoreMatrix(set.samples), BOOTSTRAP.resamples, BOOTSTRAP.seed);
  const speakers = new Set(set.samples.map((s) => s.identity)).size;
  console.log(`\n${set.name}`);
  console.log(`  ${set.note}`);
  console.log(`  ${speakers} speakers, ${set.samples.length} sides; ${figures.genuinePairs} same-speaker pairs, ${figures.impostorPairs} different-speaker pairs`);
  console.log(`  EER ${(figures.eer * 100).toFixed(2)} % (95 % speaker-bootstrap interval ${(interval.low * 100).toFixed(2)}-${(interval.high * 100).toFixed(2)} %, ${interval.resamples} resamples), at cosine ${figures.eerThreshold.toFixed(4)}`);
  for (const p of figures.operatingPoints) {
    const mapped = similarity ? `, similarity ${similarity.toSimilarity(p.threshold).toFixed(3)}` : '';
    console.log(`  FAR ${p.far * 100} %: cosine threshold ${p.threshold.toFixed(4)}${mapped}, TAR ${(p.tar * 100).toFixed(2)} %`);
  }
  return figures;
}

async function main(): Promise<void> {
  const writeCalibration = process.argv.includes('--write-calibration');
  const logger = createLogger('bench-speaker', 'warn');
  const env = scriptEnv();
  const vad = await VoiceActivityDetector.open(env, logger);
  const embedder = await SpeakerEmbedder.open(env, logger);

  const timing = { audioSeconds: 0, decode: 0, vad: 0, fbank: 0, embed: 0 };
  const libri: Sample[] = [];
  for (const recording of splitLibrispeech().heldOut) {
    const bytes = new Uint8Array(readFileSync(recording.file));
    let t = performance.now();
    const samples = await decodeSpeech(bytes, { maxSeconds: env.AUDIO_MAX_SECONDS });
    timing.decode += performance.now() - t;
    timing.audioSeconds += samples.length / SAMPLE_RATE;
    t = performance.now();
    const speech = await vad.keepSpeech(samples);
    timing.vad += performance.now() - t;
    const half = Math.floor(speech.length / 2);
    for (const part of [speech.subarray(0, half), speech.subarray(half)]) {
      t = performance.now();
      const fbank = subtractMean(logMelFbank(part));
      timing.fbank += performance.now() - t;
      t = performance.now();
      libri.push({ identity: recording.speaker, embedding: await embedder.embed(fbank) });
      timing.embed += performance.now() - t;
    }
  }

  const fsdd: Sample[] = [];
  const fsddSpeech: number[] = [];
  const bySpeaker = new Map<string, string[]>();
  for (const r of fsddRecordings()) bySpeaker.set(r.speaker, [...(bySpeaker.get(r.speaker) ?? []), r.file]);
  for (const [speaker, files] of bySpeaker) {
    let parts: Float32Array[] = [];
    for (const file of files) {
      parts.push(await speechOf(file, vad, env.AUDIO_MAX_SECONDS));
      const length = parts.reduce((n, p) => n + p.length, 0);
      if (parts.length < FSDD_MIN_CLIPS || length < FSDD_MIN_SPEECH_SECONDS * SAMPLE_RATE) continue;
      const joined = new Float32Array(length);
      parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
      fsdd.push({ identity: speaker, embedding: await embedder.embed(subtractMean(logMelFbank(joined))) });
      fsddSpeech.push(length / SAMPLE_RATE);
      parts = [];
    }
  }
  await vad.close();
  await embedder.close();

  const file = calibrationFile(embedder.modelId);
  const similarity = existsSync(file) ? new SimilarityScale(calibrationSchema.parse(JSON.parse(readFileSync(file, 'utf8')))) : undefined;
  console.log(`speaker model: ${embedder.modelId}${similarity ? '' : ' (no calibration for it: cosine only)'}`);
  const speechPerFsddSide = fsddSpeech.reduce((a, b) => a + b, 0) / fsddSpeech.length;
  const libriFigures = report(
    { name: '(a) LibriSpeech train-clean-100, 101 held-out speakers (never trained on)', samples: libri, note: 'same speaker = two halves of ONE utterance (same session): FLATTERED figure' },
    similarity,
  );
  report(
    {
      name: '(b) FSDD, 6 speakers (never trained on), 8 kHz spoken digits resampled to 16 kHz',
      samples: fsdd,
      note: `each side = consecutive clips of one speaker joined after VAD until >= ${FSDD_MIN_SPEECH_SECONDS} s of speech (>= ${FSDD_MIN_CLIPS} clips), mean ${speechPerFsddSide.toFixed(2)} s; same speaker = different recordings`,
    },
    similarity,
  );
  const compute = timing.decode + timing.vad + timing.fbank + timing.embed;
  console.log(`\nreal-time factor on the ${libri.length / 2} LibriSpeech files (${timing.audioSeconds.toFixed(0)} s of audio): ${(compute / 1000 / timing.audioSeconds).toFixed(4)} s of compute per s of audio`);
  console.log(`  per s of audio: decode ${(timing.decode / timing.audioSeconds).toFixed(2)} ms, VAD ${(timing.vad / timing.audioSeconds).toFixed(2)} ms, fbank+CMN ${(timing.fbank / timing.audioSeconds).toFixed(2)} ms, embed ${(timing.embed / timing.audioSeconds).toFixed(2)} ms (threads ${env.INFERENCE_THREADS})`);

  if (writeCalibration) {
    const calibration: Calibration & { eer: number; benchmark: string; method: string } = {
      modelId: embedder.modelId,
      modality: 'voice',
      dataset: 'voice/librispeech-train-clean-100, 101 held-out speakers (split seed of training/voice), halves of one utterance; thresholds from different-speaker pairs',
      genuinePairs: libriFigures.genuinePairs,
      impostorPairs: libriFigures.impostorPairs,
      measuredAt: new Date().toISOString().slice(0, 10),
      benchmark: 'bench/voice/speaker-verification.ts',
      thresholds: libriFigures.operatingPoints.map((p) => ({ far: p.far, cosine: Number(p.threshold.toFixed(5)), tar: Number(p.tar.toFixed(4)) })),
      eer: Number(libriFigures.eer.toFixed(4)),
      method: 'decode -> Silero VAD keepSpeech -> halves -> 80-bin log-mel -> CMN -> embedder; cosine of L2-normalised embeddings over all pairs of halves; accept when cosine > threshold',
    };
    writeFileSync(file, `${JSON.stringify(calibration, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(repoRoot, file)} (the first run prints cosines only; run again to see similarities)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
