import type { OnnxGraphBuilder, Value } from '../onnx-graph-builder';
import type { NodeAttributes } from '../tfjs-node-attributes';
import type { TfjsNode } from '../tfjs-model-json';
import type { Constant } from '../tfjs-weights';

/** What one op converter sees of the TF node it converts. */
export interface OpContext {
  readonly node: TfjsNode;
  readonly attrs: NodeAttributes;
  readonly graph: OnnxGraphBuilder;
  /** Input k as a computed value; refuses a constant. */
  value(k: number): Value;
  /** Input k when it is a constant (a Const node with weights), else undefined. */
  constant(k: number): Constant | undefined;
  /** The TF name of input k, for naming initializers derived from it. */
  inputName(k: number): string;
}

export interface OpConverter {
  /** Every attribute this converter reads or knows to be irrelevant; any other refuses the node. */
  readonly attributes: readonly string[];
  readonly inputs: number;
  /** Emits the ONNX nodes; returns the value standing for the TF node's output. */
  convert(ctx: OpContext): Value;
}

export function requireFloat(ctx: OpContext): void {
  ctx.attrs.oneOf('T', ctx.attrs.type('T'), ['DT_FLOAT']);
}

export function floatConstant(ctx: OpContext, k: number): Constant & { dtype: 'float32' } {
  const c = ctx.constant(k);
  if (!c) ctx.attrs.fail(`input ${k} (${ctx.inputName(k)}) must be a constant`);
  if (c.dtype !== 'float32') ctx.attrs.fail(`input ${k} (${ctx.inputName(k)}) must be float32, is ${c.dtype}`);
  return c;
}

export function intConstant(ctx: OpContext, k: number): number[] {
  const c = ctx.constant(k);
  if (!c || c.dtype !== 'int32') ctx.attrs.fail(`input ${k} (${ctx.inputName(k)}) must be an int32 constant`);
  return Array.from(c.values);
}
