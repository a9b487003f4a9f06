/**
 * Accuracy of face-api's dlib ResNet face descriptor, rebuilt as ONNX by
 * libs/model-convert/src/faceapi, on ../shared/data/faces/celebrities (12 identities,
 * 112x112 ArcFace-aligned PNG crops), and of its 68-point landmark nets on the same crops.
 *
 * The descriptor was trained on dlib's own 150x150 chips (5-point alignment, padding 0.25),
 * which frame the face differently from an ArcFace crop; three inputs are measured:
 *  - resized: the 112 crop resized to 150 as it is (the earlier MODELS.md figure);
 *  - template-chip: the crop mapped onto dlib's chip by the one similarity that takes the
 *    ArcFace template's eye centres onto dlib's (the mean of each eye's two template
 *    corners); the chip reaches below the crop, and that strip is black, as dlib fills
 *    outside the image;
 *  - landmark-chip: per image, face-api's 68-point net run on the crop gives the points
 *    dlib's 5-point template is made of (eye corners 36, 39, 42, 45 and nose base 33);
 *    a least-squares similarity onto that template gives the chip (black outside).
 * Embeddings are L2-normalised and compared by cosine; face-api's own rule (Euclidean
 * distance of the raw descriptors below 0.6) is reported too.
 *
 * Landmarks: the ArcFace template points (eye centres, nose tip, mouth corners) against
 * the nets' eye centres (mean of the six eye points), nose tip (30) and mouth corners (48,
 * 54). The template is where the alignment put its own landmark detector's points, not a
 * ground truth, so the mean offset (a difference of landmark definitions) is given apart
 * from the scatter around it.
 *
 * Usage: node scripts/run-ts.cjs bench/accuracy/faceapi-dlib.ts [--per-identity N]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { decodeImage, estimateSimilarity, extractAlignedCrop, resizeRegion, type Point, type RgbImage } from '@bio/imaging';
import { l2Normalised } from '@bio/vector';
import { convertFaceApiWeights, type FaceApiModelKind } from '../../libs/model-convert/src/faceapi';
import { faceApiSources, FACE_API } from '../../libs/model-convert/test/support/faceapi-reference';
import { StageTimer } from '../support/stage-timer';
import { ARCFACE, CHIP, DLIB_CHIP_POINTS, TEMPLATE_CHIP } from './candidates/dlib-chip';
import { listCelebrities } from './celebrity-set';
import { allPairScores, rankOneIdentification, verificationFigures, type Sample } from './verification-metrics';

const repoRoot = path.resolve(__dirname, '../..');
const CELEBRITIES = path.resolve(repoRoot, '../shared/data/faces/celebrities');
const FARS = [1e-2, 1e-3, 1e-4];
const RANK1_ROUNDS = 10;
const CROP = 112;
const FACE_API_THRESHOLD = 0.6;
/** The 68-point indices standing for dlib's template points, in the same order. */
const DLIB_FROM_68 = [45, 42, 36, 39, 33];
const ARCFACE_NAMES = ['eye (image left)', 'eye (image right)', 'nose tip', 'mouth corner (image left)', 'mouth corner (image right)'];

const VARIANTS = ['resized', 'template-chip', 'landmark-chip'] as const;
type Variant = (typeof VARIANTS)[number];

function perIdentityArg(): number | undefined {
  const at = process.argv.indexOf('--per-identity');
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

async function session(kind: FaceApiModelKind, base: string): Promise<ort.InferenceSession> {
  const sources = faceApiSources(base);
  const { onnx } = convertFaceApiWeights(kind, sources.manifest, (p) => sources.files.get(p)!, { graphName: kind, docString: '' });
  return ort.InferenceSession.create(Buffer.from(onnx), { intraOpNumThreads: 2, interOpNumThreads: 1 });
}

async function run(s: ort.InferenceSession, image: RgbImage): Promise<Float32Array> {
  const out = await s.run({ input: new ort.Tensor('float32', Float32Array.from(image.data), [1, image.height, image.width, 3]) });
  return out[s.outputNames[0]!]!.data as Float32Array;
}

/** The 68 points in crop pixels (the nets give fractions of their square input). */
const landmarkPoints = (raw: Float32Array, size: number): Point[] => Array.from({ length: 68 }, (_, k) => [raw[2 * k]! * size, raw[2 * k + 1]! * size]);

function meanPoint(points: readonly Point[]): Point {
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

/** The landmark net's estimate of the ArcFace template's five points. */
function arcFacePointsOf(points: readonly Point[]): Point[] {
  return [meanPoint(points.slice(36, 42)), meanPoint(points.slice(42, 48)), points[30]!, points[48]!, points[54]!];
}

/** Share of same / different identity pairs whose raw descriptors lie closer than face-api's 0.6. */
function euclideanRule(samples: readonly { identity: string; raw: Float32Array }[]): { tar: number; far: number } {
  let genuine = 0;
  let genuineAccepted = 0;
  let impostor = 0;
  let impostorAccepted = 0;
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      let d = 0;
      const a = samples[i]!.raw;
      const b = samples[j]!.raw;
      for (let k = 0; k < a.length; k++) d += (a[k]! - b[k]!) ** 2;
      const accepted = Math.sqrt(d) < FACE_API_THRESHOLD;
      if (samples[i]!.identity === samples[j]!.identity) {
        genuine++;
        if (accepted) genuineAccepted++;
      } else {
        impostor++;
        if (accepted) impostorAccepted++;
      }
    }
  }
  return { tar: genuineAccepted / genuine, far: impostorAccepted / impostor };
}

interface LandmarkErrors {
  /** Per template point: mean distance, mean offset (dx, dy), and RMS distance about that mean offset, in crop pixels. */
  perPoint: { mean: number; offset: Point; scatter: number }[];
}

