import { float16ToFloat32 } from './float16';
import { concat } from './protobuf-writer';
import type { TfjsWeightGroup, TfjsWeightSpec } from './tfjs-model-json';

export type Constant =
  | { dtype: 'float32'; shape: number[]; values: Float32Array }
  | { dtype: 'int32'; shape: number[]; values: Int32Array };

const STORED_BYTES = { float32: 4, int32: 4, uint8: 1, uint16: 2, float16: 2 } as const;

/**
 * Every weight of the manifest, dequantised to what TF.js itself computes with.
 * `readFile` gets each path as written in the manifest (relative to model.json).
 */
export function decodeWeights(manifest: readonly TfjsWeightGroup[], readFile: (path: string) => Uint8Array): Map<string, Constant> {
  const constants = new Map<string, Constant>();
  for (const group of manifest) {
    const buffer = concat(group.paths.map(readFile));
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((n, d) => n * d, 1);
      const bytes = count * storedBytes(spec);
      if (offset + bytes > buffer.byteLength) throw new Error(`weights: ${spec.name} runs past the end of ${group.paths.join('+')}`);
      constants.set(spec.name, decodeOne(spec, view, offset, count));
      offset += bytes;
    }
    if (offset !== buffer.byteLength) {
      throw new Error(`weights: ${group.paths.join('+')} holds ${buffer.byteLength} bytes, the manifest describes ${offset}`);
    }
  }
  return constants;
}

function storedBytes(spec: TfjsWeightSpec): number {
  const stored = spec.quantization?.dtype ?? spec.dtype;
  if (!(stored in STORED_BYTES)) throw new Error(`weights: ${spec.name} has unsupported dtype ${stored}`);
  return STORED_BYTES[stored as keyof typeof STORED_BYTES];
}

function decodeOne(spec: TfjsWeightSpec, view: DataView, offset: number, count: number): Constant {
  const { quantization: q } = spec;
  if (!q) {
    if (spec.dtype === 'float32') return { dtype: 'float32', shape: spec.shape, values: read(count, (k) => view.getFloat32(offset + 4 * k, true), Float32Array) };
    if (spec.dtype === 'int32') return { dtype: 'int32', shape: spec.shape, values: read(count, (k) => view.getInt32(offset + 4 * k, true), Int32Array) };
    throw new Error(`weights: ${spec.name} has unsupported dtype ${spec.dtype}`);
  }
  // TF.js dequantises int32 weights with rounding; none of the supported models has them, so refuse rather than guess.
  if (spec.dtype !== 'float32' || (q.original_dtype ?? 'float32') !== 'float32') {
    throw new Error(`weights: ${spec.name}: quantised ${q.original_dtype ?? spec.dtype} weights are not supported`);
  }
  if (q.dtype === 'float16') return { dtype: 'float32', shape: spec.shape, values: read(count, (k) => float16ToFloat32(view.getUint16(offset + 2 * k, true)), Float32Array) };
  if (q.scale === undefined || q.min === undefined) throw new Error(`weights: ${spec.name}: ${q.dtype} quantisation without scale and min`);
  const { scale, min } = q;
  const at = q.dtype === 'uint8' ? (k: number) => view.getUint8(offset + k) : (k: number) => view.getUint16(offset + 2 * k, true);
  return { dtype: 'float32', shape: spec.shape, values: read(count, (k) => at(k) * scale + min, Float32Array) };
}

function read<T extends Float32Array | Int32Array>(count: number, at: (k: number) => number, Type: { new (n: number): T }): T {
  const out = new Type(count);
  for (let k = 0; k < count; k++) out[k] = at(k);
  return out;
}
