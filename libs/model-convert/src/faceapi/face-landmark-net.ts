import type { Value } from '../onnx-graph-builder';
import type { LayerGraph } from './layer-graph';

/**
 * face-api's 68-point landmark nets: densely connected blocks of depthwise-separable
 * convolutions (each block halves the size), a VALID average pool down to 1x1, and a
 * fully connected layer to 136 values. The full net has four blocks of four convolutions,
 * the tiny one three blocks of three.
 */
export const FACE_LANDMARK_INPUT = 112;

export interface LandmarkNetShape {
  /** Convolutions per block (4: denseBlock4, 3: denseBlock3). */
  convsPerBlock: 3 | 4;
  blocks: number;
  /** The final average pool's window (its stride is 2 in both nets). */
  poolKernel: number;
}

export const LANDMARK_68: LandmarkNetShape = { convsPerBlock: 4, blocks: 4, poolKernel: 7 };
export const LANDMARK_68_TINY: LandmarkNetShape = { convsPerBlock: 3, blocks: 3, poolKernel: 14 };

/** tf.separableConv2d (depthwise SAME, then a 1x1 pointwise) + bias. */
function separable(g: LayerGraph, prefix: string, x: Value, strides: number, relu: boolean): Value {
  const depthwise = g.depthwise(`${prefix}/depthwise`, x, `${prefix}/depthwise_filter`, strides);
  return g.conv(`${prefix}/pointwise`, depthwise, `${prefix}/pointwise_filter`, `${prefix}/bias`, { strides: 1, padding: 'VALID', relu });
}

/**
 * Convolution k (k ≥ 1) reads relu(out_1 + … + out_k) and the block returns
 * relu(out_1 + … + out_n). face-api adds right to left, out1 + (out2 + (out3 + out4)),
 * and float addition is not associative, so the same order is kept.
 */
function denseBlock(g: LayerGraph, prefix: string, x: Value, convs: number, first: boolean): Value {
  const out1 = first
    ? g.conv(`${prefix}/conv0`, x, `${prefix}/conv0/filters`, `${prefix}/conv0/bias`, { strides: 2, padding: 'SAME', relu: true })
    : separable(g, `${prefix}/conv0`, x, 2, true);
  const outs = [out1];
  for (let k = 1; k < convs; k++) {
    const input = k === 1 ? out1 : g.relu(`${prefix}/in${k}`, sumRightToLeft(g, `${prefix}/in${k}`, outs));
    outs.push(separable(g, `${prefix}/conv${k}`, input, 1, false));
  }
  return g.relu(`${prefix}/out`, sumRightToLeft(g, `${prefix}/out`, outs));
}

function sumRightToLeft(g: LayerGraph, prefix: string, values: readonly Value[]): Value {
  let sum = values[values.length - 1]!;
  for (let k = values.length - 2; k >= 0; k--) sum = g.add(`${prefix}/sum${k}`, values[k]!, sum);
  return sum;
}

/** From the normalised [N,112,112,3] input to the [N,136] raw landmark output. */
export function faceLandmarkNet(g: LayerGraph, normalised: Value, shape: LandmarkNetShape): Value {
  let out = normalised;
  for (let b = 0; b < shape.blocks; b++) out = denseBlock(g, `dense${b}`, out, shape.convsPerBlock, b === 0);
  const pooled = g.averagePool('pool', out, shape.poolKernel, 2);
  return g.dense('fc/output', g.flatten('features', pooled), 'fc/weights', 'fc/bias');
}
