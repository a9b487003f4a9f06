/**
 * Face verification and identification accuracy of the real pipeline
 * (decode -> BlazeFace detect -> ArcFace alignment -> embed) on real photos:
 *  - ../shared/data/faces/celebrities (12 identities, 112x112 aligned crops set into a
 *    larger scene so the detector has to find and align them; the crops embedded as given
 *    are measured too, as the ceiling the alignment can reach);
 *  - ../shared/data/faces/deepface master.csv pairs (full photos).
 * Every embedder input convention (BGR/RGB, mean 127/127.5) is measured through the same
 * crops. FAR 1e-5 (FindFace's strict preset) is extrapolated from a fit of the impostor
 * tail (impostor-tail.ts). The calibration's thresholds are fitted on all pairs; how far they
 * can be trusted on people never seen is checked by fitting them on half the identities and
 * measuring them on the other half (held-out-check.ts). Prints the figures, writes bench/results/face-verification-<time>.json
 * (with the calibration a full run would write) and, on a full run, the calibration of the
 * configured model to models/calibration/<model id>.json.
 *
 * With --configured-only only the configured preprocessing is measured (an operator's own
 * model: FACE_EMBED_MODEL_PATH and its FACE_EMBED_* normalisation). The calibration goes to
 * CALIBRATION_DIR (models/calibration by default), where the gateway and workers read it.
 *
 * Usage: node scripts/run-ts.cjs bench/accuracy/face-verification.ts [--per-identity N] [--configured-only]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvAt, type Env } from '@bio/config';
import { decodeImage, type RgbImage } from '@bio/imaging';
import type { EmbedderPreprocess } from '@bio/inference';
import { createLogger } from '@bio/observability';
import { alignFace, ALIGNMENT_TARGETS } from '../../apps/detector/src/face-alignment';
import type { Face, FaceDetector } from '../../apps/detector/src/face-detector';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import { FaceEmbedder } from '../../apps/embedder/src/face-embedder';
import { listCelebrities, sceneFromCrop, SCENE } from './celebrity-set';
import { DEEPFACE, readMasterPairs } from './deepface-pairs';
import { StageTimer } from '../support/stage-timer';
import { writeCalibration, type FaceCalibration } from './face-calibration';
import { presetFigures } from './findface-presets';
import { heldOutCheck } from './held-out-check';
import { impostorTailFigures } from './impostor-tail';
import {
  allPairScores,
  cosine,
  labelledPairFigures,
  rankOneIdentification,
  verificationFigures,
  type Sample,
} from './verification-metrics';

const repoRoot = path.resolve(__dirname, '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const CELEBRITIES = path.join(dataDir, 'faces/celebrities');
const REPORTED_FARS = [1e-2, 1e-3, 1e-4];
const CALIBRATED_FARS = [1e-1, 1e-2, 1e-3, 1e-4];
/** The tail is fitted above the 1e-3 threshold (~1,760 celebrity pairs), checked at the measured 1e-4 one and extrapolated to 1e-5. */
const TAIL_FARS = { fitAbove: 1e-3, checkAt: 1e-4, target: 1e-5 } as const;
const RANK1_ROUNDS = 10;
const VARIANTS: EmbedderPreprocess[] = [
  { channelOrder: 'bgr', mean: 127, std: 128 },
  { channelOrder: 'bgr', mean: 127.5, std: 128 },
  { channelOrder: 'rgb', mean: 127, std: 128 },
  { channelOrder: 'rgb', mean: 127.5, std: 128 },
];

const variantName = (p: EmbedderPreprocess) => `${p.channelOrder}-${p.mean}-${p.std}`;
const maxPixels = 100_000_000;

