import type { Table } from './flatbuffer';
import type { TfPadding } from '../spatial-padding';

/**
 * The BuiltinOptions tables the supported operators carry, by union tag and field index
 * (schema.fbs). A missing table means every field has its schema default.
 */
export const OPTIONS_TYPE = {
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  FullyConnectedOptions: 8,
  ConcatenationOptions: 10,
  AddOptions: 11,
  ReshapeOptions: 17,
  MulOptions: 21,
  ReducerOptions: 27,
  SubOptions: 28,
  DivOptions: 29,
  StridedSliceOptions: 32,
  CastOptions: 37,
  LeakyReluOptions: 75,
} as const;
export type OptionsName = keyof typeof OPTIONS_TYPE;

/** ActivationFunctionType, the activation an operator applies to its own result. */
export const ACTIVATION = ['NONE', 'RELU', 'RELU_N1_TO_1', 'RELU6', 'TANH', 'SIGN_BIT'] as const;
export type Activation = (typeof ACTIVATION)[number];

function activation(code: number): Activation {
  const name = ACTIVATION[code];
  if (!name) throw new Error(`unknown fused activation ${code}`);
  return name;
}

function padding(code: number): TfPadding {
  if (code === 0) return 'SAME';
  if (code === 1) return 'VALID';
  throw new Error(`unknown padding ${code}`);
}

export interface WindowOptions {
  padding: TfPadding;
  strides: [number, number];
  dilations: [number, number];
  activation: Activation;
}

export const conv2dOptions = (t: Table | undefined): WindowOptions => ({
  padding: padding(t?.i8(0, 0) ?? 0),
  strides: [t?.i32(2, 0) ?? 0, t?.i32(1, 0) ?? 0],
  activation: activation(t?.i8(3, 0) ?? 0),
  dilations: [t?.i32(5, 1) ?? 1, t?.i32(4, 1) ?? 1],
});

export const depthwiseConv2dOptions = (t: Table | undefined): WindowOptions & { depthMultiplier: number } => ({
  padding: padding(t?.i8(0, 0) ?? 0),
  strides: [t?.i32(2, 0) ?? 0, t?.i32(1, 0) ?? 0],
  depthMultiplier: t?.i32(3, 0) ?? 0,
  activation: activation(t?.i8(4, 0) ?? 0),
  dilations: [t?.i32(6, 1) ?? 1, t?.i32(5, 1) ?? 1],
});

export const pool2dOptions = (t: Table | undefined): Omit<WindowOptions, 'dilations'> & { filter: [number, number] } => ({
  padding: padding(t?.i8(0, 0) ?? 0),
  strides: [t?.i32(2, 0) ?? 0, t?.i32(1, 0) ?? 0],
  filter: [t?.i32(4, 0) ?? 0, t?.i32(3, 0) ?? 0],
  activation: activation(t?.i8(5, 0) ?? 0),
});

export const fullyConnectedOptions = (t: Table | undefined) => ({
  activation: activation(t?.i8(0, 0) ?? 0),
  /** 0 DEFAULT; 1 SHUFFLED4x16INT8 is an int8 kernel layout. */
  weightsFormat: t?.i8(1, 0) ?? 0,
  keepNumDims: t?.bool(2, false) ?? false,
});

/** AddOptions, SubOptions, MulOptions and DivOptions all have the activation as field 0. */
export const arithmeticOptions = (t: Table | undefined) => ({ activation: activation(t?.i8(0, 0) ?? 0) });

export const concatenationOptions = (t: Table | undefined) => ({ axis: t?.i32(0, 0) ?? 0, activation: activation(t?.i8(1, 0) ?? 0) });

export const reducerOptions = (t: Table | undefined) => ({ keepDims: t?.bool(0, false) ?? false });

export const stridedSliceOptions = (t: Table | undefined) => ({
  beginMask: t?.i32(0, 0) ?? 0,
  endMask: t?.i32(1, 0) ?? 0,
  ellipsisMask: t?.i32(2, 0) ?? 0,
  newAxisMask: t?.i32(3, 0) ?? 0,
  shrinkAxisMask: t?.i32(4, 0) ?? 0,
  offset: t?.bool(5, false) ?? false,
});

export const castOptions = (t: Table | undefined) => ({ inType: t?.i8(0, 0) ?? 0, outType: t?.i8(1, 0) ?? 0 });

export const leakyReluOptions = (t: Table | undefined) => ({ alpha: t?.f32(0, 0) ?? 0 });
