import { arithmeticOptions, conv2dOptions, depthwiseConv2dOptions, leakyReluOptions, pool2dOptions, type Activation } from '../../src/tflite/builtin-options';
import { builtinOperatorName } from '../../src/tflite/builtin-operators';
import { decodeConstant } from '../../src/tflite/tflite-constants';
import type { TfliteModel, TfliteOperator } from '../../src/tflite/tflite-model';

/**
 * A plain NHWC interpreter for the first layers of a TFLite model, written from the
 * operators' definitions and independent of the ONNX converter (no layout changes, its
 * own TF padding arithmetic, OHWI filters read as stored). It is the reference a
 * converted model is checked against, since TFLite itself cannot run here.
 */
export interface NhwcTensor {
  shape: number[];
  data: Float32Array;
}

export interface ReferenceOptions {
  /**
   * Read every filter with its height and width axes swapped: the kind of layout slip a
   * converter can make, used to show the comparison would catch one.
   */
  swapFilterAxes?: boolean;
}


/** Runs the model's operators in order on `input` until the tensor named `target` is computed. */
export function runReference(model: TfliteModel, input: Float32Array, target: string, options: ReferenceOptions = {}): NhwcTensor {
  const g = model.subgraphs[0]!;
  const known = new Map<number, NhwcTensor>();
  const inputTensor = g.tensors[g.inputs[0]!]!;
  known.set(inputTensor.index, { shape: [...inputTensor.shape], data: input });
  const tensor = (index: number): NhwcTensor => {
    const have = known.get(index);
    if (have) return have;
    const t = g.tensors[index]!;
    const c = decodeConstant(t, model.buffers[t.buffer]!);
    if (c.dtype !== 'float32') throw new Error(`reference: ${t.name} is not float`);
    const value = { shape: c.shape, data: c.values };
    known.set(index, value);
    return value;
  };
  for (const op of g.operators) {
    const out = g.tensors[op.outputs[0]!]!;
    const result = evaluate(op, (k) => tensor(op.inputs[k]!), options);
    if (result.shape.join() !== out.shape.join()) throw new Error(`reference: ${out.name} came out [${result.shape}], the file says [${out.shape}]`);
    known.set(out.index, result);
    if (out.name === target) return result;
  }
  throw new Error(`reference: no operator computes '${target}'`);
}

function evaluate(op: TfliteOperator, input: (k: number) => NhwcTensor, options: ReferenceOptions): NhwcTensor {
  const name = builtinOperatorName(op.opcode);
  const map = (f: (v: number) => number) => {
    const x = input(0);
    return { shape: x.shape, data: x.data.map(f) };
  };
  switch (name) {
    case 'DEQUANTIZE':
      return input(0);
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      return convolution(op, name, input(0), input(1), op.inputs[2]! >= 0 ? input(2) : undefined, options);
    case 'MAX_POOL_2D':
      return maxPool(op, input(0));
    case 'RELU':
      return map((v) => Math.max(v, 0));
    case 'NEG':
      return map((v) => -v);
    case 'ABS':
      return map(Math.abs);
    case 'LEAKY_RELU': {
      const { alpha } = leakyReluOptions(op.options);
      return map((v) => (v < 0 ? alpha * v : v));
    }
    case 'ADD':
    case 'SUB':
    case 'MUL': {
      const f = { ADD: (a: number, b: number) => a + b, SUB: (a: number, b: number) => a - b, MUL: (a: number, b: number) => a * b }[name];
      return activate(elementwise(input(0), input(1), f), arithmeticOptions(op.options).activation);
    }
    default:
      throw new Error(`reference: ${name} is not implemented`);
  }
}

/** Two operands, one of which may repeat along the leading axes (a per-channel vector or a scalar). */
function elementwise(a: NhwcTensor, b: NhwcTensor, f: (x: number, y: number) => number): NhwcTensor {
  const [big, small, swap] = a.data.length >= b.data.length ? [a, b, false] : [b, a, true];
  const trailing = small.shape.filter((d, k) => !(d === 1 && small.shape.slice(0, k + 1).every((e) => e === 1)));
  if (big.data.length % small.data.length !== 0 || trailing.join() !== big.shape.slice(big.shape.length - trailing.length).join()) {
    throw new Error(`reference: cannot broadcast [${small.shape}] onto [${big.shape}]`);
  }
  const n = small.data.length;
  const data = big.data.map((v, i) => (swap ? f(small.data[i % n]!, v) : f(v, small.data[i % n]!)));
  return { shape: big.shape, data };
}