function landmarkErrors(estimates: readonly Point[][]): LandmarkErrors {
  return {
    perPoint: ARCFACE.map((target, k) => {
      const offsets = estimates.map((e) => [e[k]![0] - target[0], e[k]![1] - target[1]] as Point);
      const offset = meanPoint(offsets);
      const mean = offsets.reduce((s, o) => s + Math.hypot(o[0], o[1]), 0) / offsets.length;
      const scatter = Math.sqrt(offsets.reduce((s, o) => s + (o[0] - offset[0]) ** 2 + (o[1] - offset[1]) ** 2, 0) / offsets.length);
      return { mean, offset, scatter };
    }),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

async function main(): Promise<void> {
  const files = listCelebrities(CELEBRITIES, perIdentityArg());
  const identities = new Set(files.map((f) => f.identity)).size;
  console.log(`faceapi-dlib: ${files.length} crops of ${identities} identities from ${path.relative(repoRoot, CELEBRITIES)}; ${FACE_API.package}@${FACE_API.version} converted in memory`);
  const recognition = await session('face_recognition', 'face_recognition_model');
  const landmarks = await session('face_landmark_68', 'face_landmark_68_model');
  const tiny = await session('face_landmark_68_tiny', 'face_landmark_68_tiny_model');
  const timer = new StageTimer();

  const samples = new Map<Variant, { identity: string; embedding: Float32Array; raw: Float32Array }[]>(VARIANTS.map((v) => [v, []]));
  const estimates: Record<'full' | 'tiny', Point[][]> = { full: [], tiny: [] };
  for (const [n, { identity, file }] of files.entries()) {
    const crop = await decodeImage(readFileSync(file), { maxPixels: 10_000_000 });
    if (crop.width !== CROP || crop.height !== CROP) throw new Error(`${file}: ${crop.width}x${crop.height}, expected ${CROP}x${CROP}`);
    const points = landmarkPoints(await timer.time('landmarks 68 (112 px)', () => run(landmarks, crop)), CROP);
    estimates.full.push(arcFacePointsOf(points));
    estimates.tiny.push(arcFacePointsOf(landmarkPoints(await timer.time('landmarks 68 tiny (112 px)', () => run(tiny, crop)), CROP)));

    const chips: Record<Variant, RgbImage> = {
      resized: await resizeRegion(crop, { left: 0, top: 0, width: CROP, height: CROP }, CHIP, CHIP),
      'template-chip': await extractAlignedCrop(crop, TEMPLATE_CHIP, CHIP),
      'landmark-chip': await extractAlignedCrop(crop, estimateSimilarity(DLIB_FROM_68.map((k) => points[k]!), DLIB_CHIP_POINTS), CHIP),
    };
    for (const variant of VARIANTS) {
      const raw = await timer.time('descriptor (150 px)', () => run(recognition, chips[variant]));
      samples.get(variant)!.push({ identity, embedding: l2Normalised(raw), raw: Float32Array.from(raw) });
    }
    if ((n + 1) % 250 === 0) console.log(`faceapi-dlib: ${n + 1}/${files.length}`);
  }

  console.log(`\nVerification (cosine of L2-normalised descriptors), ${path.relative(repoRoot, CELEBRITIES)}:`);
  for (const variant of VARIANTS) {
    const list: Sample[] = samples.get(variant)!;
    const figures = verificationFigures(allPairScores(list), FARS);
    const rank1 = rankOneIdentification(list, RANK1_ROUNDS);
    const rule = euclideanRule(samples.get(variant)!);
    const tars = figures.operatingPoints.map((p) => `TAR@FAR ${p.far.toExponential(0)} ${pct(p.tar)} (cos > ${p.threshold.toFixed(3)})`).join(', ');
    console.log(
      `  ${variant.padEnd(13)} ${tars}; EER ${pct(figures.eer)}; rank-1 ${pct(rank1.rank1)} (${rank1.rounds} rounds); ` +
        `face-api rule (L2 < ${FACE_API_THRESHOLD}): TAR ${pct(rule.tar)} FAR ${pct(rule.far)}; ${figures.genuinePairs} genuine / ${figures.impostorPairs} impostor pairs`,
    );
  }

  const interOcular = Math.hypot(ARCFACE[1]![0] - ARCFACE[0]![0], ARCFACE[1]![1] - ARCFACE[0]![1]);
  for (const [net, list] of Object.entries(estimates)) {
    const errors = landmarkErrors(list);
    const overall = errors.perPoint.reduce((s, p) => s + p.mean, 0) / errors.perPoint.length;
    console.log(`\nLandmarks ${net === 'full' ? 'face_landmark_68' : 'face_landmark_68_tiny'} vs the ArcFace template (112 px crop; inter-ocular ${interOcular.toFixed(1)} px), ${list.length} crops:`);
    console.log(`  mean error ${overall.toFixed(2)} px (${pct(overall / interOcular)} of inter-ocular)`);
    errors.perPoint.forEach((p, k) =>
      console.log(`  ${ARCFACE_NAMES[k]!.padEnd(27)} mean ${p.mean.toFixed(2)} px, mean offset (${p.offset[0].toFixed(2)}, ${p.offset[1].toFixed(2)}), scatter ${p.scatter.toFixed(2)} px`),
    );
  }

  console.log('\nms per image (2 threads, batch 1, onnxruntime-node CPU):');
  for (const [stage, s] of Object.entries(timer.summary())) console.log(`  ${stage.padEnd(28)} mean ${s.mean} p50 ${s.p50} p95 ${s.p95} (n ${s.n})`);
  await Promise.all([recognition.release(), landmarks.release(), tiny.release()]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
