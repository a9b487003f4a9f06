import { OnnxGraphBuilder, type Value } from '../onnx-graph-builder';
import { intsAttribute } from '../onnx-proto';
import { FusedMatMul } from '../ops/dense';
import { DepthwiseConv2dNative, FusedConv2D } from '../ops/convolution';
import { Add, Relu, Mul } from '../ops/elementwise';
import type { OpContext, OpConverter } from '../ops/op-converter';
import { MaxPool } from '../ops/pooling';
import { Mean } from '../ops/reduction';
import { Reshape } from '../ops/reshape';
import { axisWindow, type TfPadding } from '../spatial-padding';
import type { TfjsAttr, TfjsNode } from '../tfjs-model-json';
import { NodeAttributes } from '../tfjs-node-attributes';
import type { Constant } from '../tfjs-weights';

/** A computed value, or the name of a weight (or of a constant the graph made itself). */
export type Operand = Value | string;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const FLOAT: TfjsAttr = { type: 'DT_FLOAT' };
const INT32: TfjsAttr = { type: 'DT_INT32' };
const nhwcPair = ([h, w]: readonly [number, number]): TfjsAttr => ({ list: { i: ['1', String(h), String(w), '1'] } });
const fused = (relu: boolean): Record<string, TfjsAttr> => ({
  fused_ops: { list: { s: relu ? [b64('BiasAdd'), b64('Relu')] : [b64('BiasAdd')] } },
  num_args: { i: '1' },
});

export interface ConvOptions {
  strides: number;
  padding: TfPadding;
  relu: boolean;
}

/**
 * face-api builds its networks in code from tf.* calls, so there is no graph to read. Each
 * call here stands for one of those tf.* calls: it is written as the TF node a TF.js graph
 * model would hold for it and handed to the same op converters convertTfjsGraph uses, so
 * layouts, padding and weight re-ordering follow one implementation. Only the two ops those
 * converters lack (a VALID average pool, zero padding) are emitted here directly.
 */
export class LayerGraph {
  readonly graph = new OnnxGraphBuilder();
  private readonly used = new Set<string>();
  private readonly own = new Map<string, Constant>();

  constructor(private readonly weights: ReadonlyMap<string, Constant>) {}

  /** input → (input − mean) / divisor per RGB channel, in the input's own NHWC layout, as face-api's normalize().div() does. */
  normalise(input: Value, mean: readonly number[], divisor: number): Value {
    const centred = `${input.name}/minus_mean`;
    const scaled = `${input.name}/normalised`;
    this.graph.add({ name: centred, opType: 'Sub', inputs: [input.name, this.graph.floatInitializer('normalise/mean_rgb', [mean.length], Float32Array.from(mean))], outputs: [centred] });
    this.graph.add({ name: scaled, opType: 'Div', inputs: [centred, this.graph.floatInitializer('normalise/divisor', [], Float32Array.of(divisor))], outputs: [scaled] });
    return { name: scaled, shape: input.shape, layout: input.layout };
  }

  /** tf.conv2d + tf.add(bias) (+ tf.relu). */
  conv(name: string, x: Operand, filter: string, bias: string, { strides, padding, relu }: ConvOptions): Value {
    return this.apply(FusedConv2D, '_FusedConv2D', name, [x, filter, bias], {
      T: FLOAT,
      padding: { s: b64(padding) },
      strides: nhwcPair([strides, strides]),
      ...fused(relu),
    });
  }

  /** The depthwise half of tf.separableConv2d (always SAME here, as face-api calls it). */
  depthwise(name: string, x: Operand, filter: string, strides: number): Value {
    return this.apply(DepthwiseConv2dNative, 'DepthwiseConv2dNative', name, [x, filter], {
      T: FLOAT,
      padding: { s: b64('SAME') },
      strides: nhwcPair([strides, strides]),
    });
  }

  add(name: string, a: Operand, b: Operand): Value {
    return this.apply(Add, 'AddV2', name, [a, b], { T: FLOAT });
  }

  mul(name: string, a: Operand, b: Operand): Value {
    return this.apply(Mul, 'Mul', name, [a, b], { T: FLOAT });
  }

  relu(name: string, x: Operand): Value {
    return this.apply(Relu, 'Relu', name, [x], { T: FLOAT });
  }

  maxPool(name: string, x: Operand, kernel: number, strides: number, padding: TfPadding): Value {
    return this.apply(MaxPool, 'MaxPool', name, [x], {
      T: FLOAT,
      padding: { s: b64(padding) },
      ksize: nhwcPair([kernel, kernel]),
      strides: nhwcPair([strides, strides]),
    });
  }

