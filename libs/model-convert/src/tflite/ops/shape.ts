import { NHWC_TO_NCHW } from '../../onnx-graph-builder';
import { intAttribute } from '../../onnx-proto';
import { concatenationOptions, stridedSliceOptions } from '../builtin-options';
import { emit, intConstant, type TfliteOpConverter } from '../op-context';

const sizeOf = (dims: readonly number[]) => dims.reduce((n, d) => n * d, 1);

/**
 * RESHAPE to the output shape the file records (its new_shape input or option may hold a
 * -1 the converter resolved already). TFLite reshapes in NHWC element order.
 */
export const RESHAPE: TfliteOpConverter = {
  inputs: [1, 2],
  convert: (ctx) => {
    const x = ctx.graph.tf(ctx.value(0));
    const target = [...ctx.outputShape];
    const freeIn = x.shape[0] === -1;
    if (freeIn !== (target[0] === -1) || target.slice(1).includes(-1) || sizeOf(x.shape) !== sizeOf(target)) {
      ctx.fail(`reshape of [${x.shape.join(',')}] to [${target.join(',')}] does not keep the batch dimension`);
    }
    const shape = ctx.graph.int64Initializer(`${ctx.outputName}/shape`, target);
    return emit(ctx, 'Reshape', [x.name, shape], [], target, 'tf');
  },
};

// Slice ends past the dimension are clamped by ONNX, so this stands for "to the end".
const TO_END = 2 ** 31 - 1;

/** STRIDED_SLICE with begin/end masks; the masks that add, drop or skip axes are refused. */
export const STRIDED_SLICE: TfliteOpConverter = {
  inputs: [4, 4],
  convert: (ctx) => {
    const o = stridedSliceOptions(ctx.options('StridedSliceOptions'));
    if (o.ellipsisMask || o.newAxisMask || o.shrinkAxisMask || o.offset) ctx.fail('ellipsis, new-axis and shrink-axis masks and offset are not supported');
    const x = ctx.graph.tf(ctx.value(0));
    const [begin, end, strides] = [1, 2, 3].map((k) => intConstant(ctx, k));
    const rank = x.shape.length;
    if (begin!.length !== rank || end!.length !== rank || strides!.length !== rank) ctx.fail(`begin/end/strides do not have one value per axis of [${x.shape.join(',')}]`);
    if (strides!.some((s) => s !== 1)) ctx.fail(`strides [${strides!.join(',')}] other than 1 are not supported`);
    const starts = begin!.map((b, k) => (o.beginMask & (1 << k) ? 0 : b));
    const ends = end!.map((e, k) => (o.endMask & (1 << k) ? TO_END : e));
    const shape = x.shape.map((d, k) => {
      const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + d : v, 0), d);
      if (d !== -1) return Math.max(clamp(ends[k]!) - clamp(starts[k]!), 0);
      if (starts[k] !== 0 || ends[k] !== TO_END) ctx.fail(`slices the free batch dimension`);
      return -1;
    });
    const inputs = [x.name, ...[starts, ends].map((v, i) => ctx.graph.int64Initializer(`${ctx.outputName}/${i ? 'ends' : 'starts'}`, v))];
    return emit(ctx, 'Slice', inputs, [], shape, 'tf');
  },
};

/** CONCATENATION along an axis, renumbered when every input is an NCHW-held 4-D tensor. */
export const CONCATENATION: TfliteOpConverter = {
  inputs: [1, 64],
  convert: (ctx) => {
    const options = concatenationOptions(ctx.options('ConcatenationOptions'));
    const values = ctx.op.inputs.map((_, k) => ctx.value(k));
    const rank = values[0]!.shape.length;
    const axis = options.axis < 0 ? options.axis + rank : options.axis;
    if (axis < 0 || axis >= rank || values.some((v) => v.shape.length !== rank)) ctx.fail(`axis ${options.axis} does not fit the inputs' ranks`);
    const nchw = rank === 4 && values.every((v) => v.layout === 'nchw');
    const inputs = values.map((v) => (nchw ? v : ctx.graph.tf(v)));
    const shape = [...values[0]!.shape];
    shape[axis] = values.reduce((n, v) => n + v.shape[axis]!, 0);
    const onnxAxis = nchw ? NHWC_TO_NCHW.indexOf(axis as 0 | 1 | 2 | 3) : axis;
    return emit(ctx, 'Concat', inputs.map((v) => v.name), [intAttribute('axis', onnxAxis)], shape, nchw ? 'nchw' : 'tf', options.activation);
  },
};
