import type { Worker } from 'bullmq';
import { VoiceActivityDetector } from '@bio/audio';
import { assertCalibrated, type Env } from '@bio/config';
import { QUEUES, voiceEmbedPayload } from '@bio/contracts';
import type { Logger } from '@bio/observability';
import { BlobStore, createRedis, startStageWorker } from '@bio/queue';
import { SpeakerEmbedder } from './speaker/speaker-embedder';
import { createVoiceProcessor } from './voice-processor';

type VoiceWorkerEnv = Parameters<typeof SpeakerEmbedder.open>[0] &
  Parameters<typeof VoiceActivityDetector.open>[0] &
  Pick<Env, 'REDIS_URL' | 'BLOB_TTL_SECONDS' | 'WORKER_CONCURRENCY' | 'AUDIO_MAX_SECONDS' | 'CALIBRATION_DIR'>;

/** The voice stage on QUEUES.voice; closing the returned worker also releases the models and the blob connection. */
export async function createVoiceWorker(env: VoiceWorkerEnv, logger: Logger): Promise<Worker> {
  const vad = await VoiceActivityDetector.open(env, logger);
  const speaker = await SpeakerEmbedder.open(env, logger);
  try {
    assertCalibrated(env.CALIBRATION_DIR, speaker.modelId, 'voice');
  } catch (err) {
    await Promise.allSettled([vad.close(), speaker.close()]);
    throw err;
  }
  const redis = createRedis(env.REDIS_URL, 'worker');
  const processor = createVoiceProcessor({ blobs: new BlobStore(redis, env.BLOB_TTL_SECONDS), vad, speaker, maxSeconds: env.AUDIO_MAX_SECONDS });
  const worker = startStageWorker({
    queue: QUEUES.voice,
    redisUrl: env.REDIS_URL,
    payloadSchema: voiceEmbedPayload,
    concurrency: env.WORKER_CONCURRENCY,
    logger,
    handle: (payload) => processor(payload),
  });
  worker.on('closed', () => {
    void Promise.allSettled([redis.quit(), vad.close(), speaker.close()]);
  });
  logger.info({ queue: QUEUES.voice, modelId: speaker.modelId }, 'voice worker started');
  return worker;
}
