export interface OnnxWeights {
  dims: number[];
  values: Float32Array;
}

/** TF convolution filter [kh, kw, in, out] (HWIO) as ONNX Conv weights [out, in, kh, kw] (OIHW). */
export function hwioToOihw(values: Float32Array, shape: readonly number[]): OnnxWeights {
  const [kh, kw, cin, cout] = filterShape(values, shape);
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o]!;
  return { dims: [cout, cin, kh, kw], values: out };
}

/**
 * TF depthwise filter [kh, kw, channels, multiplier] as ONNX grouped-Conv weights
 * [channels * multiplier, 1, kh, kw] (group = channels). TF numbers the outputs
 * c * multiplier + m, which is the order ONNX gives the outputs of group c, so the filter
 * is an HWIO filter with one input channel and channels * multiplier outputs.
 */
export function depthwiseToGroupedOihw(values: Float32Array, shape: readonly number[]): OnnxWeights {
  const [kh, kw, channels, multiplier] = filterShape(values, shape);
  return hwioToOihw(values, [kh, kw, 1, channels * multiplier]);
}

function filterShape(values: Float32Array, shape: readonly number[]): [number, number, number, number] {
  if (shape.length !== 4 || values.length !== shape.reduce((n, d) => n * d, 1)) {
    throw new Error(`filter of ${values.length} values does not match shape [${shape.join(',')}]`);
  }
  return shape as [number, number, number, number];
}