function perIdentityArg(): number | undefined {
  const at = process.argv.indexOf('--per-identity');
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

function benchEnv(): Env {
  const env = loadEnvAt(repoRoot);
  return { ...env, ...(env.INFERENCE_THREADS > 0 ? {} : { INFERENCE_THREADS: 2 }) };
}

interface Pipeline {
  detector: FaceDetector;
  embedders: Map<string, FaceEmbedder>;
  /** The variant the configuration (manifest or env) selects: the one that gets calibrated. */
  configured: FaceEmbedder;
  timer: StageTimer;
}

/** Detect, align the largest face and embed it with every variant; null when no face is found. */
async function embedLargestFace(p: Pipeline, image: RgbImage, prefix: string): Promise<{ face: Face; embeddings: Map<string, Float32Array> } | null> {
  const faces = await p.timer.time(`${prefix}detect`, () => p.detector.detect(image));
  const face = faces[0];
  if (!face) return null;
  const crop = await p.timer.time(`${prefix}align`, () => alignFace(image, face.landmarks));
  return { face, embeddings: await embedAll(p, crop.data, `${prefix}embed`) };
}

async function embedAll(p: Pipeline, crop: Uint8Array, stage: string): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [name, embedder] of p.embedders) {
    const run = () => embedder.embed([crop]);
    const [embedding] = embedder === p.configured ? await p.timer.time(stage, run) : await run();
    out.set(name, embedding!);
  }
  return out;
}

async function runCelebrities(p: Pipeline, perIdentity: number | undefined) {
  const files = listCelebrities(CELEBRITIES, perIdentity);
  const pipeline = new Map<string, Sample[]>([...p.embedders.keys()].map((k) => [k, []]));
  const direct = new Map<string, Sample[]>([...p.embedders.keys()].map((k) => [k, []]));
  const landmarkError = ALIGNMENT_TARGETS.map(() => 0);
  let found = 0;
  for (const [i, { identity, file }] of files.entries()) {
    const crop = await p.timer.time('decode', () => decodeImage(readFileSync(file), { maxPixels }));
    const { scene, offset } = await sceneFromCrop(crop);
    const result = await embedLargestFace(p, scene, '');
    if (result) {
      found++;
      const { leftEye, rightEye, nose, mouth } = result.face.landmarks;
      [leftEye, rightEye, nose, mouth].forEach(([x, y], k) => {
        const target = ALIGNMENT_TARGETS[k]!;
        landmarkError[k]! += Math.hypot((x - offset) / SCENE.upscale - target[0], (y - offset) / SCENE.upscale - target[1]);
      });
    }
    const given = await embedAll(p, crop.data, 'embed-given-crop');
    for (const name of p.embedders.keys()) {
      pipeline.get(name)!.push({ identity, embedding: result?.embeddings.get(name) ?? null });
      direct.get(name)!.push({ identity, embedding: given.get(name)! });
    }
    if ((i + 1) % 200 === 0) console.error(`celebrities: ${i + 1}/${files.length}`);
  }
  const figures = (samples: Sample[]) => {
    const scores = allPairScores(samples);
    const verification = verificationFigures(scores, [...new Set([...CALIBRATED_FARS, ...REPORTED_FARS])]);
    const impostorTail = impostorTailFigures(scores, verification.operatingPoints, TAIL_FARS);
    const cosineAtFar = (far: number) =>
      far === impostorTail.extrapolated.far ? impostorTail.extrapolated.cosine : verification.operatingPoints.find((o) => o.far === far)!.threshold;
    return {
      verification,
      impostorTail,
      findfacePresets: presetFigures(scores, cosineAtFar),
      identification: rankOneIdentification(samples, RANK1_ROUNDS),
      heldOut: heldOutCheck(samples, CALIBRATED_FARS),
    };
  };
  const byVariant: Record<string, { pipeline: ReturnType<typeof figures>; givenCrops: ReturnType<typeof figures> }> = {};
  for (const name of p.embedders.keys()) {
    byVariant[name] = { pipeline: figures(pipeline.get(name)!), givenCrops: figures(direct.get(name)!) };
  }
  return {
    dataset: `faces/celebrities (Glint360k sample), ${files.length} images of 12 identities${perIdentity ? `, first ${perIdentity} per identity` : ''}`,
    images: files.length,
    facesFound: found,
    landmarkErrorPx112: Object.fromEntries(['leftEye', 'rightEye', 'nose', 'mouth'].map((k, i) => [k, round(landmarkError[i]! / found)])),
    byVariant,
  };
}

