/**
 * Trains the face-mask classifier on ../shared/data/mask through the real pipeline
 * (decode -> BlazeFace -> ArcFace alignment of the largest face -> maskFeatures), holds
 * out a seeded stratified 30 % of the photos, picks the network on a validation part of
 * the training photos, exports it to ONNX and checks onnxruntime against the TypeScript
 * classifier on the held-out faces.
 *
 * Writes models/mask/mask-classifier.onnx and models/mask/mask-metrics.json (figures,
 * held-out photos and the classifier's probability for each). Run:
 *   node scripts/run-ts.cjs training/mask/train-mask.ts
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnv } from '@bio/config';
import { OnnxModel } from '@bio/inference';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import { MASK_FEATURE_COUNT } from '../../apps/detector/src/mask/mask-features';
import { classificationFigures } from './classification-figures';
import {
  featureScaling,
  foldScaling,
  predict,
  standardise,
  trainClassifier,
  type DenseClassifier,
  type TrainOptions,
} from './dense-classifier';
import { faceSamples, MASK_CLASSES, splitPhotos, type FaceSample, type Photo } from './mask-dataset';
import { denseClassifierToOnnx, MASK_INPUT, MASK_OUTPUT } from './onnx-export';

const repoRoot = path.resolve(__dirname, '../..');
const DATA_DIR = path.resolve(repoRoot, '../shared/data/mask');
const OUT_DIR = path.join(repoRoot, 'models/mask');
const MODEL_FILE = path.join(OUT_DIR, 'mask-classifier.onnx');
const SEED = 20261122;
const TEST_FRACTION = 0.3;
const VALIDATION_FRACTION = 0.2;
const THRESHOLD = 0.5;
const PARITY_TOLERANCE = 1e-5;
const CANDIDATES: Array<Omit<TrainOptions, 'seed'>> = [
  { hidden: [], epochs: 400, learningRate: 0.01, l2: 1e-3 },
  { hidden: [], epochs: 400, learningRate: 0.01, l2: 1e-2 },
  { hidden: [32], epochs: 400, learningRate: 0.003, l2: 1e-3 },
  { hidden: [32], epochs: 400, learningRate: 0.003, l2: 1e-2 },
];

function matrix(samples: readonly FaceSample[]): { x: Float32Array; labels: Uint8Array } {
  const x = new Float32Array(samples.length * MASK_FEATURE_COUNT);
  samples.forEach((s, r) => x.set(s.features, r * MASK_FEATURE_COUNT));
  return { x, labels: Uint8Array.from(samples, (s) => s.label) };
}

/** Trains on standardised features and returns the network that takes raw features. */
function fit(samples: readonly FaceSample[], options: Omit<TrainOptions, 'seed'>): DenseClassifier {
  const { x, labels } = matrix(samples);
  const scaling = featureScaling(x, labels.length, MASK_FEATURE_COUNT);
  return foldScaling(trainClassifier(standardise(x, scaling), labels, MASK_FEATURE_COUNT, { ...options, seed: SEED }), scaling);
}

function evaluate(net: DenseClassifier, samples: readonly FaceSample[]) {
  const { x, labels } = matrix(samples);
  const probabilities = predict(net, x, labels.length);
  return { probabilities, figures: classificationFigures(probabilities, labels, THRESHOLD) };
}

/** Validation rows: the last VALIDATION_FRACTION of each class in the (already shuffled) training order. */
function validationSplit(samples: readonly FaceSample[]): { fitting: FaceSample[]; validation: FaceSample[] } {
  const fitting: FaceSample[] = [];
  const validation: FaceSample[] = [];
  for (const { label } of MASK_CLASSES) {
    const ofClass = samples.filter((s) => s.label === label);
    const cut = Math.round(ofClass.length * (1 - VALIDATION_FRACTION));
    fitting.push(...ofClass.slice(0, cut));
    validation.push(...ofClass.slice(cut));
  }
  return { fitting, validation };
}

function faceFound(photos: readonly Photo[], samples: readonly FaceSample[]) {
  return Object.fromEntries(
    MASK_CLASSES.map(({ dir, label }) => {
      const total = photos.filter((p) => p.label === label).length;
      const found = samples.filter((s) => s.label === label).length;
      return [dir, { photos: total, facesFound: found, rate: found / total }];
    }),
  );
}

