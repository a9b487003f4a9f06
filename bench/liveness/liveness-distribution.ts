/**
 * The liveness score's distribution on real, live photos (there are no spoof recordings
 * here, so no attack-detection figure can be measured), and the threshold at which a stated
 * share of live faces passes.
 *
 *   node scripts/run-ts.cjs bench/liveness/liveness-distribution.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src';
import { LivenessModel } from '../../apps/detector/src/liveness/liveness-model';
import { scriptEnv } from '../../training/mask/script-env';
import { percentile } from '../support/stats';

const DATA = path.resolve(__dirname, '../../../shared/data');
/** Live faces the threshold lets through, on the unmasked sets. */
const LIVE_PASS_SHARE = 0.95;

const SETS: Array<{ name: string; dir: string; unmasked: boolean }> = [
  { name: 'faces/deepface', dir: 'faces/deepface', unmasked: true },
  { name: 'mask/without_mask', dir: 'mask/without_mask', unmasked: true },
  { name: 'mask/with_mask', dir: 'mask/with_mask', unmasked: false },
];

async function main(): Promise<void> {
  const env = scriptEnv();
  const logger = createLogger('liveness-distribution', 'warn');
  const { detector, close } = await openFaceDetector(env, logger);
  const liveness = await LivenessModel.open(env, logger);
  const rows = [];
  const unmasked: number[] = [];
  for (const set of SETS) {
    const files = readdirSync(path.join(DATA, set.dir)).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
    const scores: number[] = [];
    let withoutFace = 0;
    for (const file of files) {
      const image = await decodeImage(readFileSync(path.join(DATA, set.dir, file)), { maxPixels: env.IMAGE_MAX_PIXELS }).catch(() => null);
      const [face] = image ? await detector.detect(image) : [];
      if (!image || !face) {
        withoutFace++;
        continue;
      }
      scores.push(...(await liveness.score(image, [face])));
    }
    if (set.unmasked) unmasked.push(...scores);
    const p = (q: number) => percentile(scores, q).toFixed(3);
    rows.push({
      set: set.name, photos: files.length, faces: scores.length, withoutFace,
      p1: p(1), p5: p(5), p25: p(25), p50: p(50), p75: p(75), p95: p(95),
      'share >= 0.5': (scores.filter((s) => s >= 0.5).length / scores.length).toFixed(3),
    });
  }
  await Promise.all([close(), liveness.close()]);
  console.table(rows);
  const threshold = Math.floor(percentile(unmasked, 100 * (1 - LIVE_PASS_SHARE)) * 20) / 20;
  const passing = unmasked.filter((s) => s >= threshold).length / unmasked.length;
  console.log(
    `threshold for >= ${100 * LIVE_PASS_SHARE} % of ${unmasked.length} live unmasked faces: ${threshold.toFixed(2)} ` +
      `(the 0.05 step at or below their p${Math.round(100 * (1 - LIVE_PASS_SHARE))}; ${(100 * passing).toFixed(1)} % pass). ` +
      'No spoof data: nothing is known about how many attacks it stops.',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
