import type { Fbank } from '@bio/audio';
import type { Env } from '@bio/config';
import { openModel, type OnnxModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import { l2Normalise } from './speaker-score';

type SpeakerEnv = Pick<Env, 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS' | 'SPEAKER_MODEL_PATH'>;

export const SPEAKER_SLOT = 'speaker-embedder';
export const FBANK_BINS = 80;

/**
 * The speaker-embedder slot, with the WeSpeaker / 3D-Speaker ONNX export contract: one
 * input float32 [B, T, 80] (mean-normalised 80-bin log-mel fbank, 25 ms / 10 ms frames),
 * one output float32 [B, D]. Input and output are read by position, so the project's own
 * model and an external export run through the same code.
 */
export class SpeakerEmbedder {
  private constructor(
    private readonly model: OnnxModel,
    /** Identifies the weights, so templates of different models are never compared. */
    readonly modelId: string,
  ) {}

  static async open(env: SpeakerEnv, logger: Logger): Promise<SpeakerEmbedder> {
    const { model, file, sha256 } = await openModel(env, SPEAKER_SLOT, env.SPEAKER_MODEL_PATH, logger);
    try {
      checkContract(model);
    } catch (err) {
      await model.close();
      throw new Error(`Speaker model ${file.path}: ${(err as Error).message}`);
    }
    return new SpeakerEmbedder(model, file.pinned?.id ?? `operator-supplied:${sha256.slice(0, 16)}`);
  }

  /** The L2-normalised embedding of one utterance's fbank (already mean-normalised). */
  async embed(fbank: Fbank): Promise<Float32Array> {
    if (fbank.bins !== FBANK_BINS) throw new Error(`The speaker embedder takes ${FBANK_BINS}-bin fbank, got ${fbank.bins}`);
    if (fbank.frames < 1) throw new Error('The speaker embedder needs at least one frame');
    const [input] = this.model.inputs;
    const [output] = this.model.outputs;
    const result = await this.model.run({ [input!.name]: { data: fbank.data, dims: [1, fbank.frames, FBANK_BINS] } });
    const embs = result[output!.name]!;
    return l2Normalise(embs.data.subarray(0, embs.dims[1] ?? embs.data.length));
  }

  async close(): Promise<void> {
    await this.model.close();
  }
}

/** Refuses a file whose declared shapes are not [B, T, 80] -> [B, D] (free dimensions pass). */
function checkContract(model: OnnxModel): void {
  if (model.inputs.length !== 1 || model.outputs.length < 1) {
    throw new Error(`expected one input and an output, found ${model.inputs.length} inputs and ${model.outputs.length} outputs`);
  }
  const input = model.inputs[0]!;
  const output = model.outputs[0]!;
  if (input.dims.length !== 3 || (input.dims[2] !== null && input.dims[2] !== FBANK_BINS)) {
    throw new Error(`input ${input.name} must be float32 [B, T, ${FBANK_BINS}] (WeSpeaker contract), declared [${input.dims.map((d) => d ?? '?').join(', ')}]`);
  }
  if (output.dims.length !== 2) {
    throw new Error(`output ${output.name} must be float32 [B, D], declared [${output.dims.map((d) => d ?? '?').join(', ')}]`);
  }
}
