/**
 * Face-embedding candidates measured the same way, with test-time flip and score fusion:
 *  - the candidates: the configured embedder (fr_feature by default), expo's MobileFaceNet,
 *    face-api's dlib descriptor on its own 150 px chip and human's faceres on its own crop (the
 *    detector box grown 1.4x), all converted by fetch-models;
 *  - the crops: the service's detector and alignment (BlazeFace keypoints, ArcFace template)
 *    hand every candidate the same crop; with --onet-alignment the base candidates are measured
 *    again on crops cut on MTCNN O-Net's five points (candidates/onet-refinement.ts); with
 *    --given-crops the celebrity set's own aligned crops are used instead of the detector;
 *  - ../shared/data/faces/celebrities (12 identities, ~1,971 ArcFace-aligned crops, each set in
 *    a larger scene): TAR at FAR 1e-2/1e-3/1e-4, EER, rank-1 with one enrolled image, the FAR
 *    1e-3 threshold fitted on one half of the identities and measured on the other, and the
 *    embedding cost per image (the shared detect/align cost is printed once);
 *  - faces/orl (40 subjects x 10 greyscale 92x112 photos, set in a scene the same way): the same
 *    figures but the held-out check;
 *  - faces/deepface master.csv (full photos): TAR and FAR of the labelled pairs at the
 *    candidate's celebrity FAR 1e-3 threshold, and their EER;
 *  - fusion: for each pair of base candidates, the weight of the weighted mean of their
 *    cosines is chosen on one half of the celebrity identities (TAR at FAR 1e-3) and the fused
 *    score measured on the other half, next to the better single candidate on that same half.
 *
 * Usage: node scripts/run-ts.cjs bench/accuracy/candidates.ts [--per-identity N] [--given-crops] [--onet-alignment]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvAt, type Env } from '@bio/config';
import { decodeImage, type RgbImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { StageTimer } from '../support/stage-timer';
import { listCelebrities, sceneFromCrop } from './celebrity-set';
import { dlibDescriptor } from './candidates/dlib-descriptor';
import { withFlip, type EmbeddingCandidate } from './candidates/embedding-candidate';
import { faceresDescriptor } from './candidates/faceres';
import { configuredEmbedder } from './candidates/fr-feature';
import { mobileFaceNet } from './candidates/mobilefacenet';
import { openPipelineCropper, type PipelineCrop } from './candidates/pipeline-crops';
import { fusedSamples } from './candidates/score-fusion';
import { DEEPFACE, readMasterPairs } from './deepface-pairs';
import { heldOutCheck, identityHalves } from './held-out-check';
import { listOrl, readOrlImage } from './orl-set';
import { allPairScores, cosine, labelledPairFigures, rankOneIdentification, verificationFigures, type Sample } from './verification-metrics';

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

type Labelled = PipelineCrop & { identity: string };
type Cropper = Awaited<ReturnType<typeof openPipelineCropper>>;

async function celebrityCrops(cropper: Cropper | null, perIdentity: number | undefined, timer: StageTimer): Promise<Labelled[]> {
  const out: Labelled[] = [];
  for (const { identity, file } of listCelebrities(CELEBRITIES, perIdentity)) {
    const given = await timer.time('decode', () => decodeImage(readFileSync(file), { maxPixels }));
    out.push({ identity, ...(cropper ? await cropper.crop((await sceneFromCrop(given)).scene) : { crop: given }) });
  }
  return out;
}

async function orlCrops(cropper: Cropper): Promise<Labelled[]> {
  const out: Labelled[] = [];
  for (const { identity, file } of listOrl()) out.push({ identity, ...(await cropper.crop((await sceneFromCrop(readOrlImage(file))).scene)) });
  return out;
}

/** The master.csv photos, keyed by file name (the pairs carry the labels). */
async function deepfaceCrops(cropper: Cropper): Promise<Labelled[]> {
  const files = [...new Set(readMasterPairs().flatMap((p) => [p.x, p.y]))].sort();
  const out: Labelled[] = [];
  for (const file of files) out.push({ identity: file, ...(await cropper.crop(await decodeImage(readFileSync(path.join(DEEPFACE, file)), { maxPixels }))) });
  return out;
}

