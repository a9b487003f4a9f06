/**
 * What can be checked of age, gender and emotion with the data here: gender accuracy on
 * the celebrity crops (each identity's gender is public knowledge), the spread of the age
 * estimates within each identity (no ages are labelled), and the emotion mix on the deepface
 * photos (no emotions are labelled).
 *
 *   node scripts/run-ts.cjs bench/attributes/attribute-checks.ts [--per-identity 20]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { openFaceDetector } from '../../apps/detector/src';
import { FaceAttributesModel } from '../../apps/detector/src/attributes/face-attributes';
import { scriptEnv } from '../../training/mask/script-env';
import { listCelebrities, sceneFromCrop } from '../accuracy/celebrity-set';
import { percentile } from '../support/stats';

const DATA = path.resolve(__dirname, '../../../shared/data');
const FEMALE = new Set(['Gwyneth_Paltrow', 'Jennifer_Lopez', 'Kate_Winslet', 'Keira_Knightley', 'Lindsay_Lohan', 'Miley_Cyrus']);

function perIdentity(): number {
  const at = process.argv.indexOf('--per-identity');
  return at >= 0 ? Number(process.argv[at + 1]) : 20;
}

async function main(): Promise<void> {
  const env = scriptEnv();
  const logger = createLogger('attribute-checks', 'warn');
  const { detector, close } = await openFaceDetector(env, logger);
  const attributes = await FaceAttributesModel.open(env, logger);

  const byIdentity = new Map<string, { right: number; faces: number; ages: number[] }>();
  let missed = 0;
  for (const { identity, file } of listCelebrities(path.join(DATA, 'faces/celebrities'), perIdentity())) {
    const { scene } = await sceneFromCrop(await decodeImage(readFileSync(file), { maxPixels: env.IMAGE_MAX_PIXELS }));
    const [face] = await detector.detect(scene);
    if (!face) {
      missed++;
      continue;
    }
    const [described] = await attributes.describe(scene, [face]);
    const row = byIdentity.get(identity) ?? { right: 0, faces: 0, ages: [] };
    row.faces++;
    if ((described!.gender === 'female') === FEMALE.has(identity)) row.right++;
    row.ages.push(described!.age);
    byIdentity.set(identity, row);
  }
  const rows = [...byIdentity].map(([identity, r]) => ({
    identity, faces: r.faces, 'gender right': `${((100 * r.right) / r.faces).toFixed(1)} %`,
    'age p10': percentile(r.ages, 10), 'age p50': percentile(r.ages, 50), 'age p90': percentile(r.ages, 90),
  }));
  console.table(rows);
  const right = [...byIdentity.values()].reduce((n, r) => n + r.right, 0);
  const faces = [...byIdentity.values()].reduce((n, r) => n + r.faces, 0);
  const p = right / faces;
  console.log(
    `faces/celebrities gender accuracy: ${(100 * p).toFixed(1)} % of ${faces} faces ` +
      `(±${(196 * Math.sqrt((p * (1 - p)) / faces)).toFixed(1)} points, 95 % binomial; ${byIdentity.size} identities, so faces are not independent); ${missed} crops without a face`,
  );

  const emotionCounts = new Map<string, number>();
  const deepface = readdirSync(path.join(DATA, 'faces/deepface')).filter((f) => /^img\d+\.jpg$/.test(f));
  for (const file of deepface) {
    const image = await decodeImage(readFileSync(path.join(DATA, 'faces/deepface', file)), { maxPixels: env.IMAGE_MAX_PIXELS });
    const [face] = await detector.detect(image);
    if (!face) continue;
    const [described] = await attributes.describe(image, [face]);
    const top = Object.entries(described!.emotions).sort((a, b) => b[1] - a[1])[0]![0];
    emotionCounts.set(top, (emotionCounts.get(top) ?? 0) + 1);
  }
  console.log(`faces/deepface top emotion (unlabelled; a spread, not an accuracy): ${JSON.stringify(Object.fromEntries(emotionCounts))}`);
  await Promise.all([close(), attributes.close()]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
