import type { Worker } from 'bullmq';
import type { Env } from '@bio/config';
import { faceDetectPayload, QUEUES } from '@bio/contracts';
import { openModel } from '@bio/inference';
import type { Logger } from '@bio/observability';
import { BlobStore, createRedis, startStageWorker } from '@bio/queue';
import { BlazeFaceModel } from './blazeface-model';
import { createDetectProcessor } from './detect-processor';
import { FaceDetector } from './face-detector';
import { FaceAttributesModel } from './attributes/face-attributes';
import { LivenessModel } from './liveness/liveness-model';
import { MaskClassifier } from './mask/mask-classifier';

type DetectorEnv = Pick<
  Env,
  | 'MODEL_MANIFEST' | 'MODELS_DIR' | 'INFERENCE_PROVIDER' | 'INFERENCE_THREADS' | 'REDIS_URL' | 'BLOB_TTL_SECONDS'
  | 'WORKER_CONCURRENCY' | 'IMAGE_MAX_PIXELS' | 'FACE_DETECT_FRONT_MODEL_PATH' | 'FACE_DETECT_BACK_MODEL_PATH' | 'MASK_MODEL_PATH'
  | 'LIVENESS_MODEL_PATH' | 'FACE_ATTRIBUTES_MODEL_PATH' | 'EMOTION_MODEL_PATH'
>;

/** Both BlazeFace networks (front 128 first, back 256 second), from the manifest or the configured replacements. */
export async function openFaceDetector(env: DetectorEnv, logger: Logger): Promise<{ detector: FaceDetector; close: () => Promise<void> }> {
  const front = await openModel(env, 'face-detector-front', env.FACE_DETECT_FRONT_MODEL_PATH, logger);
  const back = await openModel(env, 'face-detector-back', env.FACE_DETECT_BACK_MODEL_PATH, logger);
  return {
    detector: new FaceDetector([BlazeFaceModel.fromOnnx(front.model), BlazeFaceModel.fromOnnx(back.model)]),
    close: async () => {
      await Promise.all([front.model.close(), back.model.close()]);
    },
  };
}

/** The detect stage on QUEUES.detect; closing the returned worker also releases the models and the blob connection. */
export async function createDetectorWorker(env: DetectorEnv, logger: Logger): Promise<Worker> {
  const { detector, close } = await openFaceDetector(env, logger);
  const mask = await MaskClassifier.open(env, logger);
  const liveness = await LivenessModel.open(env, logger);
  const attributes = await FaceAttributesModel.open(env, logger);
  const redis = createRedis(env.REDIS_URL, 'worker');
  const processor = createDetectProcessor({
    detector,
    blobs: new BlobStore(redis, env.BLOB_TTL_SECONDS),
    maxPixels: env.IMAGE_MAX_PIXELS,
    mask,
    liveness,
    attributes,
  });
  const worker = startStageWorker({
    queue: QUEUES.detect,
    redisUrl: env.REDIS_URL,
    payloadSchema: faceDetectPayload,
    concurrency: env.WORKER_CONCURRENCY,
    logger,
    handle: (payload) => processor(payload),
  });
  worker.on('closed', () => {
    void Promise.allSettled([redis.quit(), close(), mask.close(), liveness.close(), attributes.close()]);
  });
  logger.info({ queue: QUEUES.detect, concurrency: env.WORKER_CONCURRENCY }, 'detector worker started');
  return worker;
}
