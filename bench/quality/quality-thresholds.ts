/**
 * Chooses the default face-quality thresholds from real photos. The real detector runs on
 * ../shared/data/faces/deepface (largest face of each photo) and on celebrity crops set in a
 * scene (as in the verification benchmark), and on darkened, brightened, greyscale,
 * blue- and orange-tinted and blurred copies of each; the face is detected again on every
 * copy, as a caller's photo would be. Each threshold lies midway between the 95th percentile
 * of the originals and the 5th percentile of the copies degraded in that respect (for colour,
 * the greyscale and both tinted copies together; for sharpness, higher is better, the mirror
 * image); when those overlap, the originals' percentile is kept so good photos still pass.
 * Rotation has no synthetic copy: its threshold is the originals' 95th percentile.
 * Prints the distributions and writes them with the thresholds to models/quality-thresholds.json.
 *
 * Usage: node scripts/run-ts.cjs bench/quality/quality-thresholds.ts
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvAt, QUALITY_THRESHOLDS_FILE, type QualityThresholds } from '@bio/config';
import { decodeImage, type RgbImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import type { FaceDetector } from '../../apps/detector/src/face-detector';
import { measureFaceQuality, type FaceQuality } from '../../apps/detector/src/quality';
import { listCelebrities, sceneFromCrop } from '../accuracy/celebrity-set';
import { percentile } from '../support/stats';
import { blueTinted, blurredForFace, brightened, darkened, DEGRADATION, greyscale, orangeTinted } from './degraded-copies';

const repoRoot = path.resolve(__dirname, '../..');
const DEEPFACE = '../shared/data/faces/deepface';
const CELEBRITIES = '../shared/data/faces/celebrities';
const CELEBRITIES_PER_IDENTITY = 10;
const VARIANTS = ['original', 'darkened', 'brightened', 'greyscale', 'blueTinted', 'orangeTinted', 'blurred'] as const;
const COLOR_DEGRADED = ['greyscale', 'blueTinted', 'orangeTinted'] as const;
type Variant = (typeof VARIANTS)[number];
const METRICS = ['underexposure', 'overexposure', 'sharpness', 'color', 'rotation', 'yaw', 'pitch', 'roll'] as const;
const PERCENTILES = [5, 25, 50, 75, 95] as const;

async function photos(): Promise<{ name: string; image: RgbImage }[]> {
  const out: { name: string; image: RgbImage }[] = [];
  const dir = path.resolve(repoRoot, DEEPFACE);
  for (const f of readdirSync(dir).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort()) {
    out.push({ name: `deepface/${f}`, image: await decodeImage(readFileSync(path.join(dir, f)), { maxPixels: 40_000_000 }) });
  }
  for (const { file } of listCelebrities(path.resolve(repoRoot, CELEBRITIES), CELEBRITIES_PER_IDENTITY)) {
    const crop = await decodeImage(readFileSync(file), { maxPixels: 1_000_000 });
    out.push({ name: path.relative(path.resolve(repoRoot, CELEBRITIES), file), image: (await sceneFromCrop(crop)).scene });
  }
  return out;
}

async function largestFaceQuality(detector: FaceDetector, image: RgbImage): Promise<FaceQuality | undefined> {
  const face = (await detector.detect(image))[0];
  return face && measureFaceQuality(image, face);
}

function summary(values: number[]): Record<string, number> {
  const row: Record<string, number> = { n: values.length };
  for (const p of PERCENTILES) row[`p${p}`] = Number(percentile(values, p).toFixed(4));
  return row;
}

/** Midway between the good photos' tail and the degraded copies' tail, or the good tail when they overlap. */
function between(good: number, bad: number, higherIsBetter: boolean): number {
  const separated = higherIsBetter ? good > bad : good < bad;
  return Number((separated ? (good + bad) / 2 : good).toFixed(3));
}

async function main(): Promise<void> {
  const env = loadEnvAt(repoRoot);
  const { detector, close } = await openFaceDetector(
    env,
    createLogger('quality-thresholds', 'warn'),
  );
  const measured = Object.fromEntries(VARIANTS.map((v) => [v, [] as FaceQuality[]])) as Record<Variant, FaceQuality[]>;
  const missed = Object.fromEntries(VARIANTS.map((v) => [v, 0])) as Record<Variant, number>;
  const samples = await photos();
  for (const { name, image } of samples) {
    const face = (await detector.detect(image))[0];
    if (!face) {
      missed.original++;
      continue;
    }
    measured.original.push(await measureFaceQuality(image, face));
    const copies: Record<Exclude<Variant, 'original'>, RgbImage> = {
      darkened: darkened(image),
      brightened: brightened(image),
      greyscale: greyscale(image),
      blueTinted: blueTinted(image),
      orangeTinted: orangeTinted(image),
      blurred: await blurredForFace(image, face.box.width),
    };
    for (const [variant, copy] of Object.entries(copies) as [Exclude<Variant, 'original'>, RgbImage][]) {
      const q = await largestFaceQuality(detector, copy);
      if (q) measured[variant].push(q);
      else missed[variant]++;
    }
    process.stdout.write(`${name}\n`);
  }
  await close();

  const distributions = Object.fromEntries(
    VARIANTS.map((v) => [v, Object.fromEntries(METRICS.map((m) => [m, summary(measured[v].map((q) => q[m]))]))]),
  ) as Record<Variant, Record<(typeof METRICS)[number], Record<string, number>>>;
  const p = (v: Variant, m: (typeof METRICS)[number], pct: number) => percentile(measured[v].map((q) => q[m]), pct);
  const colorDegraded = COLOR_DEGRADED.flatMap((v) => measured[v].map((q) => q.color));
  const thresholds: QualityThresholds = {
    underexposure: between(p('original', 'underexposure', 95), p('darkened', 'underexposure', 5), false),
    overexposure: between(p('original', 'overexposure', 95), p('brightened', 'overexposure', 5), false),
    sharpness: between(p('original', 'sharpness', 5), p('blurred', 'sharpness', 95), true),
    color: between(p('original', 'color', 95), percentile(colorDegraded, 5), false),
    rotation: Math.ceil(p('original', 'rotation', 95)),
  };
  for (const v of VARIANTS) {
    console.log(`\n${v}: ${measured[v].length} faces, ${missed[v]} photos without a face`);
    console.table(distributions[v]);
  }
  console.log('thresholds', thresholds);
  const record = {
    $comment: 'Written by bench/quality/quality-thresholds.ts; read by apps/detector/src/quality/quality-thresholds.ts. Metric definitions: apps/detector/src/quality.',
    date: new Date().toISOString(),
    dataset: {
      deepface: `${DEEPFACE} (every photo, largest face)`,
      celebrities: `${CELEBRITIES} (first ${CELEBRITIES_PER_IDENTITY} per identity, set in a scene as bench/accuracy/celebrity-set.ts)`,
      photos: samples.length,
      degradation: DEGRADATION,
    },
    rule: 'midway between p95 of originals and p5 of the copies degraded in that respect (colour: greyscale and both tinted copies pooled; sharpness: p5 of originals and p95 of blurred); the originals\' percentile when they overlap; rotation: p95 of originals, rounded up',
    counts: Object.fromEntries(VARIANTS.map((v) => [v, { faces: measured[v].length, withoutFace: missed[v] }])),
    distributions,
    thresholds,
  };
  writeFileSync(path.resolve(repoRoot, QUALITY_THRESHOLDS_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
