/**
 * Recomputes the mask classifier's stated figures from the committed model, through the
 * detector's own MaskClassifier (onnxruntime), so the claim does not rest on the training
 * script: on the held-out split of ../shared/data/mask (same seed and fraction as training)
 * accuracy, precision, recall and face-found rate per class; on ../shared/data/faces/deepface
 * (nobody masked, never trained on) how many faces score at or above the threshold, and the worst.
 * The threshold is the one training chose, read from models/mask/mask-metrics.json.
 *
 * Usage: node scripts/run-ts.cjs bench/mask/mask-accuracy.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import { MaskClassifier } from '../../apps/detector/src/mask/mask-classifier';
import { classificationFigures } from '../../training/mask/classification-figures';
import { DEEPFACE_DIR, MASK_DATA_DIR, SEED, TEST_FRACTION } from '../../training/mask/mask-data-sets';
import { alignedFaces, listPhotos, MASK_CLASSES, splitPhotos } from '../../training/mask/mask-dataset';
import { falsePositiveFigures } from '../../training/mask/out-of-domain-figures';
import { scriptEnv } from '../../training/mask/script-env';

const repoRoot = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const logger = createLogger('mask-accuracy', 'warn');
  const env = scriptEnv();
  const { threshold } = JSON.parse(readFileSync(path.join(repoRoot, 'models/mask/mask-metrics.json'), 'utf8')) as { threshold: number };
  const { detector, close } = await openFaceDetector(env, logger);
  const mask = await MaskClassifier.open(env, logger);

  const heldOutPhotos = splitPhotos(MASK_DATA_DIR, TEST_FRACTION, SEED).test;
  const heldOut = await alignedFaces(MASK_DATA_DIR, heldOutPhotos, detector, env.IMAGE_MAX_PIXELS);
  const heldOutScores = await mask.score(heldOut.map((f) => f.crop));
  const deepfacePhotos = listPhotos(DEEPFACE_DIR, 0);
  const deepface = await alignedFaces(DEEPFACE_DIR, deepfacePhotos, detector, env.IMAGE_MAX_PIXELS);
  const deepfaceScores = await mask.score(deepface.map((f) => f.crop));
  await Promise.all([close(), mask.close()]);

  const faceFound = Object.fromEntries(
    MASK_CLASSES.map(({ dir, label }) => {
      const photos = heldOutPhotos.filter((p) => p.label === label).length;
      const found = heldOut.filter((f) => f.label === label).length;
      return [dir, { photos, facesFound: found, rate: found / photos }];
    }),
  );
  const figures = {
    threshold,
    heldOut: {
      faceFound,
      faces: classificationFigures(heldOutScores, heldOut.map((f) => f.label), threshold),
    },
    deepfaceFalsePositives: falsePositiveFigures(
      deepfacePhotos,
      deepface.map((f, i) => ({ file: f.file, probability: deepfaceScores[i]! })),
      threshold,
    ),
  };
  console.log(JSON.stringify(figures, null, 1));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
