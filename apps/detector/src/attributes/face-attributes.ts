import type { DetectedFace } from '@bio/contracts';
import type { Env } from '@bio/config';
import type { RgbImage } from '@bio/imaging';
import { openModel, type OnnxModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import type { Face } from '../face-detector';
import { contextCrop } from '../face-crop/context-crop';
import { nhwcInput, runSingle, squareInputSide } from '../face-models/nhwc-input';
import { decodeAge, decodeGender } from './age-gender';
import { decodeEmotions } from './emotions';

type AttributesEnv = Pick<
  Env,
  'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS' | 'FACE_ATTRIBUTES_MODEL_PATH' | 'EMOTION_MODEL_PATH'
>;
export type FaceAttributes = NonNullable<DetectedFace['attributes']>;

/** Width of the outputs that the age/gender model is read by, in any order. */
const AGE_BINS = 100;

/**
 * Age, gender and emotions of a face from two slots. face-attributes: the context crop, RGB
 * on 0..255, [1, S, S, 3] -> P(male) [1, 1] and age bins [1, 100] (and a descriptor, unused).
 * face-emotion: the context crop as luma on -1..1, [1, S, S, 1] -> 7 emotion probabilities.
 */
export class FaceAttributesModel {
  private constructor(
    private readonly ageGender: OnnxModel,
    private readonly ageGenderSide: number,
    private readonly emotion: OnnxModel,
    private readonly emotionSide: number,
  ) {}

  static async open(env: AttributesEnv, logger: Logger): Promise<FaceAttributesModel> {
    const ageGender = await openModel(env, 'face-attributes', env.FACE_ATTRIBUTES_MODEL_PATH, logger);
    const emotion = await openModel(env, 'face-emotion', env.EMOTION_MODEL_PATH, logger);
    return new FaceAttributesModel(
      ageGender.model,
      squareInputSide(ageGender.model, 3, 'face-attributes'),
      emotion.model,
      squareInputSide(emotion.model, 1, 'face-emotion'),
    );
  }

  async describe(image: RgbImage, faces: readonly Face[]): Promise<FaceAttributes[]> {
    const described: FaceAttributes[] = [];
    for (const face of faces) {
      const outputs = await runSingle(this.ageGender, nhwcInput(await contextCrop(image, face, this.ageGenderSide), 'rgb-255'));
      const male = outputs.find((t) => t.data.length === 1);
      const ages = outputs.find((t) => t.data.length === AGE_BINS);
      if (!male || !ages) throw new Error('The face-attributes model must output P(male) [1,1] and age bins [1,100]');
      const [emotions] = await runSingle(this.emotion, nhwcInput(await contextCrop(image, face, this.emotionSide), 'grey-signed'));
      described.push({ age: decodeAge(ages.data), ...decodeGender(male.data[0]!), emotions: decodeEmotions(emotions!.data) });
    }
    return described;
  }

  async close(): Promise<void> {
    await Promise.all([this.ageGender.close(), this.emotion.close()]);
  }
}