function activate(x: NhwcTensor, activation: Activation): NhwcTensor {
  if (activation === 'NONE') return x;
  if (activation === 'RELU') return { shape: x.shape, data: x.data.map((v) => Math.max(v, 0)) };
  throw new Error(`reference: fused ${activation} is not implemented`);
}

/** TF's window arithmetic: SAME keeps ceil(in / stride) outputs and puts the odd padding pixel after. */
function windowAxis(length: number, kernel: number, stride: number, same: boolean): { out: number; before: number } {
  if (!same) return { out: Math.floor((length - kernel) / stride) + 1, before: 0 };
  const out = Math.ceil(length / stride);
  return { out, before: Math.floor(Math.max((out - 1) * stride + kernel - length, 0) / 2) };
}

interface Window {
  rows: { out: number; before: number };
  cols: { out: number; before: number };
}

/**
 * Calls `visit` for every output position and every kernel cell inside the image, with
 * the NHWC offsets of the input pixel and of the output position.
 */
function slide(x: NhwcTensor, kernel: [number, number], strides: [number, number], same: boolean, outChannels: number, visit: (from: number, to: number, ky: number, kx: number) => void): Window {
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const rows = windowAxis(height, kernel[0], strides[0], same);
  const cols = windowAxis(width, kernel[1], strides[1], same);
  for (let b = 0; b < batch; b++)
    for (let oy = 0; oy < rows.out; oy++)
      for (let ox = 0; ox < cols.out; ox++) {
        const to = ((b * rows.out + oy) * cols.out + ox) * outChannels;
        for (let ky = 0; ky < kernel[0]; ky++) {
          const iy = oy * strides[0] - rows.before + ky;
          if (iy < 0 || iy >= height) continue;
          for (let kx = 0; kx < kernel[1]; kx++) {
            const ix = ox * strides[1] - cols.before + kx;
            if (ix >= 0 && ix < width) visit(((b * height + iy) * width + ix) * channels, to, ky, kx);
          }
        }
      }
  return { rows, cols };
}

function convolution(op: TfliteOperator, kind: string, x: NhwcTensor, w: NhwcTensor, bias: NhwcTensor | undefined, options: ReferenceOptions): NhwcTensor {
  const o = kind === 'CONV_2D' ? conv2dOptions(op.options) : depthwiseConv2dOptions(op.options);
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const [, kh, kw, last] = w.shape as [number, number, number, number];
  const outChannels = kind === 'CONV_2D' ? w.shape[0]! : last;
  const multiplier = outChannels / channels;
  const filter = (oc: number, ky: number, kx: number, ic: number) => {
    const [y, xx] = options.swapFilterAxes && kh === kw ? [kx, ky] : [ky, kx];
    return kind === 'CONV_2D' ? w.data[((oc * kh + y) * kw + xx) * last + ic]! : w.data[(y * kw + xx) * last + oc]!;
  };
  const same = o.padding === 'SAME';
  const out = new Float32Array(batch * windowAxis(height, kh, o.strides[0], same).out * windowAxis(width, kw, o.strides[1], same).out * outChannels);
  const window = slide(x, [kh, kw], o.strides, same, outChannels, (from, to, ky, kx) => {
    for (let oc = 0; oc < outChannels; oc++) {
      let sum = 0;
      if (kind === 'CONV_2D') for (let ic = 0; ic < channels; ic++) sum += x.data[from + ic]! * filter(oc, ky, kx, ic);
      else sum = x.data[from + Math.floor(oc / multiplier)]! * filter(oc, ky, kx, 0);
      out[to + oc]! += sum;
    }
  });
  if (bias) for (let k = 0; k < out.length; k++) out[k]! += bias.data[k % outChannels]!;
  return activate({ shape: [batch, window.rows.out, window.cols.out, outChannels], data: out }, o.activation);
}

function maxPool(op: TfliteOperator, x: NhwcTensor): NhwcTensor {
  const o = pool2dOptions(op.options);
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const same = o.padding === 'SAME';
  const out = new Float32Array(batch * windowAxis(height, o.filter[0], o.strides[0], same).out * windowAxis(width, o.filter[1], o.strides[1], same).out * channels).fill(-Infinity);
  const window = slide(x, o.filter, o.strides, same, channels, (from, to) => {
    for (let c = 0; c < channels; c++) out[to + c] = Math.max(out[to + c]!, x.data[from + c]!);
  });
  return activate({ shape: [batch, window.rows.out, window.cols.out, channels], data: out }, o.activation);
}
