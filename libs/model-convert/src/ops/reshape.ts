import { intConstant, requireFloat, type OpContext, type OpConverter } from './op-converter';

/**
 * The TF shape after reshaping, with the free batch dimension kept free: the target's
 * single -1 must stand for exactly the batch (everything else static and equal in size).
 */
export function reshapedShape(ctx: OpContext, input: readonly number[], target: readonly number[]): number[] {
  const staticSize = (dims: readonly number[]) => dims.filter((d) => d !== -1).reduce((n, d) => n * d, 1);
  const free = (dims: readonly number[]) => dims.filter((d) => d === -1).length;
  if (target.some((d) => d === 0 || d < -1)) ctx.attrs.fail(`target shape [${target.join(',')}] is not supported`);
  if (free(input) !== 1 || free(target) !== 1 || staticSize(input) !== staticSize(target)) {
    ctx.attrs.fail(`reshape of [${input.join(',')}] to [${target.join(',')}] does not keep the batch dimension free`);
  }
  return [...target];
}

/** TF reshapes in NHWC element order, so an NCHW-held input goes back to NHWC first. */
export const Reshape: OpConverter = {
  attributes: ['T', 'Tshape'],
  inputs: 2,
  convert: (ctx) => {
    requireFloat(ctx);
    ctx.attrs.oneOf('Tshape', ctx.attrs.type('Tshape'), ['DT_INT32']);
    const x = ctx.graph.tf(ctx.value(0));
    const target = intConstant(ctx, 1);
    const shape = reshapedShape(ctx, x.shape, target);
    const { name } = ctx.node;
    ctx.graph.add({ name, opType: 'Reshape', inputs: [x.name, ctx.graph.int64Initializer(`${ctx.inputName(1)}/int64`, target)], outputs: [name] });
    return { name, shape, layout: 'tf' };
  },
};
