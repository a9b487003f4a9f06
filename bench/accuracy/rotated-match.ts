/**
 * Verification of photos turned by a quarter turn: each genuine pair's probe turned by 90,
 * 180 and 270 degrees (pixels turned, no EXIF tag, JPEG quality 95) is verified against the
 * upright reference through the real detect and embed processors; a pair counts as verified
 * when its calibrated native similarity reaches VERIFY_THRESHOLD. The upright baseline is
 * the same pairs with the probe as given; a false turn is an upright probe the detector
 * turned. The default set, deepface's master.csv, is the one the orientation rule was tuned
 * on; `--celebrities` measures held-out celebrity scenes instead.
 *
 *   node scripts/run-ts.cjs bench/accuracy/rotated-match.ts [--celebrities [--per-identity 20]]
 */
import sharp from 'sharp';
import { QUARTER_TURNS, type QuarterTurn } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { bufferToFloat32 } from '@bio/queue';
import { loadCalibrations } from '@bio/config';
import { SimilarityScale } from '../../apps/api-gateway/src/scoring/similarity-scale';
import { createDetectProcessor, openFaceDetector } from '../../apps/detector/src';
import { createEmbedProcessor } from '../../apps/embedder/src/embed-processor';
import { FaceEmbedder } from '../../apps/embedder/src/face-embedder';
import { scriptEnv } from '../../training/mask/script-env';
import { MemoryBlobs } from '../support/memory-blobs';
import { round1 } from '../support/stats';
import { celebrityPairs, deepfacePairs, type GenuinePairs } from './rotated-pair-sets';
import { cosine } from './verification-metrics';

interface Probe {
  embedding: Float32Array | null;
  orientation: QuarterTurn;
  /** Detector time spent on the other turns (0 when the upright pass was trusted). */
  turnsMs: number;
}

/** The photo as the upright decoder shows it, turned clockwise by `turn` in its pixels. */
async function turnedJpeg(bytes: Buffer, turn: QuarterTurn): Promise<Buffer> {
  return turn === 0 ? bytes : sharp(bytes).rotate().rotate(turn).jpeg({ quality: 95 }).toBuffer();
}

async function pairSet(): Promise<GenuinePairs> {
  if (!process.argv.includes('--celebrities')) return deepfacePairs();
  const at = process.argv.indexOf('--per-identity');
  return celebrityPairs(at >= 0 ? Number(process.argv[at + 1]) : 20);
}

async function main(): Promise<void> {
  const { description, pairs, references: referenceBytes } = await pairSet();
  const env = scriptEnv();
  const logger = createLogger('rotated-match', 'warn');
  const { detector, close } = await openFaceDetector(env, logger);
  const embedder = await FaceEmbedder.open(env, logger);
  const calibration = loadCalibrations(env.CALIBRATION_DIR).find((c) => c.modelId === embedder.modelId);
  if (!calibration) throw new Error(`no calibration for ${embedder.modelId} in ${env.CALIBRATION_DIR}`);
  const scale = new SimilarityScale(calibration);
  const blobs = new MemoryBlobs();
  const detect = createDetectProcessor({ detector, blobs, maxPixels: env.IMAGE_MAX_PIXELS });
  const embed = createEmbedProcessor({ embedder, blobs });

  const probe = async (bytes: Buffer): Promise<Probe> => {
    const detected = await detect({ requestId: 'bench', blobKey: await blobs.put(bytes), alignTop: 1, analyses: [] });
    if (!detected.ok) throw new Error(detected.error.message);
    const turnsMs = detected.timings.turns ?? 0;
    const cropKey = detected.faces[0]?.alignedCropKey;
    if (!cropKey) return { embedding: null, orientation: detected.orientation, turnsMs };
    const embedded = await embed({ requestId: 'bench', cropKeys: [cropKey] });
    if (!embedded.ok) throw new Error(embedded.error.message);
    return { embedding: bufferToFloat32(await blobs.get(embedded.embeddingKeys[0]!)), orientation: detected.orientation, turnsMs };
  };
  const verified = (a: Probe, b: Probe) =>
    a.embedding !== null && b.embedding !== null && scale.toSimilarity(cosine(a.embedding, b.embedding)) >= env.VERIFY_THRESHOLD;

  const references = new Map<string, Probe>();
  for (const [name, bytes] of referenceBytes) references.set(name, await probe(bytes));
  const rows = [];
  const extraMs: Record<'upright' | 'turned', number[]> = { upright: [], turned: [] };
  const baseline: boolean[] = [];
  for (const turn of QUARTER_TURNS) {
    let found = 0;
    let rightTurn = 0;
    let accepted = 0;
    for (const [i, pair] of pairs.entries()) {
      const turned = await probe(await turnedJpeg(pair.probe, turn));
      const ok = verified(turned, references.get(pair.reference)!);
      if (turn === 0) baseline[i] = ok;
      found += turned.embedding ? 1 : 0;
      // Undoing a clockwise turn of `turn` takes 360 - turn more.
      rightTurn += turned.orientation === (360 - turn) % 360 ? 1 : 0;
      accepted += ok ? 1 : 0;
      extraMs[turn === 0 ? 'upright' : 'turned'].push(turned.turnsMs);
    }
    rows.push({
      turn,
      pairs: pairs.length,
      faces_found: found,
      right_orientation: rightTurn,
      verified_pct: round1((100 * accepted) / pairs.length),
      upright_baseline_pct: round1((100 * baseline.filter(Boolean).length) / pairs.length),
    });
  }
  await Promise.all([close(), embedder.close()]);
  console.log(`${description}; probe turned clockwise, verified at native similarity >= ${env.VERIFY_THRESHOLD} (${scale.id})`);
  console.table(rows);
  const falseTurns = pairs.length - rows[0]!.right_orientation;
  console.log(`false turns: ${falseTurns} of ${pairs.length} upright probes ended up turned (${round1((100 * falseTurns) / pairs.length)} %)`);
  const mean = (ms: number[]) => round1(ms.reduce((a, b) => a + b, 0) / ms.length);
  console.log(`extra detector time for the other turns, mean per photo: upright ${mean(extraMs.upright)} ms, turned ${mean(extraMs.turned)} ms`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
