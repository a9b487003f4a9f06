/**
 * Face-embedding candidates measured the same way, with test-time flip and score fusion, on
 * ../shared/data/faces/celebrities (12 identities, ~1,971 ArcFace-aligned 112x112 crops):
 *  - the candidates: the configured embedder (fr_feature by default), expo's MobileFaceNet and
 *    face-api's dlib descriptor on its own 150 px chip, all converted by fetch-models;
 *  - through the detector (default): each crop set in a larger scene (celebrity-set.ts),
 *    found by BlazeFace and aligned by the service's own alignment, then handed to every
 *    candidate; with --given-crops the set's own crops are handed over instead;
 *  - per candidate: TAR at FAR 1e-2/1e-3/1e-4, EER, rank-1 with one enrolled image, the
 *    FAR 1e-3 threshold fitted on one half of the identities and measured on the other, and
 *    the embedding cost per image (the shared detect/align cost is printed once);
 *  - fusion: for each pair of base candidates, the weight of the weighted mean of their
 *    cosines is chosen on one half of the identities (TAR at FAR 1e-3) and the fused score
 *    measured on the other half, next to the better single candidate on that same half.
 *
 * With --onet-alignment the base candidates are measured again on crops cut on O-Net's five
 * points (candidates/onet-refinement.ts) instead of BlazeFace's keypoints.
 *
 * Usage: node scripts/run-ts.cjs bench/accuracy/candidates.ts [--per-identity N] [--given-crops] [--onet-alignment]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvAt, type Env } from '@bio/config';
import { decodeImage, type RgbImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { alignFace, alignmentTransform } from '../../apps/detector/src/face-alignment';
import { openFaceDetector } from '../../apps/detector/src/detector-worker';
import { StageTimer } from '../support/stage-timer';
import { listCelebrities, sceneFromCrop } from './celebrity-set';
import { withFlip, type EmbeddingCandidate } from './candidates/embedding-candidate';
import { dlibDescriptor } from './candidates/dlib-descriptor';
import { configuredEmbedder } from './candidates/fr-feature';
import { mobileFaceNet } from './candidates/mobilefacenet';
import { onetRefiner } from './candidates/onet-refinement';
import { fusedSamples } from './candidates/score-fusion';
import { heldOutCheck, identityHalves } from './held-out-check';
import { allPairScores, rankOneIdentification, verificationFigures, type Sample } from './verification-metrics';

const repoRoot = path.resolve(__dirname, '../..');
const CELEBRITIES = path.resolve(repoRoot, '../shared/data/faces/celebrities');
const FARS = [1e-2, 1e-3, 1e-4];
const FUSION_FAR = 1e-3;
const WEIGHT_STEPS = 10;
const RANK1_ROUNDS = 10;
const maxPixels = 100_000_000;

const argValue = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

function benchEnv(): Env {
  const env = loadEnvAt(repoRoot);
  return { ...env, ...(env.INFERENCE_THREADS > 0 ? {} : { INFERENCE_THREADS: 2 }) };
}

interface Crop {
  identity: string;
  /** null when the detector found no face in the scene: every pair of it is a miss. */
  crop: RgbImage | null;
  /** With --onet-alignment: the same face cut again on O-Net's five points. */
  refined?: RgbImage | null;
}

async function loadCrops(env: Env, perIdentity: number | undefined, givenCrops: boolean, onetAlignment: boolean, timer: StageTimer): Promise<Crop[]> {
  const files = listCelebrities(CELEBRITIES, perIdentity);
  const opened = givenCrops ? null : await openFaceDetector(env, createLogger('bench', 'warn'));
  const refiner = onetAlignment && !givenCrops ? await onetRefiner(repoRoot, env.INFERENCE_THREADS) : null;
  const out: Crop[] = [];
  try {
    for (const { identity, file } of files) {
      const given = await timer.time('decode', () => decodeImage(readFileSync(file), { maxPixels }));
      if (!opened) {
        out.push({ identity, crop: given });
        continue;
      }
      const { scene } = await sceneFromCrop(given);
      const [face] = await timer.time('detect', () => opened.detector.detect(scene));
      const crop = face ? await timer.time('align', () => alignFace(scene, face.landmarks)) : null;
      const refined = face && refiner ? await timer.time('onet-align', () => refiner.refine(scene, alignmentTransform(face.landmarks))) : null;
      out.push({ identity, crop, ...(refiner && { refined }) });
    }
  } finally {
    await Promise.all([opened?.close(), refiner?.close()]);
  }
  return out;
}

async function embedAll(candidate: EmbeddingCandidate, crops: readonly Crop[], timer: StageTimer): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const { identity, crop } of crops) {
    samples.push({ identity, embedding: crop ? await timer.time(candidate.name, () => candidate.embed(crop)) : null });
  }
  return samples;
}

function figuresOf(samples: readonly Sample[]) {
  const verification = verificationFigures(allPairScores(samples), FARS);
  return {
    genuinePairs: verification.genuinePairs,
    impostorPairs: verification.impostorPairs,
    tar: Object.fromEntries(verification.operatingPoints.map((o) => [o.far, o.tar])),
    eer: verification.eer,
    rank1: rankOneIdentification(samples, RANK1_ROUNDS).rank1,
    heldOut: heldOutCheck(samples, [FUSION_FAR]),
  };
}

