import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, QUEUES, voiceEmbedPayload, voiceEmbedResult } from '@bio/contracts';
import { BlobStore, JobRunner, bufferToFloat32 } from '@bio/queue';
import { withRedis } from '../pipeline/redis-guard';

/** A speaker embedding of one or more recordings of one speaker. */
export interface VoicePrint {
  modelId: string;
  embedding: Float32Array;
  audioSeconds: number;
  speechSeconds: number;
}

/** Runs the voice worker stage: recordings in as short-lived blobs, the embedding out; the blobs are dropped after. */
@Injectable()
export class VoicePipeline {
  constructor(
    private readonly runner: JobRunner,
    private readonly blobs: BlobStore,
  ) {}

  async voicePrint(recordings: Buffer[], minSpeechSeconds: number): Promise<VoicePrint> {
    const blobKeys = await withRedis(() => Promise.all(recordings.map((bytes) => this.blobs.put(bytes, 'audio'))));
    try {
      const result = await this.runner.run(QUEUES.voice, voiceEmbedPayload, voiceEmbedResult, {
        requestId: randomUUID(),
        blobKeys,
        minSpeechSeconds,
      });
      if (!result.ok) throw new AppError(result.error.code, result.error.message);
      try {
        const embedding = bufferToFloat32(await this.blobs.get(result.embeddingKey));
        return { modelId: result.modelId, embedding, audioSeconds: result.audioSeconds, speechSeconds: result.speechSeconds };
      } finally {
        await this.blobs.delete([result.embeddingKey]).catch(() => undefined);
      }
    } finally {
      await this.blobs.delete(blobKeys).catch(() => undefined);
    }
  }
}
