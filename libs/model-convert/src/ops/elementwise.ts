import type { Value } from '../onnx-graph-builder';
import { broadcastShapes } from './broadcast';
import { requireFloat, type OpContext, type OpConverter } from './op-converter';

function unary(onnxOp: string): OpConverter {
  return {
    attributes: ['T'],
    inputs: 1,
    convert: (ctx) => {
      requireFloat(ctx);
      const x = ctx.value(0);
      const { name } = ctx.node;
      ctx.graph.add({ name, opType: onnxOp, inputs: [x.name], outputs: [name] });
      return { name, shape: x.shape, layout: x.layout };
    },
  };
}

/**
 * A constant operand next to an NCHW-held tensor: a scalar broadcasts as it is, a
 * per-channel vector [C] becomes [C, 1, 1] so it lines up with the channel axis.
 */
function constantOperand(ctx: OpContext, k: number, nchwChannels: number | undefined): { name: string; shape: number[] } {
  const c = ctx.constant(k)!;
  if (c.dtype !== 'float32') ctx.attrs.fail(`input ${k} (${ctx.inputName(k)}) must be float32`);
  if (nchwChannels === undefined || c.shape.length === 0) return { name: ctx.graph.floatInitializer(ctx.inputName(k), c.shape, c.values), shape: c.shape };
  if (c.shape.length !== 1 || (c.shape[0] !== nchwChannels && c.shape[0] !== 1)) {
    ctx.attrs.fail(`constant [${c.shape.join(',')}] next to an NHWC tensor of ${nchwChannels} channels is not supported`);
  }
  ctx.graph.floatInitializer(`${ctx.inputName(k)}/c11`, [c.shape[0]!, 1, 1], c.values);
  return { name: `${ctx.inputName(k)}/c11`, shape: c.shape };
}

function binary(onnxOp: string): OpConverter {
  return {
    attributes: ['T'],
    inputs: 2,
    convert: (ctx) => {
      requireFloat(ctx);
      const computed = [0, 1].filter((k) => !ctx.constant(k));
      if (computed.length === 0) ctx.attrs.fail('both operands are constants');
      const values = computed.map((k) => ctx.value(k));
      // Stay NCHW when a computed operand already is and every computed operand is 4-D; otherwise work in TF layout.
      const nchw = values.some((v) => v.layout === 'nchw') && values.every((v) => v.shape.length === 4);
      const channels = nchw ? values[0]!.shape[3] : undefined;
      const operands = [0, 1].map((k) => {
        if (ctx.constant(k)) return constantOperand(ctx, k, channels);
        const v = ctx.value(k);
        return nchw ? ctx.graph.nchw(v) : ctx.graph.tf(v);
      });
      const { name } = ctx.node;
      ctx.graph.add({ name, opType: onnxOp, inputs: operands.map((o) => o.name), outputs: [name] });
      const shape = broadcastShapes(operands[0]!.shape, operands[1]!.shape);
      return { name, shape, layout: nchw ? 'nchw' : 'tf' } satisfies Value;
    },
  };
}

export const Identity = unary('Identity');
export const Relu = unary('Relu');
export const Sigmoid = unary('Sigmoid');
export const Add = binary('Add');
export const AddV2 = binary('Add');
export const Mul = binary('Mul');
export const Minimum = binary('Min');
export const Maximum = binary('Max');
