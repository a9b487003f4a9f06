import { ALIGNED_CROP_BYTES, AppError, type FaceEmbedPayload, type FaceEmbedResult } from '@bio/contracts';
import { stopwatch } from '@bio/observability';
import { float32ToBuffer, type BlobStore } from '@bio/queue';
import type { FaceEmbedder } from './face-embedder';

export interface EmbedProcessorDeps {
  embedder: Pick<FaceEmbedder, 'embed' | 'modelId' | 'dimension'>;
  blobs: Pick<BlobStore, 'get' | 'put'>;
}

export type EmbedProcessor = (payload: FaceEmbedPayload) => Promise<FaceEmbedResult>;

/** One embed job: every crop of the job in one model call (or as few as the model's batch size allows). */
export function createEmbedProcessor(deps: EmbedProcessorDeps): EmbedProcessor {
  return async (payload) => {
    const crops = await Promise.all(payload.cropKeys.map((key) => deps.blobs.get(key)));
    const wrong = crops.findIndex((c) => c.length !== ALIGNED_CROP_BYTES);
    if (wrong >= 0) {
      throw new AppError('VALIDATION_FAILED', `Crop ${payload.cropKeys[wrong]} is ${crops[wrong]!.length} bytes, expected ${ALIGNED_CROP_BYTES}`);
    }
    const lap = stopwatch();
    const embeddings = await deps.embedder.embed(crops);
    const embed = lap();
    const embeddingKeys = await Promise.all(embeddings.map((e) => deps.blobs.put(float32ToBuffer(e), 'emb')));
    return { ok: true, modelId: deps.embedder.modelId, dimension: deps.embedder.dimension, embeddingKeys, timings: { embed } };
  };
}