  /** x.mean([1, 2]): global average over height and width, [N, C]. */
  spatialMean(name: string, x: Operand): Value {
    return this.apply(Mean, 'Mean', name, [x, this.intConstant('constants/axes_hw', [1, 2])], { T: FLOAT, Tidx: INT32, keep_dims: { b: false } });
  }

  /** x.as2D(batch, -1) of a tensor whose spatial size is 1x1. */
  flatten(name: string, x: Value): Value {
    const features = x.shape.slice(1).reduce((n, d) => n * d, 1);
    return this.apply(Reshape, 'Reshape', name, [x, this.intConstant(`constants/shape_batch_${features}`, [-1, features])], { T: FLOAT, Tshape: INT32 });
  }

  /** tf.matMul(x, kernel) (+ bias); without a bias, zero is added, which changes no value. */
  dense(name: string, x: Operand, kernel: string, bias?: string): Value {
    const outputs = this.weight(kernel).shape[1]!;
    const biasName = bias ?? this.floatConstant(`constants/zeros_${outputs}`, [outputs], new Float32Array(outputs));
    return this.apply(FusedMatMul, '_FusedMatMul', name, [x, kernel, biasName], { T: FLOAT, ...fused(false) });
  }

  /**
   * tf.avgPool with VALID padding. ONNX AveragePool without pads averages exactly the cells
   * TF does; SAME would need count_include_pad care, and face-api never asks for it.
   */
  averagePool(name: string, x: Value, kernel: number, strides: number): Value {
    const input = this.graph.nchw(x);
    const [batch, height, width, channels] = input.shape as [number, number, number, number];
    const h = axisWindow(height, kernel, strides, 'VALID');
    const w = axisWindow(width, kernel, strides, 'VALID');
    this.graph.add({
      name,
      opType: 'AveragePool',
      inputs: [input.name],
      outputs: [name],
      attributes: [intsAttribute('kernel_shape', [kernel, kernel]), intsAttribute('strides', [strides, strides]), intsAttribute('pads', [0, 0, 0, 0])],
    });
    return { name, shape: [batch, h.output, w.output, channels], layout: 'nchw' };
  }

  /** Zeros appended after the last row, column and/or channel: what face-api's tf.concat with tf.zeros amounts to. */
  zeroPadAfter(name: string, x: Value, { rows = 0, columns = 0, channels = 0 }: { rows?: number; columns?: number; channels?: number }): Value {
    const input = this.graph.nchw(x);
    const [batch, height, width, depth] = input.shape as [number, number, number, number];
    const pads = this.graph.int64Initializer(`${name}/pads`, [0, 0, 0, 0, 0, channels, rows, columns]);
    this.graph.add({ name, opType: 'Pad', inputs: [input.name, pads], outputs: [name] });
    return { name, shape: [batch, height + rows, width + columns, depth + channels], layout: 'nchw' };
  }

  /** A weight of the manifest by name; counts it as used. */
  weight(name: string): Constant {
    const found = this.weights.get(name);
    if (!found) throw new Error(`face-api weights: '${name}' is missing from the manifest`);
    this.used.add(name);
    return found;
  }

  /** Every manifest weight the network never read: a sign the manifest is for another network. */
  unusedWeights(): string[] {
    return [...this.weights.keys()].filter((name) => !this.used.has(name));
  }

  private intConstant(name: string, values: readonly number[]): string {
    if (!this.own.has(name)) this.own.set(name, { dtype: 'int32', shape: [values.length], values: Int32Array.from(values) });
    return name;
  }

  private floatConstant(name: string, shape: number[], values: Float32Array): string {
    if (!this.own.has(name)) this.own.set(name, { dtype: 'float32', shape, values });
    return name;
  }

  private constant(name: string): Constant {
    return this.own.get(name) ?? this.weight(name);
  }

  private apply(converter: OpConverter, op: string, name: string, inputs: readonly Operand[], attr: Record<string, TfjsAttr>): Value {
    const inputName = (k: number) => {
      const operand = inputs[k]!;
      return typeof operand === 'string' ? operand : operand.name;
    };
    const node: TfjsNode = { name, op, input: inputs.map((_, k) => inputName(k)), attr };
    const attrs = new NodeAttributes(node, converter.attributes);
    if (inputs.length !== converter.inputs) attrs.fail(`${inputs.length} inputs, expected ${converter.inputs}`);
    const ctx: OpContext = {
      node,
      attrs,
      graph: this.graph,
      inputName,
      constant: (k) => {
        const operand = inputs[k]!;
        return typeof operand === 'string' ? this.constant(operand) : undefined;
      },
      value: (k) => {
        const operand = inputs[k]!;
        return typeof operand === 'string' ? attrs.fail(`input ${k} (${operand}) must be computed, not a constant`) : operand;
      },
    };
    return converter.convert(ctx);
  }
}
