import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { loadEnvAt } from '@bio/config';
import { decodeImage } from '@bio/imaging';
import { createLogger } from '@bio/observability';
import { listCelebrities } from '../../../bench/accuracy/celebrity-set';
import { createEmbedderWorker, FaceEmbedder } from '../src';
import { OPERATOR_MODEL_ENV, writeOperatorFaceModel } from './support/operator-face-model';

jest.setTimeout(90_000);

const repoRoot = path.resolve(__dirname, '../../..');
const logger = createLogger('external-face-model-test', 'silent');
const dir = mkdtempSync(path.join(tmpdir(), 'face-model-'));
const SIZE = 112;

const operatorEnv = (overrides: Record<string, string>) => loadEnvAt(repoRoot, { ...OPERATOR_MODEL_ENV, ...overrides });

async function celebrityCrops(): Promise<Uint8Array[]> {
  const files = listCelebrities(path.resolve(repoRoot, '../shared/data/faces/celebrities'), 2).slice(0, 4);
  return Promise.all(files.map(async ({ file }) => (await decodeImage(readFileSync(file), { maxPixels: 1e6 })).data));
}

async function directEmbeddings(crops: Uint8Array[]): Promise<Float32Array[]> {
  const session = await ort.InferenceSession.create(path.join(repoRoot, 'models/files/expo_mobilefacenet.onnx'));
  try {
    const out: Float32Array[] = [];
    for (const crop of crops) {
      const x = Float32Array.from(crop, (v) => (v - 127.5) / 128);
      const raw = (await session.run({ input: new ort.Tensor('float32', x, [1, SIZE, SIZE, 3]) })).embeddings!.data as Float32Array;
      const norm = Math.hypot(...raw);
      out.push(raw.map((v) => v / norm));
    }
    return out;
  } finally {
    await session.release();
  }
}

describe('an operator-supplied face embedder (ArcFace contract) through FACE_EMBED_MODEL_PATH', () => {
  const { file, modelId } = writeOperatorFaceModel(dir);

  it('opens with the normalisation the operator states, records it in the model id, and embeds real faces as the model computes them', async () => {
    const embedder = await FaceEmbedder.open(operatorEnv({ FACE_EMBED_MODEL_PATH: file }), logger);
    try {
      expect(embedder.modelId).toMatch(/^custom-sha256:[0-9a-f]{16}\/rgb-127\.5-128\/arcface112-blazeface-v1$/);
      expect(embedder.modelId).toBe(modelId);
      expect(embedder.dimension).toBe(192);
      const crops = await celebrityCrops();
      const embedded = await embedder.embed(crops);
      const expected = await directEmbeddings(crops);
      embedded.forEach((e, k) => {
        let dot = 0;
        for (let i = 0; i < e.length; i++) dot += e[i]! * expected[k]![i]!;
        expect(dot).toBeGreaterThan(0.99999);
      });
      // Real faces must move the embedding, or the agreement above would prove nothing.
      expect(Math.abs(embedded[0]![0]! - embedded[2]![0]!)).toBeGreaterThan(1e-3);
    } finally {
      await embedder.close();
    }
  });

  it('refuses a model that does not take [N,3,112,112]', async () => {
    const nhwc = path.join(repoRoot, 'models/files/expo_mobilefacenet.onnx');
    await expect(FaceEmbedder.open(operatorEnv({ FACE_EMBED_MODEL_PATH: nhwc }), logger)).rejects.toThrow(/Embedder must take one \[N,3,112,112\] input/);
  });

  it('will not start as a worker without a calibration for the model, naming the model and how to measure one', async () => {
    const env = { ...operatorEnv({ FACE_EMBED_MODEL_PATH: file }), REDIS_URL: 'redis://127.0.0.1:6379/12' };
    await expect(createEmbedderWorker(env, logger)).rejects.toThrow(/No face calibration for model custom-sha256:[0-9a-f]{16}\/rgb-127\.5-128\/arcface112-blazeface-v1 .*bench\/accuracy\/face-verification\.ts/);
  });
});