async function embedAll(candidate: EmbeddingCandidate, crops: ReadonlyArray<{ identity: string; crop: RgbImage | null }>, timer: StageTimer): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const { identity, crop } of crops) {
    samples.push({ identity, embedding: crop ? await timer.time(candidate.name, () => candidate.embed(crop)) : null });
  }
  return samples;
}

function figuresOf(samples: readonly Sample[], withHeldOut: boolean) {
  const verification = verificationFigures(allPairScores(samples), FARS);
  return {
    genuinePairs: verification.genuinePairs,
    impostorPairs: verification.impostorPairs,
    tar: Object.fromEntries(verification.operatingPoints.map((o) => [o.far, o.tar])),
    threshold: Object.fromEntries(verification.operatingPoints.map((o) => [o.far, o.threshold])),
    eer: verification.eer,
    rank1: rankOneIdentification(samples, RANK1_ROUNDS).rank1,
    heldOut: withHeldOut ? heldOutCheck(samples, [FUSION_FAR]) : [],
  };
}

function deepfaceFigures(samples: readonly Sample[], threshold: number) {
  const byFile = new Map(samples.map((s) => [s.identity, s.embedding]));
  const scored = readMasterPairs().map((p) => {
    const [a, b] = [byFile.get(p.x), byFile.get(p.y)];
    return { same: p.same, score: a && b ? cosine(a, b) : -1 };
  });
  return labelledPairFigures(scored, [{ label: `celebrity FAR ${FUSION_FAR}`, threshold }]);
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

interface Measured {
  name: string;
  celebrities: Sample[];
  orl: Sample[];
  deepface: Sample[];
}

async function main(): Promise<void> {
  const perIdentity = argValue('--per-identity') === undefined ? undefined : Number(argValue('--per-identity'));
  const givenCrops = process.argv.includes('--given-crops');
  const onetAlignment = process.argv.includes('--onet-alignment') && !givenCrops;
  const env = benchEnv();
  const timer = new StageTimer();
  const cropper = await openPipelineCropper(env, repoRoot, { onetAlignment, timer });
  const celebrities = await celebrityCrops(givenCrops ? null : cropper, perIdentity, timer);
  const orl = await orlCrops(cropper);
  const deepface = await deepfaceCrops(cropper);
  await cropper.close();

  const base = [
    await configuredEmbedder(env, createLogger('bench', 'warn')),
    await mobileFaceNet(repoRoot, env.INFERENCE_THREADS),
    await dlibDescriptor(repoRoot, env.INFERENCE_THREADS),
  ];
  const measured: Measured[] = [];
  const measure = async (candidate: EmbeddingCandidate, pick: (c: Labelled) => RgbImage | null) => {
    const as = (set: Labelled[]) => set.map((c) => ({ identity: c.identity, crop: pick(c) }));
    measured.push({
      name: candidate.name,
      celebrities: await embedAll(candidate, as(celebrities), timer),
      orl: await embedAll(candidate, as(orl), timer),
      deepface: await embedAll(candidate, as(deepface), timer),
    });
  };
  for (const candidate of [...base, ...base.map(withFlip)]) await measure(candidate, (c) => c.crop);
  // faceres takes human's own crop, which only the detector makes (none with --given-crops).
  const faceres = await faceresDescriptor(repoRoot, env.INFERENCE_THREADS);
  await measure(faceres, (c) => c.context ?? null);
  await faceres.close();
  if (onetAlignment) {
    for (const candidate of base) await measure({ ...candidate, name: `${candidate.name} on O-Net alignment` }, (c) => c.refined ?? null);
  }
  await Promise.all(base.map((c) => c.close()));

  const costs = timer.summary();
  const candidates = measured.map((m) => {
    const celebrity = figuresOf(m.celebrities, true);
    return {
      name: m.name,
      msPerImage: costs[m.name]?.mean,
      celebrities: celebrity,
      orl: figuresOf(m.orl, false),
      deepface: deepfaceFigures(m.deepface, celebrity.threshold[FUSION_FAR]!),
    };
  });
  const found = (set: Labelled[]) => `${set.filter((c) => c.crop).length}/${set.length}`;
  const report = {
    benchmark: 'bench/accuracy/candidates.ts',
    measuredAt: new Date().toISOString(),
    datasets: {
      celebrities: `faces/celebrities, ${celebrities.length} images of ${new Set(celebrities.map((c) => c.identity)).size} identities${perIdentity ? `, first ${perIdentity} each` : ''}`,
      orl: `faces/orl (AT&T Laboratories Cambridge), ${orl.length} images of 40 subjects`,
      deepface: `faces/deepface master.csv, ${deepface.length} photos`,
    },
    crops: givenCrops ? 'celebrities: the set\'s own aligned crops; others: the service\'s pipeline' : 'scene or photo -> BlazeFace -> ArcFace alignment (the service\'s pipeline)',
    facesFound: { celebrities: found(celebrities), orl: found(orl), deepface: found(deepface) },
    candidates,
    fusion: measured
      .filter((m) => base.some((b) => b.name === m.name))
      .flatMap((a, i, bases) =>
        bases.slice(i + 1).map((b) => ({ first: a.name, second: b.name, halves: fusionCheck({ name: a.name, samples: a.celebrities }, { name: b.name, samples: b.celebrities }) })),
      ),
    sharedMsPerImage: Object.fromEntries(['decode', 'detect', 'align', 'context-crop', 'onet-align'].filter((s) => costs[s]).map((s) => [s, costs[s]!.mean])),
  };
  printReport(report);
  const dir = path.join(repoRoot, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `candidates-${report.measuredAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results: ${path.relative(repoRoot, file)}`);
}

type Report = {
  datasets: Record<string, string>;
  crops: string;
  facesFound: Record<string, string>;
  sharedMsPerImage: Record<string, number>;
  candidates: Array<{ name: string; msPerImage: number | undefined; celebrities: ReturnType<typeof figuresOf>; orl: ReturnType<typeof figuresOf>; deepface: ReturnType<typeof deepfaceFigures> }>;
  fusion: Array<{ first: string; second: string; halves: ReturnType<typeof fusionCheck> }>;
};

function printReport(report: Report): void {
  console.log(`${Object.values(report.datasets).join('; ')}\ncrops: ${report.crops}; faces found ${JSON.stringify(report.facesFound)}`);
  console.log(`shared ms per image: ${JSON.stringify(report.sharedMsPerImage)}`);
  const halves = report.candidates[0]!.celebrities.heldOut.map((h) => h.fittedOn);
  console.log(`identity halves: 0 = ${halves[0]}; 1 = ${halves[1]}`);
  const line = (f: ReturnType<typeof figuresOf>) =>
    `pairs ${f.genuinePairs}/${f.impostorPairs}  ${FARS.map((far) => `TAR@${far} ${pct(f.tar[far]!)}`).join('  ')}  EER ${pct(f.eer)}  rank-1 ${pct(f.rank1)}`;
  for (const c of report.candidates) {
    const held = c.celebrities.heldOut
      .map((h, k) => `fitted on ${k}, on ${1 - k}: FAR ${h.measuredFar.toExponential(1)} (${h.impostorsAbove}/${h.impostorPairs}) TAR ${pct(h.tar)}`)
      .join('; ');
    const d = c.deepface;
    console.log(
      `${c.name}  ${c.msPerImage?.toFixed(1)} ms/img\n  celebrities ${line(c.celebrities)}\n  FAR ${FUSION_FAR} held out: ${held}\n  orl ${line(c.orl)}\n` +
        `  deepface ${d.genuinePairs}/${d.impostorPairs} pairs at the celebrity FAR ${FUSION_FAR} threshold: TAR ${pct(d.atThresholds[0]!.tar)} FAR ${pct(d.atThresholds[0]!.far)}  EER ${pct(d.eer)}`,
    );
  }
  for (const f of report.fusion) {
    for (const h of f.halves) {
      console.log(
        `fusion ${f.first} x ${f.second}: weight ${h.weightOfFirst} chosen on half ${h.fittedOnHalf}; on the other half TAR@${FUSION_FAR} ${pct(h.fusedTarOnOtherHalf)} (better single ${pct(h.betterSingleTarOnOtherHalf)})`,
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
