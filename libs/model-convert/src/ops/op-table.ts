import { Conv2D, DepthwiseConv2dNative, FusedConv2D } from './convolution';
import { FusedMatMul } from './dense';
import { Add, AddV2, Identity, Maximum, Minimum, Mul, Relu, Sigmoid } from './elementwise';
import type { OpConverter } from './op-converter';
import { MaxPool } from './pooling';
import { Max, Mean } from './reduction';
import { Reshape } from './reshape';
import { Softmax } from './softmax';

/**
 * Exactly the ops the five human-models graphs use (antispoof, emotion, faceres, gear,
 * liveness); Const and Placeholder are handled by the converter itself.
 */
export const OP_CONVERTERS: Readonly<Record<string, OpConverter>> = {
  _FusedConv2D: FusedConv2D,
  Conv2D,
  DepthwiseConv2dNative,
  MaxPool,
  _FusedMatMul: FusedMatMul,
  Reshape,
  Softmax,
  Mean,
  Max,
  Identity,
  Relu,
  Sigmoid,
  Add,
  AddV2,
  Mul,
  Minimum,
  Maximum,
};
