import type { Attribute } from '../onnx-proto';
import type { Value } from '../onnx-graph-builder';
import { floatConstant, type OpContext } from './op-converter';

/** Attributes of TF's grappler-fused ops (_FusedConv2D, _FusedMatMul) besides the op's own. */
export const FUSED_ATTRIBUTES = ['fused_ops', 'num_args', 'epsilon'] as const;

/**
 * Reads fused_ops: the only fusions the supported models use are BiasAdd and BiasAdd+Relu.
 * epsilon matters only to a fused FusedBatchNorm, which is refused here, so it is not read.
 */
export function fusedRelu(ctx: OpContext): boolean {
  const ops = ctx.attrs.strings('fused_ops');
  ctx.attrs.oneOf('fused_ops', ops, [['BiasAdd'], ['BiasAdd', 'Relu']]);
  ctx.attrs.oneOf('num_args', ctx.attrs.int('num_args'), [1]);
  return ops.length === 2;
}

/** Emits `opType` as the TF node's name, followed by a Relu when the TF op fused one. */
export function emitWithRelu(ctx: OpContext, opType: string, inputs: string[], attributes: Attribute[], relu: boolean, shape: number[], layout: Value['layout']): Value {
  const { name } = ctx.node;
  const raw = relu ? `${name}/${opType.toLowerCase()}` : name;
  ctx.graph.add({ name: raw, opType, inputs, outputs: [raw], attributes });
  if (relu) ctx.graph.add({ name, opType: 'Relu', inputs: [raw], outputs: [name] });
  return { name, shape, layout };
}

/** The BiasAdd operand (input k) of a fused op as an initializer of `length` values. */
export function fusedBias(ctx: OpContext, k: number, length: number): string {
  const bias = floatConstant(ctx, k);
  if (bias.shape.length !== 1 || bias.shape[0] !== length) ctx.attrs.fail(`bias [${bias.shape.join(',')}] does not fit ${length} outputs`);
  return ctx.graph.floatInitializer(ctx.inputName(k), bias.shape, bias.values);
}
