import type { Value } from '../onnx-graph-builder';
import type { LayerGraph } from './layer-graph';

/**
 * face-api's FaceRecognitionNet (a port of dlib's ResNet-34-like face descriptor, 29 conv
 * layers): 150x150 → 128 values. Every conv is followed by a per-channel affine "scale"
 * (dlib's affine layer, i.e. batch norm folded at training time) before the activation.
 */
export const FACE_RECOGNITION_INPUT = 150;

function convLayer(g: LayerGraph, prefix: string, x: Value, strides: number, relu: boolean): Value {
  // The strided convolutions are VALID in face-api, the others SAME.
  const padding = strides === 1 ? 'SAME' : 'VALID';
  const conv = g.conv(`${prefix}/conv`, x, `${prefix}/conv/filters`, `${prefix}/conv/bias`, { strides, padding, relu: false });
  const scaled = g.add(`${prefix}/scale/add`, g.mul(`${prefix}/scale/mul`, conv, `${prefix}/scale/weights`), `${prefix}/scale/biases`);
  return relu ? g.relu(`${prefix}/relu`, scaled) : scaled;
}

function residual(g: LayerGraph, prefix: string, x: Value): Value {
  const first = convLayer(g, `${prefix}/conv1`, x, 1, true);
  const second = convLayer(g, `${prefix}/conv2`, first, 1, false);
  return g.relu(`${prefix}/out`, g.add(`${prefix}/sum`, second, x));
}

/**
 * The downsampling block: the shortcut is a 2x2 average pool, zero-extended to the block's
 * channel count. When the strided VALID convolution comes out one pixel smaller than the
 * pool (odd sizes: 8 → 3 vs 4, 4 → 1 vs 2), face-api appends a zero row and column to the
 * convolution branch, and so does this.
 */
function residualDown(g: LayerGraph, prefix: string, x: Value): Value {
  const first = convLayer(g, `${prefix}/conv1`, x, 2, true);
  let branch = convLayer(g, `${prefix}/conv2`, first, 1, false);
  let shortcut = g.averagePool(`${prefix}/shortcut_pool`, x, 2, 2);
  const [, poolH, poolW, poolC] = shortcut.shape as [number, number, number, number];
  const [, convH, convW, convC] = branch.shape as [number, number, number, number];
  if (poolH !== convH || poolW !== convW) {
    if (poolH !== convH + 1 || poolW !== convW + 1) throw new Error(`${prefix}: branch ${convH}x${convW} cannot be matched to the shortcut ${poolH}x${poolW}`);
    branch = g.zeroPadAfter(`${prefix}/branch_pad`, branch, { rows: 1, columns: 1 });
  }
  if (poolC !== convC) shortcut = g.zeroPadAfter(`${prefix}/shortcut_pad`, shortcut, { channels: convC - poolC });
  return g.relu(`${prefix}/out`, g.add(`${prefix}/sum`, shortcut, branch));
}

/** From the normalised [N,150,150,3] input to the [N,128] descriptor. */
export function faceRecognitionNet(g: LayerGraph, normalised: Value): Value {
  let out = convLayer(g, 'conv32_down', normalised, 2, true);
  out = g.maxPool('pool', out, 3, 2, 'VALID');
  for (const block of ['conv32_1', 'conv32_2', 'conv32_3']) out = residual(g, block, out);
  out = residualDown(g, 'conv64_down', out);
  for (const block of ['conv64_1', 'conv64_2', 'conv64_3']) out = residual(g, block, out);
  out = residualDown(g, 'conv128_down', out);
  for (const block of ['conv128_1', 'conv128_2']) out = residual(g, block, out);
  out = residualDown(g, 'conv256_down', out);
  for (const block of ['conv256_1', 'conv256_2']) out = residual(g, block, out);
  out = residualDown(g, 'conv256_down_out', out);
  return g.dense('fc/output', g.spatialMean('global_average', out), 'fc');
}
