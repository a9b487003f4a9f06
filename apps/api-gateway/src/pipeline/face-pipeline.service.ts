import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  AppError,
  QUEUES,
  faceDetectPayload,
  faceDetectResult,
  faceEmbedPayload,
  faceEmbedResult,
  matchPayload,
  matchResult,
  type DetectedFace,
  type FaceAnalysis,
  type FaceDetectResult,
  type JobError,
} from '@bio/contracts';
import { BlobStore, JobRunner, bufferToFloat32 } from '@bio/queue';
import { currentVectorSeq } from '@bio/vector';
import { PRODUCER_REDIS } from './pipeline.tokens';
import { withRedis } from './redis-guard';

/** One face found in a request image and embedded; its embedding blob lives until the request ends. */
export interface EmbeddedFace {
  face: DetectedFace;
  modelId: string;
  embeddingKey: string;
}

export interface ImageAnalysis {
  image: { width: number; height: number };
  /** Largest first; only the first `wanted` are embedded. */
  faces: EmbeddedFace[];
  detectedCount: number;
}

/** A detector answer: every face, largest first, with the analyses asked for on the aligned ones. */
export type Detection = Extract<FaceDetectResult, { ok: true }>;

function cropKeysOf(faces: DetectedFace[]): string[] {
  return faces.flatMap((face) => (face.alignedCropKey ? [face.alignedCropKey] : []));
}

function unwrap<T extends { ok: true }>(result: T | { ok: false; error: JobError }): T {
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  return result;
}

/**
 * Runs the worker stages for one request: detector -> embedder -> matcher over BullMQ.
 * Images and embeddings travel as short-lived blob keys; `release` drops them.
 */
@Injectable()
export class FacePipeline {
  constructor(
    private readonly runner: JobRunner,
    private readonly blobs: BlobStore,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Detects every face and analyses the `aligned` largest, without embedding them (seed 001's
   * detect). The aligned crops are dropped before it returns.
   */
  async detect(image: Buffer, aligned: number, analyses: FaceAnalysis[], requestId = randomUUID()): Promise<Detection> {
    const detection = await this.runDetect(image, aligned, analyses, requestId);
    await this.blobs.delete(cropKeysOf(detection.faces)).catch(() => undefined);
    return detection;
  }

  /** Detects every face and embeds the `wanted` largest, with the analyses asked for. Raises NO_FACE when there is none. */
  async analyse(image: Buffer, wanted: number, analyses: FaceAnalysis[], requestId = randomUUID()): Promise<ImageAnalysis> {
    const detection = await this.runDetect(image, wanted, analyses, requestId);
    const cropKeys = cropKeysOf(detection.faces);
    try {
      if (detection.faces.length === 0) throw new AppError('NO_FACE');
      const chosen = detection.faces.slice(0, wanted);
      if (cropKeys.length !== chosen.length) throw new AppError('INTERNAL_ERROR', 'Detector returned no aligned crop');
      const embedding = unwrap(
        await this.runner.run(QUEUES.embed, faceEmbedPayload, faceEmbedResult, { requestId, cropKeys }),
      );
      return {
        image: detection.image,
        detectedCount: detection.faces.length,
        faces: chosen.map((face, i) => ({ face, modelId: embedding.modelId, embeddingKey: embedding.embeddingKeys[i]! })),
      };
    } finally {
      await this.blobs.delete(cropKeys).catch(() => undefined);
    }
  }

  private async runDetect(image: Buffer, aligned: number, analyses: FaceAnalysis[], requestId: string): Promise<Detection> {
    const imageKey = await this.storeBlob(image, 'img');
    try {
      return unwrap(
        await this.runner.run(QUEUES.detect, faceDetectPayload, faceDetectResult, {
          requestId,
          blobKey: imageKey,
          alignTop: aligned,
          analyses,
        }),
      );
    } finally {
      await this.blobs.delete([imageKey]).catch(() => undefined);
    }
  }

  async embedding(face: EmbeddedFace): Promise<Float32Array> {
    return bufferToFloat32(await this.blobs.get(face.embeddingKey));
  }

  /** Raw cosine between a probe and a person's enrolled templates of the same model (best template). */
  async verify(probe: EmbeddedFace, galleryId: string, personId: string): Promise<number | null> {
    const result = unwrap(
      await this.runner.run(QUEUES.match, matchPayload, matchResult, {
        op: 'verify',
        requestId: randomUUID(),
        embeddingKey: probe.embeddingKey,
        modelId: probe.modelId,
        galleryId,
        personId,
      }),
    );
    return result.matches[0]?.score ?? null;
  }

  /** Persons of the gallery best first, with raw cosine scores. */
  async identify(probe: EmbeddedFace, galleryId: string, topK: number): Promise<Array<{ personId: string; score: number }>> {
    const minSeq = await withRedis(() => currentVectorSeq(this.redis));
    const result = unwrap(
      await this.runner.run(QUEUES.match, matchPayload, matchResult, {
        op: 'identify',
        requestId: randomUUID(),
        embeddingKey: probe.embeddingKey,
        modelId: probe.modelId,
        galleryId,
        topK,
        minSeq,
      }),
    );
    return result.matches.flatMap((m) => (m.personId ? [{ personId: m.personId, score: m.score }] : []));
  }

  /** Raw cosine between two faces of the same model. */
  async compare(a: EmbeddedFace, b: EmbeddedFace): Promise<number> {
    if (a.modelId !== b.modelId) throw new AppError('INTERNAL_ERROR', 'Faces embedded by different models');
    const result = unwrap(
      await this.runner.run(QUEUES.match, matchPayload, matchResult, {
        op: 'compare',
        requestId: randomUUID(),
        embeddingKeys: [a.embeddingKey, b.embeddingKey],
      }),
    );
    const score = result.matches[0]?.score;
    if (score === undefined) throw new AppError('INTERNAL_ERROR', 'Matcher returned no score');
    return score;
  }

  async release(faces: EmbeddedFace[]): Promise<void> {
    await this.blobs.delete(faces.map((f) => f.embeddingKey)).catch(() => undefined);
  }

  private storeBlob(data: Buffer, hint: string): Promise<string> {
    return withRedis(() => this.blobs.put(data, hint));
  }
}