async function runDeepface(p: Pipeline, thresholds: Record<string, Array<{ label: string; threshold: number }>>) {
  const pairs = readMasterPairs();
  const files = [...new Set(pairs.flatMap((pair) => [pair.x, pair.y]))].sort();
  const embeddings = new Map<string, Map<string, Float32Array> | null>();
  for (const file of files) {
    const image = await p.timer.time('deepface:decode', () => decodeImage(readFileSync(path.join(DEEPFACE, file)), { maxPixels }));
    embeddings.set(file, (await embedLargestFace(p, image, 'deepface:'))?.embeddings ?? null);
  }
  const byVariant: Record<string, ReturnType<typeof labelledPairFigures>> = {};
  for (const name of p.embedders.keys()) {
    const scored = pairs.map((pair) => {
      const a = embeddings.get(pair.x)?.get(name);
      const b = embeddings.get(pair.y)?.get(name);
      return { same: pair.same, score: a && b ? cosine(a, b) : -1 };
    });
    byVariant[name] = labelledPairFigures(scored, thresholds[name]!);
  }
  return {
    dataset: `faces/deepface master.csv (${pairs.length} labelled pairs over ${files.length} photos)`,
    photos: files.length,
    facesFound: [...embeddings.values()].filter(Boolean).length,
    byVariant,
  };
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

function safeFileName(modelId: string): string {
  return modelId.replace(/[^A-Za-z0-9._-]+/g, '_');
}

type CelebrityFigures = Awaited<ReturnType<typeof runCelebrities>>['byVariant'][string]['pipeline'];

const BENCHMARK = 'bench/accuracy/face-verification.ts';
const SCENE_DESCRIPTION = `112x112 crop enlarged x${SCENE.upscale}, centred on a ${SCENE.size}x${SCENE.size} grey (${SCENE.background}) canvas`;

function calibrationOf(modelId: string, dataset: string, measured: CelebrityFigures, measuredAt: string): FaceCalibration {
  const { fit, check, extrapolated } = measured.impostorTail;
  return {
    modelId,
    dataset,
    genuinePairs: measured.verification.genuinePairs,
    impostorPairs: measured.verification.impostorPairs,
    measuredAt: measuredAt.slice(0, 10),
    thresholds: [
      ...measured.verification.operatingPoints
        .filter((o) => CALIBRATED_FARS.includes(o.far))
        .map((o) => ({ far: o.far, cosine: round(o.threshold, 5), tar: round(o.tar, 4) })),
      {
        far: extrapolated.far,
        cosine: round(extrapolated.cosine, 5),
        tar: round(extrapolated.tar, 4),
        extrapolated: true,
        method:
          `generalised Pareto (shape ${round(fit.shape, 4)}, scale ${round(fit.scale, 5)}) fitted by maximum likelihood to the ${fit.exceedances} impostor cosines ` +
          `above the FAR ${TAIL_FARS.fitAbove} threshold; the same fit puts FAR ${check.far} at ${round(check.predicted, 5)}, measured ${round(check.measured, 5)}; ` +
          `${extrapolated.impostorsAbove} of the ${measured.verification.impostorPairs} impostor pairs lie above it`,
      },
    ],
    eer: round(measured.verification.eer, 4),
    rank1: round(measured.identification.rank1, 4),
    heldOutCheck: measured.heldOut.map((h) => ({
      far: h.far,
      fittedOn: h.fittedOn,
      checkedOn: h.checkedOn,
      cosine: round(h.cosine, 5),
      measuredFar: Number(h.measuredFar.toPrecision(3)),
      tar: round(h.tar, 4),
      pairs: `${h.genuinePairs}/${h.impostorPairs}`,
    })),
    method: `${SCENE_DESCRIPTION}; full pipeline (decode, BlazeFace front+back, ArcFace alignment, embed); raw cosine of L2-normalised embeddings over all pairs; accept when cosine > threshold`,
    benchmark: BENCHMARK,
  };
}

function printHeldOut(measured: CelebrityFigures, variant: string): void {
  console.log(`calibration held out (${variant} pipeline): thresholds fitted on one half of the identities, measured on the other`);
  for (const h of measured.heldOut) {
    console.log(
      `  FAR ${h.far} fitted on ${h.fittedOn} (cosine ${h.cosine.toFixed(5)}) -> on ${h.checkedOn}: FAR ${h.measuredFar.toExponential(2)} (${h.impostorsAbove}/${h.impostorPairs}), TAR ${pct(h.tar)} of ${h.genuinePairs}`,
    );
  }
}

function printTailAndPresets(measured: CelebrityFigures, variant: string): void {
  const { fit, check, extrapolated, fittedAboveCheck } = measured.impostorTail;
  console.log(
    `impostor tail (${variant} pipeline): generalised Pareto shape ${fit.shape.toFixed(4)} scale ${fit.scale.toFixed(5)} on the ${fit.exceedances} cosines above ${fit.threshold.toFixed(5)} (FAR ${TAIL_FARS.fitAbove}); ` +
      `check FAR ${check.far}: predicted ${check.predicted.toFixed(5)}, measured ${check.measured.toFixed(5)} (error ${check.error >= 0 ? '+' : ''}${check.error.toFixed(5)}); ` +
      `FAR ${extrapolated.far} extrapolated at ${extrapolated.cosine.toFixed(5)} (fitted above FAR ${check.far} instead, on ${fittedAboveCheck.exceedances} cosines: ${fittedAboveCheck.cosine.toFixed(5)})`,
  );
  for (const f of measured.findfacePresets) {
    console.log(
      `  findface ${f.preset.padEnd(6)} (FAR ${f.far}${f.far === extrapolated.far ? ' extrapolated' : ''}, cosine ${f.cosine.toFixed(5)}): ` +
        `measured FAR ${f.impostorsAbove}/${measured.verification.impostorPairs} = ${f.measuredFar.toExponential(2)}, TAR ${pct(f.tar)}`,
    );
  }
}

async function main(): Promise<void> {
  const perIdentity = perIdentityArg();
  const env = benchEnv();
  const logger = createLogger('bench', 'warn');
  const { detector, close } = await openFaceDetector(env, logger);
  const configured = await FaceEmbedder.open(env, logger);
  const embedders = new Map<string, FaceEmbedder>();
  for (const v of process.argv.includes('--configured-only') ? [] : VARIANTS) {
    const same = variantName(v) === variantName(configured.preprocess);
    embedders.set(
      variantName(v),
      same ? configured : await FaceEmbedder.open({ ...env, FACE_EMBED_CHANNEL_ORDER: v.channelOrder, FACE_EMBED_INPUT_MEAN: v.mean, FACE_EMBED_INPUT_STD: v.std }, logger),
    );
  }
  if (![...embedders.values()].includes(configured)) embedders.set(variantName(configured.preprocess), configured);
  const p: Pipeline = { detector, embedders, configured, timer: new StageTimer() };
  const started = Date.now();

  const measuredAt = new Date().toISOString();
  const celebrities = await runCelebrities(p, perIdentity);
  const thresholds = Object.fromEntries(
    Object.entries(celebrities.byVariant).map(([name, v]) => [
      name,
      [
        ...v.pipeline.verification.operatingPoints
          .filter((o) => o.far === 1e-2 || o.far === 1e-3)
          .map((o) => ({ label: `celebrity FAR ${o.far}`, threshold: o.threshold })),
        ...v.pipeline.findfacePresets.map((f) => ({ label: `findface ${f.preset}`, threshold: f.cosine })),
      ],
    ]),
  );
  const deepface = await runDeepface(p, thresholds);

  const configuredName = variantName(configured.preprocess);
  const calibration = calibrationOf(configured.modelId, celebrities.dataset, celebrities.byVariant[configuredName]!.pipeline, measuredAt);
  const ranked = Object.entries(celebrities.byVariant).sort(
    ([, a], [, b]) => b.pipeline.identification.rank1 - a.pipeline.identification.rank1 || b.pipeline.verification.operatingPoints[2]!.tar - a.pipeline.verification.operatingPoints[2]!.tar,
  );
  const report = {
    benchmark: BENCHMARK,
    measuredAt,
    modelId: configured.modelId,
    configuredVariant: configuredName,
    bestVariantOnPipeline: ranked[0]![0],
    scene: SCENE_DESCRIPTION,
    celebrities,
    deepface,
    msPerImage: p.timer.summary(),
    wallSeconds: round((Date.now() - started) / 1000, 1),
    /** What a full run writes to models/calibration (a run on a subset only reports it). */
    calibration,
  };

  console.log(`\nmodel ${configured.modelId}  (configured variant ${configuredName}; best on pipeline: ${report.bestVariantOnPipeline})`);
  console.log(`${celebrities.dataset}: face found in ${celebrities.facesFound}/${celebrities.images}`);
  console.log(`landmark error vs ArcFace targets (px in the 112 crop): ${JSON.stringify(celebrities.landmarkErrorPx112)}`);
  for (const [name, v] of Object.entries(celebrities.byVariant)) {
    for (const [kind, f] of Object.entries(v)) {
      const ops = f.verification.operatingPoints.filter((o) => REPORTED_FARS.includes(o.far));
      console.log(
        `  ${name.padEnd(14)} ${kind.padEnd(10)} pairs ${f.verification.genuinePairs}/${f.verification.impostorPairs}  ` +
          ops.map((o) => `TAR@${o.far} ${pct(o.tar)}`).join('  ') +
          `  EER ${pct(f.verification.eer)}  rank-1 ${pct(f.identification.rank1)} (${pct(f.identification.rank1Min)}..${pct(f.identification.rank1Max)}, ${f.identification.rounds} rounds x ${f.identification.probesPerRound} probes)`,
      );
    }
  }
  printTailAndPresets(celebrities.byVariant[configuredName]!.pipeline, configuredName);
  printHeldOut(celebrities.byVariant[configuredName]!.pipeline, configuredName);
  console.log(`${deepface.dataset}: face found in ${deepface.facesFound}/${deepface.photos}`);
  for (const [name, f] of Object.entries(deepface.byVariant)) {
    console.log(
      `  ${name.padEnd(14)} genuine ${f.genuinePairs} (mean ${f.meanGenuine.toFixed(3)}), impostor ${f.impostorPairs} (mean ${f.meanImpostor.toFixed(3)}), EER ${pct(f.eer)}  ` +
        f.atThresholds.map((t) => `[${t.label}: TAR ${pct(t.tar)} FAR ${pct(t.far)} acc ${pct(t.accuracy)}]`).join(' '),
    );
  }
  console.log('ms per image:', JSON.stringify(report.msPerImage));

  const resultsDir = path.join(repoRoot, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const resultFile = path.join(resultsDir, `face-verification-${report.measuredAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results: ${path.relative(repoRoot, resultFile)}`);

  if (perIdentity === undefined) {
    const calibrationDir = env.CALIBRATION_DIR;
    mkdirSync(calibrationDir, { recursive: true });
    const calibrationFile = path.join(calibrationDir, `${safeFileName(configured.modelId)}.json`);
    const written = writeCalibration(calibrationFile, calibration);
    console.log(`calibration: ${path.relative(repoRoot, calibrationFile)} (measuredAt ${written.measuredAt}${written.measuredAt === calibration.measuredAt ? '' : ', kept: the measured figures are unchanged'})`);
  }
  await Promise.all([close(), ...[...embedders.values()].map((e) => e.close())]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
