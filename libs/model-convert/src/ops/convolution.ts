import { intAttribute, intsAttribute } from '../onnx-proto';
import { spatialWindow } from '../spatial-padding';
import { depthwiseToGroupedOihw, hwioToOihw } from '../weight-layout';
import { emitWithRelu, FUSED_ATTRIBUTES, fusedBias, fusedRelu } from './fused-activation';
import { spatialPair, WINDOW_ATTRIBUTES, windowPadding } from './nhwc-window';
import { floatConstant, type OpContext, type OpConverter } from './op-converter';
import type { Value } from '../onnx-graph-builder';

// use_cudnn_on_gpu is a device hint with no effect on the result.
const CONV_ATTRIBUTES = [...WINDOW_ATTRIBUTES, 'dilations', 'use_cudnn_on_gpu'] as const;

function convolution(ctx: OpContext, kind: 'dense' | 'depthwise', bias: string | undefined, relu: boolean): Value {
  const padding = windowPadding(ctx);
  ctx.attrs.oneOf('dilations', ctx.attrs.ints('dilations') ?? [1, 1, 1, 1], [[1, 1, 1, 1]]);
  const x = ctx.graph.nchw(ctx.value(0));
  const filter = floatConstant(ctx, 1);
  const [kh, kw, cin] = filter.shape as [number, number, number];
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  if (filter.shape.length !== 4 || cin !== channels) ctx.attrs.fail(`filter [${filter.shape.join(',')}] does not fit ${channels} input channels`);
  const strides = spatialPair(ctx, 'strides');
  const window = spatialWindow([height, width], [kh, kw], strides, padding);
  const weights = kind === 'dense' ? hwioToOihw(filter.values, filter.shape) : depthwiseToGroupedOihw(filter.values, filter.shape);
  const outChannels = weights.dims[0]!;
  const inputs = [x.name, ctx.graph.floatInitializer(`${ctx.inputName(1)}/oihw`, weights.dims, weights.values)];
  if (bias !== undefined) inputs.push(bias);
  const attributes = [intsAttribute('kernel_shape', [kh, kw]), intsAttribute('strides', strides), intsAttribute('pads', window.pads)];
  if (kind === 'depthwise') attributes.push(intAttribute('group', channels));
  return emitWithRelu(ctx, 'Conv', inputs, attributes, relu, [batch, ...window.output, outChannels], 'nchw');
}

export const Conv2D: OpConverter = {
  attributes: CONV_ATTRIBUTES,
  inputs: 2,
  convert: (ctx) => convolution(ctx, 'dense', undefined, false),
};

export const DepthwiseConv2dNative: OpConverter = {
  attributes: CONV_ATTRIBUTES,
  inputs: 2,
  convert: (ctx) => convolution(ctx, 'depthwise', undefined, false),
};

export const FusedConv2D: OpConverter = {
  attributes: [...CONV_ATTRIBUTES, ...FUSED_ATTRIBUTES],
  inputs: 3,
  convert: (ctx) => {
    const relu = fusedRelu(ctx);
    const outputs = floatConstant(ctx, 1).shape[3] ?? 0;
    return convolution(ctx, 'dense', fusedBias(ctx, 2, outputs), relu);
  },
};
