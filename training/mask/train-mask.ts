/**
 * Trains the face-mask classifier on ../shared/data/mask through the real pipeline
 * (decode -> BlazeFace -> ArcFace alignment of the largest face -> maskFeatures), holds
 * out a seeded stratified 30 % of the photos, adds a seeded subset of celebrity crops (set
 * in a scene, detected and aligned again) as extra unmasked training faces, picks the
 * network and the threshold on a validation part of the training faces, exports it to ONNX
 * and checks onnxruntime against the TypeScript classifier on the held-out faces. The
 * deepface photos (nobody masked) are scored only, as the out-of-domain false-positive test.
 *
 * Writes models/mask/mask-classifier.onnx and models/mask/mask-metrics.json (figures,
 * held-out photos and the classifier's probability for each). Run:
 *   node scripts/run-ts.cjs training/mask/train-mask.ts
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OnnxModel } from '@bio/inference';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import { MASK_FEATURE_COUNT } from '../../apps/detector/src/mask/mask-features';
import { chooseThreshold, classificationFigures } from './classification-figures';
import {
  featureScaling,
  foldScaling,
  predict,
  standardise,
  trainClassifier,
  type DenseClassifier,
  type TrainOptions,
} from './dense-classifier';
import { CELEBRITIES_DIR, DEEPFACE_DIR, MASK_DATA_DIR, SEED, TEST_FRACTION } from './mask-data-sets';
import { alignedFaces, celebrityPhotos, celebrityScene, listPhotos, MASK_CLASSES, splitPhotos, withFeatures, type FaceSample, type Photo } from './mask-dataset';
import { denseClassifierToOnnx, MASK_INPUT, MASK_OUTPUT } from './onnx-export';
import { falsePositiveFigures } from './out-of-domain-figures';
import { scriptEnv } from './script-env';

const repoRoot = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(repoRoot, 'models/mask');
const MODEL_FILE = path.join(OUT_DIR, 'mask-classifier.onnx');
/** Up to 40 per identity (462 crops: Lindsay_Lohan has only 22): about as many extra negatives as the mask set's own, and training stays a few minutes. */
const CELEBRITIES_PER_IDENTITY = 40;
const VALIDATION_FRACTION = 0.2;
/** Candidates are compared at 0.5; the final threshold is then chosen on the validation faces. */
const CANDIDATE_THRESHOLD = 0.5;
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

function evaluate(net: DenseClassifier, samples: readonly FaceSample[], threshold: number) {
  const { x, labels } = matrix(samples);
  const probabilities = predict(net, x, labels.length);
  return { probabilities, labels, figures: classificationFigures(probabilities, labels, threshold) };
}

/**
 * Validation rows: the last VALIDATION_FRACTION of each group in the (already shuffled)
 * training order. A group is the first path component — with_mask, without_mask or one
 * celebrity — so every source and identity is represented in validation.
 */
function validationSplit(samples: readonly FaceSample[]): { fitting: FaceSample[]; validation: FaceSample[] } {
  const fitting: FaceSample[] = [];
  const validation: FaceSample[] = [];
  for (const group of new Set(samples.map((s) => s.file.split('/')[0]))) {
    const ofGroup = samples.filter((s) => s.file.split('/')[0] === group);
    const cut = Math.round(ofGroup.length * (1 - VALIDATION_FRACTION));
    fitting.push(...ofGroup.slice(0, cut));
    validation.push(...ofGroup.slice(cut));
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
  const env = scriptEnv();
  const { detector, close } = await openFaceDetector(env, logger);
  const split = splitPhotos(MASK_DATA_DIR, TEST_FRACTION, SEED);
  const celebrities = celebrityPhotos(CELEBRITIES_DIR, CELEBRITIES_PER_IDENTITY, SEED);
  const deepfacePhotos = listPhotos(DEEPFACE_DIR, 0);
  console.error(`detecting faces in ${split.train.length} + ${celebrities.length} training, ${split.test.length} held-out and ${deepfacePhotos.length} deepface photos`);
  const maskTrain = withFeatures(await alignedFaces(MASK_DATA_DIR, split.train, detector, env.IMAGE_MAX_PIXELS));
  const celebrityTrain = withFeatures(await alignedFaces(CELEBRITIES_DIR, celebrities, detector, env.IMAGE_MAX_PIXELS, celebrityScene));
  const test = withFeatures(await alignedFaces(MASK_DATA_DIR, split.test, detector, env.IMAGE_MAX_PIXELS));
  const deepface = withFeatures(await alignedFaces(DEEPFACE_DIR, deepfacePhotos, detector, env.IMAGE_MAX_PIXELS));
  await close();
  const train = [...maskTrain, ...celebrityTrain];

  const { fitting, validation } = validationSplit(train);
  const candidates = CANDIDATES.map((options) => ({ options, validation: evaluate(fit(fitting, options), validation, CANDIDATE_THRESHOLD) }));
  for (const c of candidates) console.log(`validation ${JSON.stringify(c.options)}: balanced accuracy ${c.validation.figures.balancedAccuracy.toFixed(4)}`);
  // Ties go to the earlier, simpler candidate.
  const chosen = candidates.reduce((best, c) => (c.validation.figures.balancedAccuracy > best.validation.figures.balancedAccuracy ? c : best));
  const threshold = chooseThreshold(chosen.validation.probabilities, chosen.validation.labels);
  const net = fit(train, chosen.options);
  const heldOut = evaluate(net, test, threshold);
  const outOfDomain = evaluate(net, deepface, threshold);

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
    extraTrainingNegatives: `../shared/data/faces/celebrities, ${CELEBRITIES_PER_IDENTITY} seeded crops per identity set in a scene (training only)`,
    outOfDomainTestSet: '../shared/data/faces/deepface (nobody wears a mask; never trained on)',
    seed: SEED,
    testFraction: TEST_FRACTION,
    threshold,
    thresholdChoice: 'best balanced accuracy of the chosen candidate on the validation faces (0.05..0.95 by 0.05, ties nearest 0.5)',
    features: `maskFeatures (apps/detector/src/mask/mask-features.ts), ${MASK_FEATURE_COUNT} values`,
    faceFound: {
      train: faceFound(split.train, maskTrain),
      heldOut: faceFound(split.test, test),
      celebrities: { photos: celebrities.length, facesFound: celebrityTrain.length, rate: celebrityTrain.length / celebrities.length },
    },
    candidates: candidates.map((c) => ({ ...c.options, validation: c.validation.figures })),
    validationAtThreshold: classificationFigures(chosen.validation.probabilities, chosen.validation.labels, threshold),
    chosen: chosen.options,
    heldOutFaces: heldOut.figures,
    deepfaceFalsePositives: falsePositiveFigures(
      deepfacePhotos,
      deepface.map((s, i) => ({ file: s.file, probability: outOfDomain.probabilities[i]! })),
      threshold,
    ),
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
