/**
 * Measures where BlazeFace puts its eyes, nose and mouth points on faces that are already
 * ArcFace-aligned (../shared/data/faces/celebrities, set into a scene as in the verification
 * benchmark). BlazeFace's points are not defined like the five points the ArcFace template
 * was made from (its nose tip sits ~3 px lower in the 112 crop), so aligning its points onto
 * the template itself shifts every crop; their mean position in the aligned frame is the
 * target that reproduces the reference alignment. Prints the targets for
 * apps/detector/src/face-alignment.ts.
 *
 * Usage: node scripts/run-ts.cjs bench/accuracy/fit-alignment-targets.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvAt } from '@bio/config';
import { decodeImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import { listCelebrities, sceneFromCrop, SCENE } from './celebrity-set';

const repoRoot = path.resolve(__dirname, '../..');
const POINTS = ['leftEye', 'rightEye', 'nose', 'mouth'] as const;

async function main(): Promise<void> {
  const env = loadEnvAt(repoRoot);
  const { detector, close } = await openFaceDetector(
    env,
    createLogger('fit', 'warn'),
  );
  const files = listCelebrities(path.resolve(repoRoot, '../shared/data/faces/celebrities'));
  const sum = POINTS.map(() => [0, 0, 0, 0]); // x, y, x^2, y^2
  let n = 0;
  for (const { file } of files) {
    const crop = await decodeImage(readFileSync(file), { maxPixels: 1_000_000 });
    const { scene, offset } = await sceneFromCrop(crop);
    const face = (await detector.detect(scene))[0];
    if (!face) continue;
    n++;
    POINTS.forEach((name, k) => {
      const [x, y] = face.landmarks[name];
      const cx = (x - offset) / SCENE.upscale;
      const cy = (y - offset) / SCENE.upscale;
      sum[k]![0] += cx;
      sum[k]![1] += cy;
      sum[k]![2] += cx * cx;
      sum[k]![3] += cy * cy;
    });
  }
  await close();
  console.log(`${n}/${files.length} faces found; mean (sd) position in the 112 crop, continuous pixel coordinates:`);
  POINTS.forEach((name, k) => {
    const [sx, sy, sxx, syy] = sum[k]!;
    const mx = sx! / n;
    const my = sy! / n;
    const sd = (s2: number, m: number) => Math.sqrt(Math.max(0, s2 / n - m * m)).toFixed(2);
    console.log(`  ${name.padEnd(8)} [${mx.toFixed(2)}, ${my.toFixed(2)}]  (sd ${sd(sxx!, mx)}, ${sd(syy!, my)})`);
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