const tarAt = (samples: readonly Sample[], far: number) => verificationFigures(allPairScores(samples), [far]).operatingPoints[0]!.tar;

/** The weight of `a` (b gets 1 - w) chosen on one half, measured on the other, both ways. */
function fusionCheck(a: { name: string; samples: Sample[] }, b: { name: string; samples: Sample[] }) {
  const halvesA = identityHalves(a.samples);
  const halvesB = identityHalves(b.samples);
  return ([[0, 1], [1, 0]] as const).map(([fit, check]) => {
    let best = { weight: 1, tar: -1 };
    for (let step = 0; step <= WEIGHT_STEPS; step++) {
      const weight = step / WEIGHT_STEPS;
      const tar = tarAt(fusedSamples([halvesA[fit]!, halvesB[fit]!], [weight, 1 - weight]), FUSION_FAR);
      if (tar > best.tar) best = { weight, tar };
    }
    const fused = tarAt(fusedSamples([halvesA[check]!, halvesB[check]!], [best.weight, 1 - best.weight]), FUSION_FAR);
    const single = Math.max(tarAt(halvesA[check]!, FUSION_FAR), tarAt(halvesB[check]!, FUSION_FAR));
    return { fittedOnHalf: fit, weightOfFirst: best.weight, fusedTarOnOtherHalf: fused, betterSingleTarOnOtherHalf: single };
  });
}

async function main(): Promise<void> {
  const perIdentity = argValue('--per-identity') === undefined ? undefined : Number(argValue('--per-identity'));
  const givenCrops = process.argv.includes('--given-crops');
  const onetAlignment = process.argv.includes('--onet-alignment');
  const env = benchEnv();
  const timer = new StageTimer();
  const crops = await loadCrops(env, perIdentity, givenCrops, onetAlignment, timer);
  const base = [
    await configuredEmbedder(env, createLogger('bench', 'warn')),
    await mobileFaceNet(repoRoot, env.INFERENCE_THREADS),
    await dlibDescriptor(repoRoot, env.INFERENCE_THREADS),
  ];
  const candidates = [...base, ...base.map(withFlip)];

  const measured: Array<{ name: string; samples: Sample[] }> = [];
  for (const candidate of candidates) measured.push({ name: candidate.name, samples: await embedAll(candidate, crops, timer) });
  if (onetAlignment) {
    const refined = crops.map((c) => ({ identity: c.identity, crop: c.refined ?? null }));
    for (const candidate of base) {
      const name = `${candidate.name} on O-Net alignment`;
      measured.push({ name, samples: await embedAll({ ...candidate, name }, refined, timer) });
    }
  }
  await Promise.all(base.map((c) => c.close()));

  const costs = timer.summary();
  const report = {
    benchmark: 'bench/accuracy/candidates.ts',
    measuredAt: new Date().toISOString(),
    dataset: `faces/celebrities, ${crops.length} images of ${new Set(crops.map((c) => c.identity)).size} identities${perIdentity ? `, first ${perIdentity} each` : ''}`,
    crops: givenCrops ? 'the set\'s own aligned crops' : 'scene -> BlazeFace -> ArcFace alignment (the service\'s pipeline)',
    facesFound: crops.filter((c) => c.crop).length,
    candidates: measured.map((m) => ({ name: m.name, msPerImage: costs[m.name]?.mean, ...figuresOf(m.samples) })),
    fusion: measured
      .filter((m) => base.some((b) => b.name === m.name))
      .flatMap((a, i, bases) => bases.slice(i + 1).map((b) => ({ first: a.name, second: b.name, halves: fusionCheck(a, b) }))),
    sharedMsPerImage: Object.fromEntries(['decode', 'detect', 'align', 'onet-align'].filter((s) => costs[s]).map((s) => [s, costs[s]!.mean])),
  };

  console.log(`${report.dataset}; crops: ${report.crops}; faces found ${report.facesFound}/${crops.length}`);
  console.log(`shared ms per image: ${JSON.stringify(report.sharedMsPerImage)}`);
  const halves = report.candidates[0]!.heldOut.map((h) => h.fittedOn);
  console.log(`identity halves: 0 = ${halves[0]}; 1 = ${halves[1]}`);
  for (const c of report.candidates) {
    const held = c.heldOut
      .map((h, k) => `fitted on ${k}, on ${1 - k}: FAR ${h.measuredFar.toExponential(1)} (${h.impostorsAbove}/${h.impostorPairs}) TAR ${pct(h.tar)}`)
      .join('; ');
    console.log(
      `${c.name}\n  pairs ${c.genuinePairs}/${c.impostorPairs}  ${FARS.map((f) => `TAR@${f} ${pct(c.tar[f]!)}`).join('  ')}  EER ${pct(c.eer)}  rank-1 ${pct(c.rank1)}  ` +
        `${c.msPerImage?.toFixed(1)} ms/img\n  FAR ${FUSION_FAR} held out: ${held}`,
    );
  }
  for (const f of report.fusion) {
    for (const h of f.halves) {
      console.log(
        `fusion ${f.first} x ${f.second}: weight ${h.weightOfFirst} chosen on half ${h.fittedOnHalf}; on the other half TAR@${FUSION_FAR} ${pct(h.fusedTarOnOtherHalf)} (better single ${pct(h.betterSingleTarOnOtherHalf)})`,
      );
    }
  }
  const dir = path.join(repoRoot, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `candidates-${report.measuredAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results: ${path.relative(repoRoot, file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
