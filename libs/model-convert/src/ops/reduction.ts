import { NHWC_TO_NCHW, type Value } from '../onnx-graph-builder';
import { intAttribute, intsAttribute } from '../onnx-proto';
import { intConstant, requireFloat, type OpContext, type OpConverter } from './op-converter';

/**
 * Reduces an NCHW-held tensor in place when the kept axes come out in NHWC order (true for
 * global pooling over H and W, leaving [N, C]); otherwise it reduces in TF layout.
 */
function reduce(ctx: OpContext, onnxOp: string): Value {
  requireFloat(ctx);
  ctx.attrs.oneOf('Tidx', ctx.attrs.type('Tidx'), ['DT_INT32']);
  const keepDims = ctx.attrs.bool('keep_dims') ?? false;
  let x = ctx.value(0);
  const rank = x.shape.length;
  const axes = [...new Set(intConstant(ctx, 1).map((a) => (a < 0 ? a + rank : a)))].sort((a, b) => a - b);
  if (axes.some((a) => a < 0 || a >= rank)) ctx.attrs.fail(`axes [${axes.join(',')}] out of range for rank ${rank}`);
  const kept = x.shape.map((_, k) => k).filter((k) => !axes.includes(k));
  const nchwPosition = (a: number) => NHWC_TO_NCHW.indexOf(a as 0 | 1 | 2 | 3);
  const stayNchw = x.layout === 'nchw' && (keepDims || kept.every((a, i) => i === 0 || nchwPosition(a) > nchwPosition(kept[i - 1]!)));
  if (x.layout === 'nchw' && !stayNchw) x = ctx.graph.tf(x);
  const onnxAxes = stayNchw ? axes.map(nchwPosition).sort((a, b) => a - b) : axes;
  const { name } = ctx.node;
  ctx.graph.add({
    name,
    opType: onnxOp,
    inputs: [x.name],
    outputs: [name],
    attributes: [intsAttribute('axes', onnxAxes), intAttribute('keepdims', keepDims ? 1 : 0)],
  });
  const shape = keepDims ? x.shape.map((d, k) => (axes.includes(k) ? 1 : d)) : kept.map((k) => x.shape[k]!);
  return { name, shape, layout: stayNchw && keepDims ? 'nchw' : 'tf' };
}

function reduction(onnxOp: string): OpConverter {
  return { attributes: ['T', 'Tidx', 'keep_dims'], inputs: 2, convert: (ctx) => reduce(ctx, onnxOp) };
}

export const Mean = reduction('ReduceMean');
export const Max = reduction('ReduceMax');
