import * as ort from 'onnxruntime-node';
import { buildTflite, floats, ints, type ModelSpec } from '../../test/support/tflite-builder';
import { runReference } from '../../test/support/tflite-reference';
import { builtinOperatorCode as code } from './builtin-operators';
import { convertTflite } from './convert-tflite';
import { readTfliteModel } from './tflite-model';

const FLOAT16 = 1;
const INT8 = 9;
// Exact half-precision bit patterns of the filter values used below.
const HALF: Record<number, number> = { [-0.5]: 0xb800, [-0.25]: 0xb400, 0: 0, 0.25: 0x3400, 0.5: 0x3800 };
const halves = (values: number[]) => new Uint8Array(Uint16Array.from(values, (v) => HALF[v]!).buffer);
const filter = Array.from({ length: 3 * 3 * 3 * 2 }, (_, k) => ((k * 7) % 5) * 0.25 - 0.5);

/** x [1,5,5,2] -> CONV_2D 3x3 stride 2 SAME with fused RELU, float16 filter through DEQUANTIZE -> [1,3,3,3]. */
function convModel(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return {
    tensors: [
      { name: 'x', shape: [1, 5, 5, 2] },
      { name: 'w16', shape: [3, 3, 3, 2], type: FLOAT16, data: halves(filter) },
      { name: 'w', shape: [3, 3, 3, 2] },
      { name: 'b', shape: [3], data: floats([0.1, -0.2, 0.3]) },
      { name: 'y', shape: [1, 3, 3, 3] },
    ],
    inputs: [0],
    outputs: [4],
    operators: [
      { code: code('DEQUANTIZE'), inputs: [1], outputs: [2] },
      { code: code('CONV_2D'), inputs: [0, 2, 3], outputs: [4], optionsType: 1, options: [{ i8: 0 }, { i32: 2 }, { i32: 2 }, { i8: 1 }] },
    ],
    ...overrides,
  };
}
const convert = (spec: ModelSpec, freeBatch = false) => convertTflite(buildTflite(spec), { graphName: 'g', docString: '', freeBatch });

describe('convertTflite', () => {
  it('keeps the NHWC I/O contract and computes what the TFLite operators define (float16 weights folded)', async () => {
    const bytes = buildTflite(convModel());
    const out = convertTflite(bytes, { graphName: 'g', docString: '' });
    expect(out.inputs).toEqual([{ name: 'x', shape: [1, 5, 5, 2] }]);
    expect(out.outputs).toEqual([{ name: 'y', shape: [1, 3, 3, 3] }]);
    const x = Float32Array.from({ length: 50 }, (_, k) => Math.sin(k));
    const expected = runReference(readTfliteModel(bytes), x, 'y');
    const session = await ort.InferenceSession.create(out.onnx);
    const actual = (await session.run({ x: new ort.Tensor('float32', x, [1, 5, 5, 2]) })).y!.data as Float32Array;
    await session.release();
    expect(expected.data.some((v) => v > 0.1)).toBe(true);
    expect(Math.max(...Array.from(actual, (v, k) => Math.abs(v - expected.data[k]!)))).toBeLessThan(1e-6);
  });

  it('is deterministic', () => {
    expect(Buffer.from(convert(convModel()).onnx).equals(Buffer.from(convert(convModel()).onnx))).toBe(true);
  });

  it('frees the batch dimension on request', () => {
    expect(convert(convModel(), true).outputs).toEqual([{ name: 'y', shape: [-1, 3, 3, 3] }]);
  });

  it('refuses an unsupported operator by its TFLite name', () => {
    const spec = convModel({ outputs: [2], operators: [{ code: code('TANH'), inputs: [0], outputs: [2] }] });
    expect(() => convert(spec)).toThrow("tflite: TANH (operator 0, output 'w'): operator TANH is not supported");
  });

  it('refuses a custom operator by its custom code', () => {
    const spec = convModel({ outputs: [2], operators: [{ code: code('CUSTOM'), custom: 'Convolution2DTransposeBias', inputs: [0], outputs: [2] }] });
    expect(() => convert(spec)).toThrow(/CUSTOM 'Convolution2DTransposeBias'.*not supported/);
  });

  it('refuses int8-quantised weights', () => {
    const spec = convModel();
    spec.tensors[3] = { name: 'b', shape: [3], type: INT8, data: new Uint8Array(3), scale: [0.02] };
    expect(() => convert(spec)).toThrow(/'b' is INT8-quantised \(scale 0\.02/);
  });

  it('refuses a DEQUANTIZE of a computed tensor (quantised activations)', () => {
    const spec = convModel({ outputs: [2], operators: [{ code: code('DEQUANTIZE'), inputs: [0], outputs: [2] }] });
    expect(() => convert(spec)).toThrow(/dequantizes a computed tensor/);
  });

  it('refuses an options table of another operator', () => {
    const spec = convModel();
    spec.operators[1]!.optionsType = 5;
    expect(() => convert(spec)).toThrow(/union tag 5, expected Conv2DOptions/);
  });

  it('refuses to free the batch where a reshape folds it into another axis', () => {
    const spec: ModelSpec = {
      tensors: [
        { name: 'x', shape: [2, 3] },
        { name: 'shape', shape: [1], type: 2, data: ints([6]) },
        { name: 'y', shape: [6] },
      ],
      inputs: [0],
      outputs: [2],
      operators: [{ code: code('RESHAPE'), inputs: [0, 1], outputs: [2] }],
    };
    expect(convert(spec).outputs).toEqual([{ name: 'y', shape: [6] }]);
    expect(() => convert(spec, true)).toThrow(/'y' \[6\] does not keep the batch of 2 first/);
  });
});
