import { float16ToFloat32 } from '../float16';
import type { Constant } from '../tfjs-weights';
import { FLOAT16, FLOAT32, INT32, TENSOR_TYPE, type TfliteTensor } from './tflite-model';

/**
 * A constant tensor's buffer as numbers. float16 becomes float32 exactly (every half is a
 * float32), which is what DEQUANTIZE of a float16 weight computes. Integer-quantised data
 * (int8/uint8 with a scale) is refused: that is a quantised model, whose arithmetic
 * differs from float and which the supported models do not use.
 */
export function decodeConstant(tensor: TfliteTensor, data: Uint8Array): Constant {
  const count = tensor.shape.reduce((n, d) => n * d, 1);
  const typeName = TENSOR_TYPE[tensor.type] ?? `type ${tensor.type}`;
  if (tensor.quantization && tensor.quantization.scale.length > 0) {
    throw new Error(`tensor '${tensor.name}' is ${typeName}-quantised (scale ${Number(tensor.quantization.scale[0]!.toPrecision(6))}): quantised models are not supported, only float32 and float16 weights`);
  }
  const width = tensor.type === FLOAT16 ? 2 : 4;
  if (tensor.type !== FLOAT32 && tensor.type !== FLOAT16 && tensor.type !== INT32) throw new Error(`tensor '${tensor.name}': ${typeName} constants are not supported`);
  if (data.length !== count * width) throw new Error(`tensor '${tensor.name}': buffer of ${data.length} bytes for ${count} ${typeName} values`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const shape = [...tensor.shape];
  if (tensor.type === INT32) return { dtype: 'int32', shape, values: Int32Array.from({ length: count }, (_, k) => view.getInt32(4 * k, true)) };
  const values = new Float32Array(count);
  for (let k = 0; k < count; k++) values[k] = tensor.type === FLOAT16 ? float16ToFloat32(view.getUint16(2 * k, true)) : view.getFloat32(4 * k, true);
  return { dtype: 'float32', shape, values };
}

/** The row-major tensor `values` of `shape` with its axes reordered: output axis k is input axis perm[k]. */
export function permuteAxes(values: Float32Array, shape: readonly number[], perm: readonly number[]): { shape: number[]; values: Float32Array } {
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = shape.map((_, k) => shape.slice(k + 1).reduce((n, d) => n * d, 1));
  const out = new Float32Array(values.length);
  const index = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let source = 0;
    for (let k = 0; k < perm.length; k++) source += index[k]! * inStrides[perm[k]!]!;
    out[o] = values[source]!;
    for (let k = perm.length - 1; k >= 0; k--) {
      if (++index[k]! < outShape[k]!) break;
      index[k] = 0;
    }
  }
  return { shape: outShape, values: out };
}
