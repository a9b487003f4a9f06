import { NHWC_TO_NCHW, type Layout } from '../../onnx-graph-builder';
import { ELEM_FLOAT, intAttribute } from '../../onnx-proto';
import { broadcastShapes } from '../../ops/broadcast';
import { arithmeticOptions, castOptions, leakyReluOptions, type Activation } from '../builtin-options';
import { emit, type TfliteOpContext, type TfliteOpConverter } from '../op-context';
import { permuteAxes } from '../tflite-constants';
import { BOOL, FLOAT32 } from '../tflite-model';

function unary(onnxOp: string): TfliteOpConverter {
  return {
    inputs: [1, 1],
    convert: (ctx) => {
      const x = ctx.value(0);
      return emit(ctx, onnxOp, [x.name], [], x.shape, x.layout);
    },
  };
}

/** LeakyRelu's alpha is a float attribute, which this ONNX writer has no use for elsewhere: PRelu with a scalar slope is the same function. */
export const LEAKY_RELU: TfliteOpConverter = {
  inputs: [1, 1],
  convert: (ctx) => {
    const { alpha } = leakyReluOptions(ctx.options('LeakyReluOptions'));
    const x = ctx.value(0);
    const slope = ctx.graph.floatInitializer(`${ctx.outputName}/alpha`, [1], Float32Array.of(alpha));
    return emit(ctx, 'PRelu', [x.name, slope], [], x.shape, x.layout);
  },
};

/**
 * The operands of a broadcasting binary operator. It works on NCHW-held tensors when a
 * computed operand is held so and all are 4-D; a constant operand then gets the same axis
 * order (left-padded to rank 4, as broadcasting would), so no transposes are added.
 */
function operands(ctx: TfliteOpContext): { names: string[]; shapes: number[][]; layout: Layout } {
  const computed = [0, 1].filter((k) => !ctx.constant(k));
  if (computed.length === 0) ctx.fail('both operands are constants');
  const values = computed.map((k) => ctx.value(k));
  const layout: Layout = values.some((v) => v.layout === 'nchw') && values.every((v) => v.shape.length === 4) ? 'nchw' : 'tf';
  const names: string[] = [];
  const shapes: number[][] = [];
  for (const k of [0, 1]) {
    const c = ctx.constant(k);
    if (!c) {
      const v = layout === 'nchw' ? ctx.graph.nchw(ctx.value(k)) : ctx.graph.tf(ctx.value(k));
      names.push(v.name);
      shapes.push(v.shape);
      continue;
    }
    if (c.dtype !== 'float32') ctx.fail(`operand ${k} ('${ctx.inputTensor(k).name}') must be float`);
    shapes.push(c.shape);
    if (layout === 'tf' || c.shape.length === 0) {
      names.push(ctx.graph.floatInitializer(ctx.inputName(k), c.shape, c.values));
      continue;
    }
    if (c.shape.length > 4) ctx.fail(`constant [${c.shape.join(',')}] next to a 4-D tensor`);
    const nhwc = [...new Array<number>(4 - c.shape.length).fill(1), ...c.shape];
    const nchw = permuteAxes(c.values, nhwc, NHWC_TO_NCHW);
    names.push(ctx.graph.floatInitializer(`${ctx.inputName(k)}/nchw`, nchw.shape, nchw.values));
  }
  return { names, shapes, layout };
}

function broadcastOrFail(ctx: TfliteOpContext, a: number[], b: number[]): number[] {
  try {
    return broadcastShapes(a, b);
  } catch (error) {
    return ctx.fail((error as Error).message);
  }
}

/** Arithmetic carries options whose first field is the fused activation; a comparison (BOOL result) has none. */
function binary(onnxOp: string, optionsName?: 'AddOptions' | 'SubOptions' | 'MulOptions' | 'DivOptions'): TfliteOpConverter {
  return {
    inputs: [2, 2],
    output: optionsName ? 'float' : 'bool',
    convert: (ctx) => {
      const activation: Activation = optionsName ? arithmeticOptions(ctx.options(optionsName)).activation : 'NONE';
      const { names, shapes, layout } = operands(ctx);
      const shape = broadcastOrFail(ctx, shapes[0]!, shapes[1]!);
      return emit(ctx, onnxOp, names, [], shape, layout, activation);
    },
  };
}

/** CAST as the supported models use it: a comparison's BOOL (or a float) to FLOAT32. */
export const CAST: TfliteOpConverter = {
  inputs: [1, 1],
  boolInputs: true,
  convert: (ctx) => {
    const { outType } = castOptions(ctx.options('CastOptions'));
    const from = ctx.inputTensor(0).type;
    if (outType !== FLOAT32 || (from !== BOOL && from !== FLOAT32)) ctx.fail(`cast from type ${from} to ${outType} is not supported (only BOOL or FLOAT32 to FLOAT32)`);
    const x = ctx.value(0);
    return emit(ctx, 'Cast', [x.name], [intAttribute('to', ELEM_FLOAT)], x.shape, x.layout);
  },
};

export const RELU = unary('Relu');
export const NEG = unary('Neg');
export const ABS = unary('Abs');
export const EXP = unary('Exp');
export const ADD = binary('Add', 'AddOptions');
export const SUB = binary('Sub', 'SubOptions');
export const MUL = binary('Mul', 'MulOptions');
export const DIV = binary('Div', 'DivOptions');
export const GREATER_EQUAL = binary('GreaterOrEqual');
export const LESS = binary('Less');
