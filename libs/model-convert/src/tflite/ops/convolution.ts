import { intAttribute, intsAttribute } from '../../onnx-proto';
import { spatialWindow } from '../../spatial-padding';
import { depthwiseToGroupedOihw } from '../../weight-layout';
import { conv2dOptions, depthwiseConv2dOptions, pool2dOptions, type WindowOptions } from '../builtin-options';
import { emit, floatConstant, type TfliteOpContext, type TfliteOpConverter } from '../op-context';
import { permuteAxes } from '../tflite-constants';

/** TFLite keeps a convolution filter as OHWI; ONNX Conv wants OIHW. */
const OHWI_TO_OIHW = [0, 3, 1, 2] as const;

function convolution(ctx: TfliteOpContext, kind: 'dense' | 'depthwise'): ReturnType<TfliteOpConverter['convert']> {
  const options: WindowOptions & { depthMultiplier?: number } =
    kind === 'dense' ? conv2dOptions(ctx.options('Conv2DOptions')) : depthwiseConv2dOptions(ctx.options('DepthwiseConv2DOptions'));
  if (options.dilations.some((d) => d !== 1)) ctx.fail(`dilation [${options.dilations.join(',')}] is not supported`);
  const x = ctx.graph.nchw(ctx.value(0));
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const filter = floatConstant(ctx, 1);
  if (filter.shape.length !== 4) ctx.fail(`filter [${filter.shape.join(',')}] is not 4-D`);
  const [outChannels, kh, kw, lastAxis] = filter.shape as [number, number, number, number];
  let weights: { dims: number[]; values: Float32Array };
  if (kind === 'dense') {
    if (lastAxis !== channels) ctx.fail(`filter [${filter.shape.join(',')}] does not fit ${channels} input channels (grouped convolution is not supported)`);
    const oihw = permuteAxes(filter.values, filter.shape, OHWI_TO_OIHW);
    weights = { dims: oihw.shape, values: oihw.values };
  } else {
    // A depthwise filter is [1, kh, kw, channels * multiplier]: in memory that is TF's [kh, kw, channels, multiplier].
    const multiplier = lastAxis / channels;
    if (outChannels !== 1 || !Number.isInteger(multiplier) || (options.depthMultiplier && options.depthMultiplier !== multiplier)) {
      ctx.fail(`depthwise filter [${filter.shape.join(',')}] does not fit ${channels} channels with depth_multiplier ${options.depthMultiplier}`);
    }
    weights = depthwiseToGroupedOihw(filter.values, [kh, kw, channels, multiplier]);
  }
  const window = spatialWindow([height, width], [kh, kw], options.strides, options.padding);
  const inputs = [x.name, ctx.graph.floatInitializer(`${ctx.inputName(1)}/oihw`, weights.dims, weights.values)];
  if (ctx.hasInput(2)) {
    const bias = floatConstant(ctx, 2);
    if (bias.values.length !== weights.dims[0]) ctx.fail(`bias of ${bias.values.length} values for ${weights.dims[0]} outputs`);
    inputs.push(ctx.graph.floatInitializer(ctx.inputName(2), [bias.values.length], bias.values));
  }
  const attributes = [intsAttribute('kernel_shape', [kh, kw]), intsAttribute('strides', options.strides), intsAttribute('pads', window.pads)];
  if (kind === 'depthwise') attributes.push(intAttribute('group', channels));
  return emit(ctx, 'Conv', inputs, attributes, [batch, ...window.output, weights.dims[0]!], 'nchw', options.activation);
}

export const CONV_2D: TfliteOpConverter = { inputs: [2, 3], convert: (ctx) => convolution(ctx, 'dense') };
export const DEPTHWISE_CONV_2D: TfliteOpConverter = { inputs: [2, 3], convert: (ctx) => convolution(ctx, 'depthwise') };

/**
 * TFLite max pooling leaves padded cells out, and its average divides by the cells inside
 * the image: ONNX MaxPool, and AveragePool with count_include_pad = 0 (its default), do the same.
 */
function pooling(onnxOp: 'MaxPool' | 'AveragePool'): TfliteOpConverter {
  return {
    inputs: [1, 1],
    convert: (ctx) => {
      const options = pool2dOptions(ctx.options('Pool2DOptions'));
      const x = ctx.graph.nchw(ctx.value(0));
      const [batch, height, width, channels] = x.shape as [number, number, number, number];
      const window = spatialWindow([height, width], options.filter, options.strides, options.padding);
      const attributes = [intsAttribute('kernel_shape', options.filter), intsAttribute('strides', options.strides), intsAttribute('pads', window.pads)];
      return emit(ctx, onnxOp, [x.name], attributes, [batch, ...window.output, channels], 'nchw', options.activation);
    },
  };
}

export const MAX_POOL_2D = pooling('MaxPool');
export const AVERAGE_POOL_2D = pooling('AveragePool');
