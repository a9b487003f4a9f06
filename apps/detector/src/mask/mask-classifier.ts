import type { Env } from '@bio/config';
import type { RgbImage } from '@bio/imaging';
import { openModel, type OnnxModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import { MASK_FEATURE_COUNT, maskFeatures } from './mask-features';

type MaskEnv = Pick<Env, 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS' | 'MASK_MODEL_PATH'>;

/** The face-mask slot: maskFeatures of each aligned crop -> [N, F] -> probability [N, 1] that the face wears a mask. */
export class MaskClassifier {
  private constructor(private readonly model: OnnxModel) {}

  static async open(env: MaskEnv, logger: Logger): Promise<MaskClassifier> {
    const { model } = await openModel(env, 'face-mask', env.MASK_MODEL_PATH, logger);
    const [input] = model.inputs;
    if (input?.dims[1] !== MASK_FEATURE_COUNT) {
      throw new Error(`The face-mask model takes ${input?.dims[1]} features, maskFeatures gives ${MASK_FEATURE_COUNT}`);
    }
    return new MaskClassifier(model);
  }

  /** One score in 0..1 per ArcFace-aligned 112x112 crop, in order. */
  async score(crops: readonly RgbImage[]): Promise<number[]> {
    if (crops.length === 0) return [];
    const features = new Float32Array(crops.length * MASK_FEATURE_COUNT);
    crops.forEach((crop, i) => features.set(maskFeatures(crop), i * MASK_FEATURE_COUNT));
    const [input] = this.model.inputs;
    const outputs = await this.model.run({ [input!.name]: { data: features, dims: [crops.length, MASK_FEATURE_COUNT] } });
    const [output] = this.model.outputs;
    return Array.from(outputs[output!.name]!.data);
  }

  async close(): Promise<void> {
    await this.model.close();
  }
}
