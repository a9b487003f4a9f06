import type { Layout, OnnxGraphBuilder, Value } from '../onnx-graph-builder';
import type { Attribute } from '../onnx-proto';
import type { Constant } from '../tfjs-weights';
import { ACTIVATION, OPTIONS_TYPE, type Activation, type OptionsName } from './builtin-options';
import type { Table } from './flatbuffer';
import type { TfliteOperator, TfliteTensor } from './tflite-model';

/** What one TFLite operator converter sees of the operator it converts. */
export interface TfliteOpContext {
  readonly op: TfliteOperator;
  readonly graph: OnnxGraphBuilder;
  /** The ONNX name of the operator's (single) output. */
  readonly outputName: string;
  /** The output's shape as the ONNX graph has it: the file's shape, with -1 for a freed batch dimension. */
  readonly outputShape: readonly number[];
  /** Whether optional input k is present (TFLite marks an omitted one with -1). */
  hasInput(k: number): boolean;
  inputTensor(k: number): TfliteTensor;
  /** The ONNX name standing for input k (unique even where the file repeats a tensor name). */
  inputName(k: number): string;
  /** Input k as a computed value; refuses a constant. */
  value(k: number): Value;
  /** Input k when it is a constant (stored in a buffer, or folded from a DEQUANTIZE), else undefined. */
  constant(k: number): Constant | undefined;
  /** The operator's options table after checking its union tag is `name`'s. */
  options(name: OptionsName): Table | undefined;
  fail(reason: string): never;
}

export interface TfliteOpConverter {
  /** How many inputs the operator takes: [fewest, most]; optional trailing ones may be -1. */
  readonly inputs: readonly [number, number];
  /** Computed inputs may be BOOL (the result of a comparison) rather than FLOAT32. */
  readonly boolInputs?: boolean;
  /** The type of the output tensor in the file. */
  readonly output?: 'float' | 'bool';
  convert(ctx: TfliteOpContext): Value;
}

export function floatConstant(ctx: TfliteOpContext, k: number): Constant & { dtype: 'float32' } {
  const c = ctx.constant(k);
  if (!c || c.dtype !== 'float32') ctx.fail(`input ${k} ('${ctx.inputTensor(k).name}') must be a float constant`);
  return c;
}

export function intConstant(ctx: TfliteOpContext, k: number): number[] {
  const c = ctx.constant(k);
  if (!c || c.dtype !== 'int32') ctx.fail(`input ${k} ('${ctx.inputTensor(k).name}') must be an int32 constant`);
  return Array.from(c.values);
}

export function checkShape(ctx: TfliteOpContext, shape: readonly number[]): void {
  if (shape.length !== ctx.outputShape.length || shape.some((d, k) => d !== ctx.outputShape[k])) {
    ctx.fail(`computes shape [${shape.join(',')}], the file says [${ctx.outputShape.join(',')}]`);
  }
}

/** Clip bounds of the clamping activations; the others map to one ONNX op or are refused. */
const CLAMPS: Partial<Record<Activation, [number, number]>> = { RELU6: [0, 6], RELU_N1_TO_1: [-1, 1] };

/**
 * Adds `opType` producing the operator's output, followed by its fused activation, after
 * checking the shape it computes against the file's. Returns the output's value.
 */
export function emit(
  ctx: TfliteOpContext,
  opType: string,
  inputs: readonly string[],
  attributes: readonly Attribute[],
  shape: readonly number[],
  layout: Layout,
  activation: Activation = 'NONE',
): Value {
  checkShape(ctx, shape);
  const name = ctx.outputName;
  const linear = activation === 'NONE' ? name : `${name}/linear`;
  ctx.graph.add({ name: linear, opType, inputs, outputs: [linear], attributes });
  const clamp = CLAMPS[activation];
  if (clamp) {
    const bounds = clamp.map((b) => ctx.graph.floatInitializer(`tflite/clip_bound_${b}`, [], Float32Array.of(b)));
    ctx.graph.add({ name, opType: 'Clip', inputs: [linear, ...bounds], outputs: [name] });
  } else if (activation === 'RELU' || activation === 'TANH') {
    ctx.graph.add({ name, opType: activation === 'RELU' ? 'Relu' : 'Tanh', inputs: [linear], outputs: [name] });
  } else if (activation !== 'NONE') {
    ctx.fail(`fused activation ${activation} is not supported (supported: ${ACTIVATION.filter((a) => a !== 'SIGN_BIT').join(', ')})`);
  }
  return { name, shape: [...shape], layout };
}

/** Reads the options table, refusing one of another kind (a file written against another schema). */
export function readOptions(op: TfliteOperator, name: OptionsName, fail: (reason: string) => never): Table | undefined {
  if (op.optionsType !== 0 && op.optionsType !== OPTIONS_TYPE[name]) fail(`carries options of union tag ${op.optionsType}, expected ${name} (${OPTIONS_TYPE[name]})`);
  return op.optionsType === 0 ? undefined : op.options;
}
