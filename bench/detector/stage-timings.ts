/**
 * Per-stage cost of the detector's analysis of a one-face photo (decode, detect, align,
 * quality, mask, liveness, attributes, image quality), next to the embedding step of the
 * same face, measured in one run on the deepface photos with the real processors and an
 * in-memory blob store.
 *
 *   node scripts/run-ts.cjs bench/detector/stage-timings.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '@bio/observability';
import { createDetectProcessor, openFaceDetector } from '../../apps/detector/src';
import { FaceAttributesModel } from '../../apps/detector/src/attributes/face-attributes';
import { LivenessModel } from '../../apps/detector/src/liveness/liveness-model';
import { MaskClassifier } from '../../apps/detector/src/mask/mask-classifier';
import { createEmbedProcessor } from '../../apps/embedder/src/embed-processor';
import { FaceEmbedder } from '../../apps/embedder/src/face-embedder';
import { scriptEnv } from '../../training/mask/script-env';
import { DEEPFACE } from '../accuracy/deepface-pairs';
import { MemoryBlobs } from '../support/memory-blobs';
import { percentile, round1 } from '../support/stats';

/** What seed 001's detect asks for, and what attributes=true adds. */
const DETECT_ANALYSES = ['quality', 'liveness', 'image-quality'] as const;
const ALL_ANALYSES = [...DETECT_ANALYSES, 'mask', 'attributes'] as const;

async function main(): Promise<void> {
  const env = scriptEnv();
  const logger = createLogger('stage-timings', 'warn');
  const { detector, close } = await openFaceDetector(env, logger);
  const mask = await MaskClassifier.open(env, logger);
  const liveness = await LivenessModel.open(env, logger);
  const attributes = await FaceAttributesModel.open(env, logger);
  const embedder = await FaceEmbedder.open(env, logger);
  const blobs = new MemoryBlobs();
  const detect = createDetectProcessor({ detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS, mask, liveness, attributes });
  const embed = createEmbedProcessor({ embedder, blobs });

  const samples: Record<string, number[]> = {};
  const photos = readdirSync(DEEPFACE).filter((f) => /^img\d+\.jpg$/.test(f));
  for (const [i, file] of photos.entries()) {
    const blobKey = await blobs.put(readFileSync(path.join(DEEPFACE, file)));
    const detected = await detect({ requestId: file, blobKey, alignTop: 1, analyses: [...ALL_ANALYSES] });
    if (!detected.ok || !detected.faces[0]?.alignedCropKey) continue;
    const embedded = await embed({ requestId: file, cropKeys: [detected.faces[0].alignedCropKey] });
    if (!embedded.ok || i < 2) continue; // the first photos warm the sessions up
    for (const [stage, ms] of Object.entries({ ...detected.timings, ...embedded.timings })) (samples[stage] ??= []).push(ms);
  }
  await Promise.all([close(), mask.close(), liveness.close(), attributes.close(), embedder.close()]);

  const rows = Object.entries(samples).map(([stage, ms]) => ({
    stage,
    photos: ms.length,
    p50_ms: round1(percentile(ms, 50)),
    p95_ms: round1(percentile(ms, 95)),
  }));
  console.table(rows);
  const p50 = (stage: string) => percentile(samples[stage] ?? [], 50);
  const share = (stages: readonly string[]) => {
    const ms = stages.reduce((sum, stage) => sum + p50(stage), 0);
    return `${stages.join(' + ')}: p50 ${round1(ms)} ms = ${round1((100 * ms) / p50('embed'))} % of the embedding step (${round1(p50('embed'))} ms)`;
  };
  console.log(share(DETECT_ANALYSES));
  console.log(share(ALL_ANALYSES));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
