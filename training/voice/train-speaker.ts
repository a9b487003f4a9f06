/**
 * Builds the project's speaker model from LibriSpeech train-clean-100 speakers: a seeded
 * 150 / 101 speaker split (the 101 are never seen here), each training utterance through
 * the service's front end (decode -> Silero VAD -> 80-bin log-mel), cut into seeded 2-4 s
 * segments, each mean-normalised. Frame PCA whitening, a diagonal GMM background model,
 * MAP-adapted mean supervectors, and LDA with within-speaker whitening; the configuration
 * is chosen on 30 validation speakers taken from the training speakers, then the model is
 * refitted on all 150 and exported as one ONNX graph (feats [B,T,80] -> embs [B,D]),
 * checked against the TypeScript computation.
 *
 * Writes models/voice/speaker-gmm-lda.onnx and models/voice/speaker-metrics.json. Run:
 *   node scripts/run-ts.cjs training/voice/train-speaker.ts
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { logMelFbank, VoiceActivityDetector, type Fbank } from '@bio/audio';
import { OnnxModel } from '@bio/inference';
import { createLogger } from '@bio/observability';
import { seededRandom, shuffle } from '../mask/seeded-random';
import { scriptEnv } from '../mask/script-env';
import { allPairScores, verificationFigures } from '../../bench/accuracy/verification-metrics';
import { trainGmm } from './diagonal-gmm';
import { fitFrameWhitening, whitenFrames } from './frame-whitening';
import { fitLda } from './lda-projection';
import { embedReference, modelSupervector, type SpeakerModel } from './speaker-model';
import { FBANK_BINS, speakerModelToOnnx, SPEAKER_INPUT, SPEAKER_OUTPUT } from './speaker-model-onnx';
import { fbankOfParts, normalisedSlice, speechOf } from './speech-pipeline';
import { SPLIT_SEED, splitLibrispeech, type Recording } from './voice-corpus';

const repoRoot = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(repoRoot, 'models/voice');
const MODEL_FILE = path.join(OUT_DIR, 'speaker-gmm-lda.onnx');
const SEED = 20261202;
const VALIDATION_SPEAKERS = 30;
/** Validation pairs come from quarters (about 2-3 s of speech) of each validation utterance. */
const VALIDATION_PARTS = 4;
/** Segment lengths drawn in 2..4 s, a new segment every second: within-speaker variety from one utterance. */
const SEGMENT_FRAMES = { min: 200, max: 400, hop: 100 };
const GMM_ITERATIONS = 10;
const VARIANCE_FLOOR = 0.01;
const PARITY_TOLERANCE = 1e-3;

/** The background model's shape: one GMM is trained per shape, the other settings reuse it. */
const BACKGROUND = { components: 64, whitenedDims: 32 };
/** Every second frame is enough for the background model's EM and halves its time. */
const BACKGROUND_FRAME_STEP = 2;
interface Config {
  relevance: number;
  regularisation: number;
  ldaDims: number;
}
const CANDIDATES: Config[] = [
  { relevance: 16, regularisation: 0.1, ldaDims: 200 },
  { relevance: 16, regularisation: 0.01, ldaDims: 200 },
  { relevance: 16, regularisation: 1, ldaDims: 200 },
  { relevance: 4, regularisation: 0.1, ldaDims: 200 },
];

interface Utterance {
  recording: Recording;
  label: number;
  speech: Float32Array;
  /** Raw (not mean-normalised) fbank of the whole utterance's speech. */
  fbank: Fbank;
}

function segments(u: Utterance, random: () => number): Fbank[] {
  const out: Fbank[] = [];
  for (let start = 0; start + SEGMENT_FRAMES.min <= u.fbank.frames; start += SEGMENT_FRAMES.hop) {
    const length = SEGMENT_FRAMES.min + Math.floor(random() * (SEGMENT_FRAMES.max - SEGMENT_FRAMES.min + 1));
    out.push(normalisedSlice(u.fbank, start, Math.min(u.fbank.frames, start + length)));
  }
  return out;
}

