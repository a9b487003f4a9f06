import type { Env } from '@bio/config';
import type { RgbImage } from '@bio/imaging';
import { openModel, type OnnxModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import type { Face } from '../face-detector';
import { contextCrop } from '../face-crop/context-crop';
import { nhwcInput, runSingle, squareInputSide } from '../face-models/nhwc-input';

type LivenessEnv = Pick<Env, 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS' | 'LIVENESS_MODEL_PATH'>;

/**
 * The face-liveness slot (experimental): the context crop of a face, RGB on 0..1, NHWC
 * [1, S, S, 3] -> [1, 1], the confidence that the face is a live person. The default is
 * human's antispoof model converted to ONNX; no spoof data exists here to measure it on.
 */
export class LivenessModel {
  private constructor(
    private readonly model: OnnxModel,
    private readonly side: number,
  ) {}

  static async open(env: LivenessEnv, logger: Logger): Promise<LivenessModel> {
    const { model } = await openModel(env, 'face-liveness', env.LIVENESS_MODEL_PATH, logger);
    return new LivenessModel(model, squareInputSide(model, 3, 'face-liveness'));
  }

  /** One score in 0..1 per face, in order. */
  async score(image: RgbImage, faces: readonly Face[]): Promise<number[]> {
    const scores: number[] = [];
    for (const face of faces) {
      const [live] = await runSingle(this.model, nhwcInput(await contextCrop(image, face, this.side), 'rgb-unit'));
      scores.push(clamp01(live!.data[0]!));
    }
    return scores;
  }

  async close(): Promise<void> {
    await this.model.close();
  }
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
