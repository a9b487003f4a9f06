import type { Worker } from 'bullmq';
import { assertCalibrated, type Env } from '@bio/config';
import { faceEmbedPayload, QUEUES } from '@bio/contracts';
import type { Logger } from '@bio/observability';
import { BlobStore, createRedis, startStageWorker } from '@bio/queue';
import { createEmbedProcessor } from './embed-processor';
import { FaceEmbedder } from './face-embedder';

type EmbedderWorkerEnv = Parameters<typeof FaceEmbedder.open>[0] & Pick<Env, 'REDIS_URL' | 'BLOB_TTL_SECONDS' | 'WORKER_CONCURRENCY' | 'CALIBRATION_DIR'>;

/** The embed stage on QUEUES.embed; closing the returned worker also releases the model and the blob connection. */
export async function createEmbedderWorker(env: EmbedderWorkerEnv, logger: Logger): Promise<Worker> {
  const embedder = await FaceEmbedder.open(env, logger);
  try {
    assertCalibrated(env.CALIBRATION_DIR, embedder.modelId, 'face');
  } catch (err) {
    await embedder.close();
    throw err;
  }
  const redis = createRedis(env.REDIS_URL, 'worker');
  const processor = createEmbedProcessor({ embedder, blobs: new BlobStore(redis, env.BLOB_TTL_SECONDS) });
  const worker = startStageWorker({
    queue: QUEUES.embed,
    redisUrl: env.REDIS_URL,
    payloadSchema: faceEmbedPayload,
    concurrency: env.WORKER_CONCURRENCY,
    logger,
    handle: (payload) => processor(payload),
  });
  worker.on('closed', () => {
    void Promise.allSettled([redis.quit(), embedder.close()]);
  });
  logger.info({ queue: QUEUES.embed, modelId: embedder.modelId, dimension: embedder.dimension }, 'embedder worker started');
  return worker;
}
