import { ALIGNED_CROP_BYTES, ALIGNED_CROP_SIZE } from '@bio/contracts';
import type { Env } from '@bio/config';
import { openModel, type EmbedderPreprocess, type OnnxModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import { l2Normalise, writeCropTensor } from './crop-tensor';

export const EMBEDDER_SLOT = 'face-embedder';

/**
 * How the detector makes the crops this embedder sees (ArcFace 112 template, targets from
 * BlazeFace eyes, nose and mouth). Embeddings depend on it, so it is part of the model id;
 * a change to the detector's alignment must change this string.
 */
export const CROP_ALIGNMENT = 'arcface112-blazeface-v1';

type EmbedderEnv = Pick<
  Env,
  | 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS'
  | 'FACE_EMBED_MODEL_PATH' | 'FACE_EMBED_CHANNEL_ORDER' | 'FACE_EMBED_INPUT_MEAN' | 'FACE_EMBED_INPUT_STD'
>;

/** ArcFace-contract embedder: aligned 112x112 crops in, L2-normalised vectors out. */
export class FaceEmbedder {
  private constructor(
    private readonly model: OnnxModel,
    private readonly inputName: string,
    private readonly outputName: string,
    /** null: the model takes any batch size; otherwise the fixed batch it requires. */
    private readonly fixedBatch: number | null,
    readonly preprocess: EmbedderPreprocess,
    readonly dimension: number,
    readonly modelId: string,
  ) {}

  static async open(env: EmbedderEnv, logger: Logger): Promise<FaceEmbedder> {
    const opened = await openModel(env, EMBEDDER_SLOT, env.FACE_EMBED_MODEL_PATH, logger);
    const pinned = opened.entry.preprocess;
    if (!pinned) throw new Error(`Manifest entry ${opened.entry.id} lacks the embedder's preprocess`);
    const preprocess: EmbedderPreprocess = {
      channelOrder: env.FACE_EMBED_CHANNEL_ORDER ?? pinned.channelOrder,
      mean: env.FACE_EMBED_INPUT_MEAN ?? pinned.mean,
      std: env.FACE_EMBED_INPUT_STD ?? pinned.std,
    };
    const { model } = opened;
    const input = model.inputs[0];
    const output = model.outputs[0];
    const [batch, channels, height, width] = input?.dims ?? [];
    if (model.inputs.length !== 1 || channels !== 3 || height !== ALIGNED_CROP_SIZE || width !== ALIGNED_CROP_SIZE) {
      throw new Error(`Embedder must take one [N,3,112,112] input, got ${JSON.stringify(model.inputs)}`);
    }
    const dimension = output?.dims[1];
    if (!output || output.dims.length !== 2 || !dimension) {
      throw new Error(`Embedder must give one [N,D] output, got ${JSON.stringify(model.outputs)}`);
    }
    const weights = opened.file.pinned ? `${opened.file.pinned.id}@${opened.file.pinned.version}` : `custom-sha256:${opened.sha256.slice(0, 16)}`;
    const modelId = `${weights}/${preprocess.channelOrder}-${preprocess.mean}-${preprocess.std}/${CROP_ALIGNMENT}`;
    return new FaceEmbedder(model, input!.name, output.name, batch ?? null, preprocess, dimension, modelId);
  }

  /** One embedding per crop (raw RGB, 112x112x3 bytes), in order. */
  async embed(crops: readonly Uint8Array[]): Promise<Float32Array[]> {
    for (const crop of crops) {
      if (crop.length !== ALIGNED_CROP_BYTES) throw new RangeError(`A crop must be ${ALIGNED_CROP_BYTES} bytes, got ${crop.length}`);
    }
    const batchSize = this.fixedBatch ?? crops.length;
    const out: Float32Array[] = [];
    for (let start = 0; start < crops.length; start += batchSize) {
      out.push(...(await this.embedBatch(crops.slice(start, start + batchSize), batchSize)));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.model.close();
  }

  private async embedBatch(crops: readonly Uint8Array[], batchSize: number): Promise<Float32Array[]> {
    const side = ALIGNED_CROP_SIZE;
    const perCrop = 3 * side * side;
    // A fixed-batch model gets its batch filled up with zeros; their outputs are dropped.
    const input = new Float32Array(batchSize * perCrop);
    crops.forEach((crop, i) => writeCropTensor(crop, side, this.preprocess, input, i * perCrop));
    const result = await this.model.run({ [this.inputName]: { data: input, dims: [batchSize, 3, side, side] } });
    const data = result[this.outputName]!.data;
    return crops.map((_, i) => l2Normalise(data.subarray(i * this.dimension, (i + 1) * this.dimension)));
  }
}
