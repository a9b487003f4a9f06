export type TfPadding = 'SAME' | 'VALID';

export interface AxisWindow {
  /** Output length along the axis. */
  output: number;
  /** Padding before and after, as ONNX wants it explicitly. */
  before: number;
  after: number;
}

/**
 * One spatial axis of a TF convolution or pooling window. TF 'SAME' puts the odd pixel of
 * padding after (bottom/right), which ONNX expresses only with explicit pads computed
 * from the static input length.
 */
export function axisWindow(input: number, kernel: number, stride: number, padding: TfPadding): AxisWindow {
  if (!(input > 0 && kernel > 0 && stride > 0)) throw new Error(`window needs a static positive size: input ${input}, kernel ${kernel}, stride ${stride}`);
  if (padding === 'VALID') {
    if (kernel > input) throw new Error(`VALID window of ${kernel} is larger than the input ${input}`);
    return { output: Math.floor((input - kernel) / stride) + 1, before: 0, after: 0 };
  }
  const output = Math.ceil(input / stride);
  const total = Math.max((output - 1) * stride + kernel - input, 0);
  const before = Math.floor(total / 2);
  return { output, before, after: total - before };
}

/** Both spatial axes, with the pads in ONNX order [top, left, bottom, right]. */
export function spatialWindow(
  [height, width]: readonly [number, number],
  [kernelH, kernelW]: readonly [number, number],
  [strideH, strideW]: readonly [number, number],
  padding: TfPadding,
): { output: [number, number]; pads: [number, number, number, number] } {
  const h = axisWindow(height, kernelH, strideH, padding);
  const w = axisWindow(width, kernelW, strideW, padding);
  return { output: [h.output, w.output], pads: [h.before, w.before, h.after, w.after] };
}