function stack(fbanks: readonly Fbank[]): { x: Float32Array; rows: number } {
  const rows = fbanks.reduce((n, f) => n + f.frames, 0);
  const x = new Float32Array(rows * FBANK_BINS);
  let at = 0;
  for (const f of fbanks) {
    x.set(f.data, at);
    at += f.data.length;
  }
  return { x, rows };
}

type Background = Pick<SpeakerModel, 'whitening' | 'gmm'>;

/** Frame whitening and the GMM, from whole mean-normalised utterances. */
function fitBackground(utterances: readonly Utterance[], log: (line: string) => void): Background {
  const whole = stack(
    utterances.map((u) => {
      const f = normalisedSlice(u.fbank, 0, u.fbank.frames);
      const kept = Math.ceil(f.frames / BACKGROUND_FRAME_STEP);
      const data = new Float32Array(kept * FBANK_BINS);
      for (let t = 0; t < kept; t++) data.set(f.data.subarray(t * BACKGROUND_FRAME_STEP * FBANK_BINS, (t * BACKGROUND_FRAME_STEP + 1) * FBANK_BINS), t * FBANK_BINS);
      return { frames: kept, bins: FBANK_BINS, data };
    }),
  );
  const whitening = fitFrameWhitening(whole.x, whole.rows, FBANK_BINS, BACKGROUND.whitenedDims);
  const gmm = trainGmm(whitenFrames(whitening, whole.x, whole.rows), whole.rows, BACKGROUND.whitenedDims, {
    components: BACKGROUND.components,
    iterations: GMM_ITERATIONS,
    seed: SEED,
    varianceFloor: VARIANCE_FLOOR,
  }, log);
  return { whitening, gmm };
}

/** LDA on the supervectors of the seeded segments of each utterance. */
function fitSpeakerModel(background: Background, utterances: readonly Utterance[], config: Config, log: (line: string) => void): SpeakerModel {
  const random = seededRandom(SEED);
  const supervectors: Float64Array[] = [];
  const labels: number[] = [];
  for (const u of utterances) {
    for (const s of segments(u, random)) {
      supervectors.push(modelSupervector(background.whitening, background.gmm, config.relevance, s.data, s.frames));
      labels.push(u.label);
    }
  }
  log(`lda on ${supervectors.length} segments of ${utterances.length} speakers, ${supervectors[0]!.length} dimensions`);
  const lda = fitLda(supervectors, labels, { outputs: config.ldaDims, regularisation: config.regularisation });
  return { ...background, relevance: config.relevance, lda };
}

function normalised(v: Float64Array): Float32Array {
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0));
  return Float32Array.from(v, (x) => x / norm);
}

