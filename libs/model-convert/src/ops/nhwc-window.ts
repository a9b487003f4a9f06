import type { TfPadding } from '../spatial-padding';
import { requireFloat, type OpContext } from './op-converter';

export const WINDOW_ATTRIBUTES = ['T', 'data_format', 'padding', 'strides', 'explicit_paddings'] as const;

/** An NHWC window attribute [1, h, w, 1] (strides, ksize) as [h, w]. */
export function spatialPair(ctx: OpContext, key: string): [number, number] {
  const list = ctx.attrs.ints(key) ?? [1, 1, 1, 1];
  if (list.length !== 4 || list[0] !== 1 || list[3] !== 1) ctx.attrs.fail(`${key} ${JSON.stringify(list)} must be [1, h, w, 1]`);
  return [list[1]!, list[2]!];
}

/** The checks every NHWC window op shares; returns its padding. */
export function windowPadding(ctx: OpContext): TfPadding {
  requireFloat(ctx);
  ctx.attrs.oneOf('data_format', ctx.attrs.string('data_format') ?? 'NHWC', ['NHWC']);
  ctx.attrs.oneOf('explicit_paddings', ctx.attrs.ints('explicit_paddings') ?? [], [[]]);
  const padding = ctx.attrs.string('padding');
  ctx.attrs.oneOf('padding', padding, ['SAME', 'VALID']);
  return padding as TfPadding;
}
