import { intsAttribute } from '../onnx-proto';
import { spatialWindow } from '../spatial-padding';
import { spatialPair, WINDOW_ATTRIBUTES, windowPadding } from './nhwc-window';
import type { OpConverter } from './op-converter';

/** TF leaves padded cells out of the maximum, as ONNX MaxPool does, so explicit pads carry over exactly. */
export const MaxPool: OpConverter = {
  attributes: [...WINDOW_ATTRIBUTES, 'ksize'],
  inputs: 1,
  convert: (ctx) => {
    const padding = windowPadding(ctx);
    const x = ctx.graph.nchw(ctx.value(0));
    const [batch, height, width, channels] = x.shape as [number, number, number, number];
    const kernel = spatialPair(ctx, 'ksize');
    const strides = spatialPair(ctx, 'strides');
    const window = spatialWindow([height, width], kernel, strides, padding);
    const { name } = ctx.node;
    ctx.graph.add({
      name,
      opType: 'MaxPool',
      inputs: [x.name],
      outputs: [name],
      attributes: [intsAttribute('kernel_shape', kernel), intsAttribute('strides', strides), intsAttribute('pads', window.pads)],
    });
    return { name, shape: [batch, ...window.output, channels], layout: 'nchw' };
  },
};
