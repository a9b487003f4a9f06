import { NHWC_TO_NCHW } from '../../onnx-graph-builder';
import { intAttribute, intsAttribute } from '../../onnx-proto';
import { reducerOptions } from '../builtin-options';
import { emit, intConstant, type TfliteOpConverter } from '../op-context';

/**
 * A reduction keeping its dimensions can stay on an NCHW-held tensor with its axes
 * renumbered (MTCNN's softmax reduces the channel axis of a convolution's output);
 * otherwise it reduces in NHWC. Opset 13 takes ReduceSum's axes as an input and
 * ReduceMax's as an attribute.
 */
function reduction(onnxOp: 'ReduceMax' | 'ReduceSum'): TfliteOpConverter {
  return {
    inputs: [2, 2],
    convert: (ctx) => {
      const { keepDims } = reducerOptions(ctx.options('ReducerOptions'));
      let x = ctx.value(0);
      const rank = x.shape.length;
      const axes = [...new Set(intConstant(ctx, 1).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
      if (axes.some((a) => a < 0 || a >= rank)) ctx.fail(`axes [${axes.join(',')}] out of range for rank ${rank}`);
      const inPlace = x.layout === 'nchw' && keepDims;
      if (!inPlace) x = ctx.graph.tf(x);
      const onnxAxes = inPlace ? axes.map((a) => NHWC_TO_NCHW.indexOf(a as 0 | 1 | 2 | 3)).sort((a, b) => a - b) : axes;
      const keep = intAttribute('keepdims', keepDims ? 1 : 0);
      const [inputs, attributes] =
        onnxOp === 'ReduceSum'
          ? [[x.name, ctx.graph.int64Initializer(`${ctx.outputName}/axes`, onnxAxes)], [keep]]
          : [[x.name], [intsAttribute('axes', onnxAxes), keep]];
      const shape = keepDims ? x.shape.map((d, k) => (axes.includes(k) ? 1 : d)) : x.shape.filter((_, k) => !axes.includes(k));
      return emit(ctx, onnxOp, inputs, attributes, shape, inPlace ? 'nchw' : 'tf');
    },
  };
}

export const REDUCE_MAX = reduction('ReduceMax');
export const SUM = reduction('ReduceSum');
