import { emitWithRelu, FUSED_ATTRIBUTES, fusedBias, fusedRelu } from './fused-activation';
import { floatConstant, requireFloat, type OpConverter } from './op-converter';

/** _FusedMatMul x·W + b (+ Relu) with a constant [K, M] kernel: one Gemm, the kernel as stored. */
export const FusedMatMul: OpConverter = {
  attributes: ['T', 'transpose_a', 'transpose_b', ...FUSED_ATTRIBUTES],
  inputs: 3,
  convert: (ctx) => {
    requireFloat(ctx);
    ctx.attrs.oneOf('transpose_a', ctx.attrs.bool('transpose_a') ?? false, [false]);
    ctx.attrs.oneOf('transpose_b', ctx.attrs.bool('transpose_b') ?? false, [false]);
    const relu = fusedRelu(ctx);
    const x = ctx.graph.tf(ctx.value(0));
    const kernel = floatConstant(ctx, 1);
    const [k, m] = kernel.shape as [number, number];
    if (x.shape.length !== 2 || kernel.shape.length !== 2 || x.shape[1] !== k) {
      ctx.attrs.fail(`[${x.shape.join(',')}] x [${kernel.shape.join(',')}] is not a supported matrix product`);
    }
    const inputs = [x.name, ctx.graph.floatInitializer(ctx.inputName(1), kernel.shape, kernel.values), fusedBias(ctx, 2, m)];
    return emitWithRelu(ctx, 'Gemm', inputs, [], relu, [x.shape[0]!, m], 'tf');
  },
};