/** EER over all pairs of the utterances' parts (same speaker = same utterance). */
function partsEer(model: SpeakerModel, utterances: readonly Utterance[]) {
  const samples = utterances.flatMap((u) =>
    fbankOfParts(u.speech, VALIDATION_PARTS).map((f) => ({ identity: u.recording.speaker, embedding: normalised(embedReference(model, f.data, f.frames)) })),
  );
  const figures = verificationFigures(allPairScores(samples), [0.01]);
  return { eer: figures.eer, genuinePairs: figures.genuinePairs, impostorPairs: figures.impostorPairs, tarAtFar1: figures.operatingPoints[0]!.tar };
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
  const logger = createLogger('train-speaker', 'warn');
  const env = scriptEnv();
  const vad = await VoiceActivityDetector.open(env, logger);
  const split = splitLibrispeech();
  const utterances: Utterance[] = [];
  for (const [label, recording] of split.training.entries()) {
    const speech = await speechOf(recording.file, vad, env.AUDIO_MAX_SECONDS);
    utterances.push({ recording, label, speech, fbank: logMelFbank(speech) });
  }
  await vad.close();
  const speechSeconds = utterances.reduce((s, u) => s + u.speech.length / 16000, 0);
  log(`front end: ${utterances.length} training utterances, ${speechSeconds.toFixed(0)} s of speech`);

  const order = [...utterances];
  shuffle(order, seededRandom(SEED));
  const validation = order.slice(0, VALIDATION_SPEAKERS);
  const fitting = order.slice(VALIDATION_SPEAKERS);
  const candidates = [];
  const fittingBackground = fitBackground(fitting, log);
  for (const config of CANDIDATES) {
    const t0 = performance.now();
    const figures = partsEer(fitSpeakerModel(fittingBackground, fitting, config, log), validation);
    candidates.push({ config, validation: figures, seconds: (performance.now() - t0) / 1000 });
    log(`validation ${JSON.stringify(config)}: EER ${(figures.eer * 100).toFixed(2)} % (${figures.genuinePairs} genuine / ${figures.impostorPairs} impostor pairs)`);
  }
  // Ties go to the earlier candidate.
  const chosen = candidates.reduce((best, c) => (c.validation.eer < best.validation.eer ? c : best));
  const fitStarted = performance.now();
  const model = fitSpeakerModel(fitBackground(utterances, log), utterances, chosen.config, log);
  const fitSeconds = (performance.now() - fitStarted) / 1000;

  const onnx = speakerModelToOnnx(
    model,
    `Speaker embedding (GMM mean supervector + LDA/WCCN) from mean-normalised 80-bin log-mel fbank; trained by training/voice/train-speaker.ts on ${utterances.length} LibriSpeech train-clean-100 speakers, split seed ${SPLIT_SEED}.`,
  );
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(MODEL_FILE, onnx);
  const sha256 = createHash('sha256').update(onnx).digest('hex');
  const session = await OnnxModel.open(MODEL_FILE, { provider: 'cpu', threads: env.INFERENCE_THREADS, graphOptimization: 'all', logger });
  let parity = 0;
  for (const u of validation.slice(0, 5)) {
    const [f] = fbankOfParts(u.speech, 1);
    const out = (await session.run({ [SPEAKER_INPUT]: { data: f!.data, dims: [1, f!.frames, FBANK_BINS] } }))[SPEAKER_OUTPUT]!;
    const reference = embedReference(model, f!.data, f!.frames);
    const scale = Math.max(...reference.map(Math.abs));
    reference.forEach((v, j) => (parity = Math.max(parity, Math.abs(v - out.data[j]!) / scale)));
  }
  await session.close();
  if (!(parity <= PARITY_TOLERANCE)) throw new Error(`onnxruntime differs from the TypeScript model by ${parity} of the largest value (> ${PARITY_TOLERANCE})`);

  const metrics = {
    dataSet: '../shared/data/voice/librispeech-train-clean-100 (251 speakers x 1 utterance)',
    split: { seed: SPLIT_SEED, trainingSpeakers: split.training.map((r) => r.speaker), heldOutSpeakers: split.heldOut.map((r) => r.speaker) },
    notUsed: '../shared/data/voice/fsdd (kept for evaluation only) and the held-out speakers',
    trainingSpeech: { utterances: utterances.length, seconds: Math.round(speechSeconds) },
    segments: `seeded ${SEGMENT_FRAMES.min / 100}-${SEGMENT_FRAMES.max / 100} s, one every ${SEGMENT_FRAMES.hop / 100} s, each mean-normalised`,
    seed: SEED,
    validation: `${VALIDATION_SPEAKERS} of the training speakers held back; all pairs of utterance quarters (same speaker = same utterance)`,
    candidates,
    background: { ...BACKGROUND, frameStep: BACKGROUND_FRAME_STEP, iterations: GMM_ITERATIONS, varianceFloor: VARIANCE_FLOOR },
    chosen: chosen.config,
    embeddingDims: model.lda.outputs,
    supervectorDims: model.lda.inputs,
    onnx: { file: 'models/voice/speaker-gmm-lda.onnx', bytes: onnx.length, sha256, maxRelativeDifferenceToTypeScript: parity },
    runSeconds: { total: Math.round((performance.now() - started) / 1000), finalFit: Math.round(fitSeconds) },
  };
  writeFileSync(path.join(OUT_DIR, 'speaker-metrics.json'), `${JSON.stringify(metrics, null, 1)}\n`);
  const { split: _split, ...summary } = metrics;
  console.log(JSON.stringify(summary, null, 1));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
