import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { convertedEntries, convertedFile, sourceFiles } from './support/converted-models';
import { humanInput, type HumanModel } from './support/human-preprocess';
import { loadTfjsModel, runTfjs, useWasmBackend } from './support/tfjs-reference';

/**
 * Each converted model against TF.js itself (wasm backend) on the same real photos, fed
 * as human feeds them. Probabilities must agree to 1e-4 absolute; unbounded outputs (the
 * faceres descriptor) to 1e-4 of their largest magnitude.
 */
const PHOTOS = Array.from({ length: 8 }, (_, k) => path.resolve(__dirname, '../../../../shared/data/faces/deepface', `img${k + 1}.jpg`));
const ABSOLUTE = 1e-4;
const RELATIVE = 1e-4;
const isProbability = (values: Float32Array) => values.every((v) => v >= 0 && v <= 1);

jest.setTimeout(60_000);

beforeAll(useWasmBackend);

describe.each(convertedEntries('tfjs-graph').map((e) => [e.id, e] as const))('%s: ONNX conversion agrees with TF.js', (_id, entry) => {
  it(`on ${PHOTOS.length} deepface photos`, async () => {
    const modelJson = entry.convert.files[0]!;
    const name = path.posix.basename(modelJson, '.json') as HumanModel;
    const files = sourceFiles(entry);
    const reference = await loadTfjsModel(files, modelJson);
    const session = await ort.InferenceSession.create(convertedFile(entry));
    try {
      const shape = (reference.inputs[0]!.shape as number[]).map((d) => (d === -1 ? PHOTOS.length : d));
      const inputs = await Promise.all(PHOTOS.map((p) => humanInput(name, p)));
      const batch = new Float32Array(inputs.reduce((n, x) => n + x.length, 0));
      inputs.forEach((x, k) => batch.set(x, k * x.length));
      expect(batch.length).toBe(shape.reduce((n, d) => n * d, 1));

      const signature = JSON.parse(files.get(modelJson)!.toString('utf8')).signature?.outputs as Record<string, { name: string }> | undefined;
      const tensorNames = session.outputNames.map((o) => (signature?.[o]?.name ?? o).replace(/:0$/, ''));
      const expected = runTfjs(reference, batch, shape, tensorNames);
      const actual = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', batch, shape) });

      const figures = session.outputNames.map((output, k) => {
        const want = expected[k]!;
        const got = actual[output]!.data as Float32Array;
        expect(got.length).toBe(want.length);
        let maxDiff = 0;
        let maxMagnitude = 0;
        for (let i = 0; i < want.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(got[i]! - want[i]!));
          maxMagnitude = Math.max(maxMagnitude, Math.abs(want[i]!));
        }
        // Real photos must move the outputs, or agreement would prove nothing.
        const perImage = want.length / PHOTOS.length;
        expect(want.slice(0, perImage).some((v, i) => Math.abs(v - want[perImage + i]!) > 1e-6)).toBe(true);
        const limit = isProbability(want) ? ABSOLUTE : RELATIVE * maxMagnitude;
        expect(maxDiff).toBeLessThanOrEqual(limit);
        return `${output} max|diff| ${maxDiff.toExponential(2)} (limit ${limit.toExponential(2)})`;
      });
      fs.writeSync(1, `parity ${entry.id} on ${PHOTOS.length} photos: ${figures.join('; ')}\n`);
    } finally {
      await session.release();
      reference.dispose();
    }
  });
});
