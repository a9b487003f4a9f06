import type { Env } from '@bio/config';
import type { Logger } from '@bio/observability';
import { FaceEmbedder } from '../../../apps/embedder/src/face-embedder';
import type { EmbeddingCandidate } from './embedding-candidate';

/** The embedder the service runs (the manifest's face-embedder slot, or FACE_EMBED_MODEL_PATH), with its configured preprocessing. */
export async function configuredEmbedder(env: Env, logger: Logger): Promise<EmbeddingCandidate> {
  const embedder = await FaceEmbedder.open(env, logger);
  return {
    name: embedder.modelId,
    embed: async (crop) => (await embedder.embed([crop.data]))[0]!,
    close: () => embedder.close(),
  };
}
