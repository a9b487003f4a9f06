import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-node';
import { convertFaceApiWeights, type FaceApiModelKind } from '../src/faceapi';
import { faceApiSources, loadFaceApi, FACE_API } from './support/faceapi-reference';
import { rgbBatch, roughFaceCrop } from './support/faceapi-input';
import { useWasmBackend } from './support/tfjs-reference';

// face-api's node-wasm build asks for the umbrella package; give it the tfjs-core the wasm backend runs on.
jest.mock('@tensorflow/tfjs', () => jest.requireActual('@tensorflow/tfjs-core'), { virtual: true });

/**
 * Each rebuilt face-api network against face-api itself (its node-wasm build running its
 * own code on TF.js, wasm backend) on the same real photos. face-api dequantises the
 * weights with TF.js's decoder, the ONNX side with ours, so the weight decoding is
 * checked too. Outputs must agree to 1e-4 of their largest magnitude.
 */
const PHOTOS = Array.from({ length: 8 }, (_, k) => path.resolve(__dirname, '../../../../shared/data/faces/deepface', `img${k + 1}.jpg`));
const RELATIVE = 1e-4;
/** Different faces must move every output by more than this, or agreement would prove nothing. */
const MIN_CHANGE = 1e-3;

interface Case {
  kind: FaceApiModelKind;
  base: string;
  net: string;
  size: number;
}

const CASES: Case[] = [
  { kind: 'face_recognition', base: 'face_recognition_model', net: 'faceRecognitionNet', size: 150 },
  { kind: 'face_landmark_68', base: 'face_landmark_68_model', net: 'faceLandmark68Net', size: 112 },
  { kind: 'face_landmark_68_tiny', base: 'face_landmark_68_tiny_model', net: 'faceLandmark68TinyNet', size: 112 },
];

interface FaceApiNet {
  loadFromWeightMap(weights: tf.NamedTensorMap): void;
  computeFaceDescriptor(input: tf.Tensor3D[]): Promise<Float32Array[]>;
  forward(input: tf.Tensor3D[]): Promise<tf.Tensor2D>;
  dispose(): void;
}

/** face-api's own public API on the batch: descriptors, or landmarks as fractions of the input square. */
async function faceApiOutputs(c: Case, sources: ReturnType<typeof faceApiSources>, batch: Float32Array): Promise<Float32Array[]> {
  const nets = (loadFaceApi() as unknown as { nets: Record<string, FaceApiNet> }).nets;
  const net = nets[c.net]!;
  const data = Buffer.concat(sources.manifest.flatMap((g) => g.paths.map((p) => sources.files.get(p)!)));
  const weights = tf.io.decodeWeights(new Uint8Array(data).buffer, sources.manifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[]);
  net.loadFromWeightMap(weights);
  const pixels = c.size * c.size * 3;
  const images = PHOTOS.map((_, k) => tf.tensor3d(batch.slice(k * pixels, (k + 1) * pixels), [c.size, c.size, 3]));
  try {
    if (c.kind === 'face_recognition') return await net.computeFaceDescriptor(images);
    // On a square input face-api's post-processing (x size, minus padding, / size) is the identity.
    const landmarks = await net.forward(images);
    const flat = landmarks.dataSync() as Float32Array;
    landmarks.dispose();
    return PHOTOS.map((_, k) => flat.slice(k * 136, (k + 1) * 136));
  } finally {
    images.forEach((t) => t.dispose());
    net.dispose();
  }
}

jest.setTimeout(120_000);

beforeAll(async () => {
  await useWasmBackend();
  loadFaceApi();
});

describe.each(CASES.map((c) => [c.kind, c] as const))('face-api %s: ONNX rebuild agrees with face-api on TF.js', (_kind, c) => {
  it(`on ${PHOTOS.length} deepface photos`, async () => {
    const sources = faceApiSources(c.base);
    const { onnx, inputs, outputs } = convertFaceApiWeights(c.kind, sources.manifest, (p) => sources.files.get(p)!, { graphName: c.kind, docString: '' });
    expect(inputs).toEqual([{ name: 'input', shape: [-1, c.size, c.size, 3] }]);
    const batch = rgbBatch(await Promise.all(PHOTOS.map((p) => roughFaceCrop(p, c.size))));
    const expected = await faceApiOutputs(c, sources, batch);

    const session = await ort.InferenceSession.create(Buffer.from(onnx));
    let actual: Float32Array;
    try {
      const result = await session.run({ input: new ort.Tensor('float32', batch, [PHOTOS.length, c.size, c.size, 3]) });
      actual = result[outputs[0]!.name]!.data as Float32Array;
    } finally {
      await session.release();
    }
    const width = outputs[0]!.shape[1]!;
    expect(actual.length).toBe(PHOTOS.length * width);

    let maxDiff = 0;
    let maxMagnitude = 0;
    let minChange = Infinity;
    expected.forEach((want, k) => {
      expect(want.length).toBe(width);
      const got = actual.subarray(k * width, (k + 1) * width);
      for (let i = 0; i < width; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(got[i]! - want[i]!));
        maxMagnitude = Math.max(maxMagnitude, Math.abs(want[i]!));
      }
      if (k > 0) minChange = Math.min(minChange, Math.max(...want.map((v, i) => Math.abs(v - expected[k - 1]![i]!))));
    });
    expect(minChange).toBeGreaterThan(MIN_CHANGE);
    const limit = RELATIVE * maxMagnitude;
    expect(maxDiff).toBeLessThanOrEqual(limit);
    const sha = createHash('sha256').update(onnx).digest('hex');
    fs.writeSync(
      1,
      `parity ${FACE_API.package}@${FACE_API.version} ${c.kind} on ${PHOTOS.length} photos: max|diff| ${maxDiff.toExponential(2)}, ` +
        `relative to max|output| ${maxMagnitude.toFixed(3)}: ${(maxDiff / maxMagnitude).toExponential(2)} (limit ${RELATIVE.toExponential(0)}); ` +
        `smallest change between photos ${minChange.toExponential(2)}; onnx ${onnx.length} bytes sha256 ${sha}\n`,
    );
  });
});

describe('face-api conversion refuses a manifest of another network', () => {
  it('names a missing weight, and refuses weights the network does not use', () => {
    const tiny = faceApiSources('face_landmark_68_tiny_model');
    const read = (p: string) => tiny.files.get(p) ?? new Uint8Array(4);
    const options = { graphName: 'x', docString: '' };
    expect(() => convertFaceApiWeights('face_recognition', tiny.manifest, read, options)).toThrow(/'conv32_down\/conv\/filters' is missing/);
    expect(() => convertFaceApiWeights('face_landmark_68', tiny.manifest, read, options)).toThrow(/'dense0\/conv3\/depthwise_filter' is missing/);
    const padded = [...tiny.manifest, { paths: ['extra.bin'], weights: [{ name: 'extra', shape: [1], dtype: 'float32' as const }] }];
    expect(() => convertFaceApiWeights('face_landmark_68_tiny', padded, read, options)).toThrow(/does not use: extra/);
  });

  it('writes byte-identical files for the same weights', () => {
    const tiny = faceApiSources('face_landmark_68_tiny_model');
    const convert = () => convertFaceApiWeights('face_landmark_68_tiny', tiny.manifest, (p) => tiny.files.get(p)!, { graphName: 'g', docString: '' }).onnx;
    expect(Buffer.from(convert()).equals(Buffer.from(convert()))).toBe(true);
  });
});
