import type { RgbImage } from '@bio/imaging';
import type { Float32Tensor, OnnxModel } from '@bio/inference';

export type PixelEncoding =
  /** RGB scaled to 0..1. */
  | 'rgb-unit'
  /** RGB as 0..255. */
  | 'rgb-255'
  /** One channel: luma (0.2989 R + 0.587 G + 0.114 B on 0..1) mapped to -1..1. */
  | 'grey-signed';

/** One crop as the [1, H, W, C] tensor a TF.js-born model takes. */
export function nhwcInput(crop: RgbImage, encoding: PixelEncoding): Float32Tensor {
  const n = crop.width * crop.height;
  const src = crop.data;
  if (encoding === 'grey-signed') {
    const data = new Float32Array(n);
    for (let p = 0; p < n; p++) {
      const luma = (0.2989 * src[p * 3]! + 0.587 * src[p * 3 + 1]! + 0.114 * src[p * 3 + 2]!) / 255;
      data[p] = (luma - 0.5) * 2;
    }
    return { data, dims: [1, crop.height, crop.width, 1] };
  }
  const scale = encoding === 'rgb-unit' ? 1 / 255 : 1;
  const data = new Float32Array(n * 3);
  for (let i = 0; i < n * 3; i++) data[i] = src[i]! * scale;
  return { data, dims: [1, crop.height, crop.width, 3] };
}

/** The square input side of an NHWC model, checked against the channels it must take. */
export function squareInputSide(model: OnnxModel, channels: number, slot: string): number {
  const dims = model.inputs[0]?.dims ?? [];
  const [, height, width, depth] = dims;
  if (dims.length !== 4 || !height || height !== width || depth !== channels) {
    throw new Error(`The ${slot} model must take [N, S, S, ${channels}] input, not [${dims.join(', ')}]`);
  }
  return height;
}

/** Runs a one-input model on one tensor; the outputs in the model's order. */
export async function runSingle(model: OnnxModel, input: Float32Tensor): Promise<Float32Tensor[]> {
  const outputs = await model.run({ [model.inputs[0]!.name]: input });
  return model.outputs.map((o) => outputs[o.name]!);
}