async function main(): Promise<void> {
  const logger = createLogger('train-mask', 'warn');
  const loaded = loadEnv(process.env);
  const env = {
    ...loaded,
    MODEL_MANIFEST: path.resolve(repoRoot, loaded.MODEL_MANIFEST),
    MODELS_DIR: path.resolve(repoRoot, loaded.MODELS_DIR),
    INFERENCE_THREADS: loaded.INFERENCE_THREADS > 0 ? loaded.INFERENCE_THREADS : 2,
  };
  const { detector, close } = await openFaceDetector(env, logger);
  const split = splitPhotos(DATA_DIR, TEST_FRACTION, SEED);
  console.error(`detecting faces in ${split.train.length} training and ${split.test.length} held-out photos`);
  const train = await faceSamples(DATA_DIR, split.train, detector, env.IMAGE_MAX_PIXELS);
  const test = await faceSamples(DATA_DIR, split.test, detector, env.IMAGE_MAX_PIXELS);
  await close();

  const { fitting, validation } = validationSplit(train);
  const candidates = CANDIDATES.map((options) => ({ options, validation: evaluate(fit(fitting, options), validation).figures }));
  for (const c of candidates) console.log(`validation ${JSON.stringify(c.options)}: accuracy ${c.validation.accuracy.toFixed(4)}`);
  // Ties go to the earlier, simpler candidate.
  const chosen = candidates.reduce((best, c) => (c.validation.accuracy > best.validation.accuracy ? c : best));
  const net = fit(train, chosen.options);
  const heldOut = evaluate(net, test);

  const onnx = denseClassifierToOnnx(net, `Face-mask probability from maskFeatures of an ArcFace-aligned 112x112 crop; trained by training/mask/train-mask.ts, seed ${SEED}.`);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(MODEL_FILE, onnx);
  const sha256 = createHash('sha256').update(onnx).digest('hex');
  const session = await OnnxModel.open(MODEL_FILE, { provider: 'cpu', threads: env.INFERENCE_THREADS, graphOptimization: 'all', logger });
  const { x } = matrix(test);
  const output = (await session.run({ [MASK_INPUT]: { data: x, dims: [test.length, MASK_FEATURE_COUNT] } }))[MASK_OUTPUT]!;
  await session.close();
  const parity = Math.max(...heldOut.probabilities.map((p, i) => Math.abs(p - output.data[i]!)));
  if (!(parity <= PARITY_TOLERANCE)) throw new Error(`onnxruntime differs from the TypeScript classifier by ${parity} (> ${PARITY_TOLERANCE})`);

  const metrics = {
    dataSet: '../shared/data/mask (with_mask 600, without_mask 600 photos)',
    seed: SEED,
    testFraction: TEST_FRACTION,
    threshold: THRESHOLD,
    features: `maskFeatures (apps/detector/src/mask/mask-features.ts), ${MASK_FEATURE_COUNT} values`,
    faceFound: { train: faceFound(split.train, train), heldOut: faceFound(split.test, test) },
    candidates: candidates.map((c) => ({ ...c.options, validationAccuracy: c.validation.accuracy })),
    chosen: chosen.options,
    heldOutFaces: heldOut.figures,
    // A held-out photo whose face the detector misses counts as wrong here.
    heldOutPhotosEndToEndAccuracy: (heldOut.figures.truePositive + heldOut.figures.trueNegative) / split.test.length,
    onnx: { file: 'models/mask/mask-classifier.onnx', sha256, maxAbsDifferenceToTypeScript: parity },
    heldOutPhotos: test.map((s, i) => ({ file: s.file, label: s.label, probability: heldOut.probabilities[i] })),
    heldOutPhotosWithoutFace: split.test.filter((p) => !test.some((s) => s.file === p.file)).map((p) => p.file),
  };
  writeFileSync(path.join(OUT_DIR, 'mask-metrics.json'), `${JSON.stringify(metrics, null, 1)}\n`);
  const { heldOutPhotos: _listed, heldOutPhotosWithoutFace: _missed, ...summary } = metrics;
  console.log(JSON.stringify(summary, null, 1));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
