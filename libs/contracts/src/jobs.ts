import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';
import { MAX_ALIGNED_FACES } from './limits';

const errorCodeSchema = z.custom<ErrorCode>(
  (v) => typeof v === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, v),
  { message: 'unknown error code' },
);
const jobErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
const blobKey = z.string().min(1).max(200);
const point = z.tuple([z.number(), z.number()]);

/** A worker either answers with a result or with a bad-input error; infrastructure faults fail the job. */
function outcome<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), ...shape }),
    z.object({ ok: z.literal(false), error: jobErrorSchema }),
  ]);
}

// ---- detector ----
export const faceAnalysis = z.enum(['quality', 'mask', 'liveness', 'attributes', 'image-quality']);
export type FaceAnalysis = z.infer<typeof faceAnalysis>;

export const faceDetectPayload = z.object({
  requestId: z.string().min(1),
  blobKey,
  /** Produce a 112x112 ArcFace-aligned RGB crop blob for at most this many of the largest faces. */
  alignTop: z.number().int().min(0).max(MAX_ALIGNED_FACES).default(1),
  /** Per-face analyses to compute for the aligned faces; nothing a caller did not ask for is computed. */
  analyses: z.array(faceAnalysis).max(faceAnalysis.options.length).default([]),
});
export type FaceDetectPayload = z.input<typeof faceDetectPayload>;

export const detectedFace = z.object({
  /** Pixels in the upright (EXIF-oriented) image. */
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  score: z.number(),
  landmarks: z.object({
    leftEye: point, rightEye: point, nose: point, mouth: point, leftEar: point, rightEar: point,
  }),
  /** Blob key of the aligned crop (raw RGB, 112x112x3 bytes) when requested. */
  alignedCropKey: blobKey.optional(),
  /**
   * Present when 'quality' was asked for (aligned faces only). Exposure, sharpness and colour
   * are 0..1; angles are degrees, rotation the largest of |yaw|, |pitch|, |roll|.
   * Definitions: apps/detector/src/quality.
   */
  quality: z.object({
    underexposure: z.number(), overexposure: z.number(), sharpness: z.number(), color: z.number(),
    rotation: z.number(), yaw: z.number(), pitch: z.number(), roll: z.number(),
  }).optional(),
  /** Present when 'mask' was asked for (aligned faces only): probability that the face wears a mask. */
  maskScore: z.number().min(0).max(1).optional(),
  /** Present when 'liveness' was asked for (aligned faces only): 1 = confident the face is a live person. Experimental. */
  livenessScore: z.number().min(0).max(1).optional(),
  /** Present when 'attributes' was asked for (aligned faces only). */
  attributes: z.object({
    age: z.number(),
    gender: z.enum(['male', 'female']),
    /** Probability of the gender given. */
    genderScore: z.number().min(0).max(1),
    /** Probability per emotion label, summing to 1. */
    emotions: z.record(z.string(), z.number().min(0).max(1)),
  }).optional(),
});
export type DetectedFace = z.infer<typeof detectedFace>;

/** Seed 001's image_metrics: the face measures over the whole picture (definitions: apps/detector/src/quality). */
export const imageQuality = z.object({
  underexposure: z.number(), overexposure: z.number(), sharpness: z.number(), color: z.number(), brightness: z.number(),
});

export const faceDetectResult = outcome({
  image: z.object({ width: z.number().int(), height: z.number().int() }),
  /** Present when 'image-quality' was asked for. */
  imageQuality: imageQuality.optional(),
  /** Degrees clockwise the decoded image had to be turned for its faces to stand upright; boxes stay in the decoded image. */
  orientation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Largest first. */
  faces: z.array(detectedFace),
  timings: z.record(z.string(), z.number()),
});
export type FaceDetectResult = z.infer<typeof faceDetectResult>;

// ---- embedder ----
export const faceEmbedPayload = z.object({
  requestId: z.string().min(1),
  cropKeys: z.array(blobKey).min(1).max(16),
});
export type FaceEmbedPayload = z.input<typeof faceEmbedPayload>;

export const faceEmbedResult = outcome({
  /** Identifies weights plus preprocessing; templates are only compared within one model id. */
  modelId: z.string(),
  dimension: z.number().int().positive(),
  /** Blob keys of L2-normalised float32 little-endian embeddings, in the order of cropKeys. */
  embeddingKeys: z.array(blobKey),
  timings: z.record(z.string(), z.number()),
});
export type FaceEmbedResult = z.infer<typeof faceEmbedResult>;

// ---- matcher ----
export const matchPayload = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('verify'),
    requestId: z.string().min(1),
    embeddingKey: blobKey,
    modelId: z.string(),
    galleryId: z.string().uuid(),
    personId: z.string().uuid(),
  }),
  z.object({
    op: z.literal('identify'),
    requestId: z.string().min(1),
    embeddingKey: blobKey,
    modelId: z.string(),
    galleryId: z.string().uuid(),
    topK: z.number().int().min(1).max(100).default(5),
    /** The index must have applied at least this change sequence before searching. */
    minSeq: z.number().int().min(0).default(0),
  }),
  z.object({
    op: z.literal('compare'),
    requestId: z.string().min(1),
    embeddingKeys: z.tuple([blobKey, blobKey]),
  }),
]);
export type MatchPayload = z.input<typeof matchPayload>;

export const matchResult = outcome({
  /** Raw cosine similarities, best first; for verify and compare a single entry. */
  matches: z.array(z.object({ personId: z.string().nullable(), score: z.number() })),
  timings: z.record(z.string(), z.number()),
});
export type MatchResult = z.infer<typeof matchResult>;

// ---- voice ----
export const voiceEmbedPayload = z.object({
  requestId: z.string().min(1),
  /** One recording, or several short clips of one speaker whose speech is joined (enrolment). */
  blobKeys: z.array(blobKey).min(1).max(8),
  /** Speech, after voice-activity detection, below which the job answers NOT_ENOUGH_SPEECH. */
  minSpeechSeconds: z.number().min(0).max(60),
});
export type VoiceEmbedPayload = z.input<typeof voiceEmbedPayload>;

export const voiceEmbedResult = outcome({
  /** Identifies the speaker model plus its features; voice templates are only compared within one model id. */
  modelId: z.string(),
  dimension: z.number().int().positive(),
  /** Blob key of the L2-normalised float32 little-endian speaker embedding. */
  embeddingKey: blobKey,
  /** Length of the recordings and of the speech found in them. */
  audioSeconds: z.number().min(0),
  speechSeconds: z.number().min(0),
  timings: z.record(z.string(), z.number()),
});
export type VoiceEmbedResult = z.infer<typeof voiceEmbedResult>;

// ---- vector index change broadcast ----
export const vectorChange = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('upsert'), seq: z.number().int(), templateId: z.string().uuid(),
    personId: z.string().uuid(), galleryId: z.string().uuid(), modelId: z.string(),
  }),
  z.object({ op: z.literal('delete-template'), seq: z.number().int(), templateIds: z.array(z.string().uuid()) }),
  z.object({ op: z.literal('delete-person'), seq: z.number().int(), personId: z.string().uuid() }),
  z.object({ op: z.literal('delete-gallery'), seq: z.number().int(), galleryId: z.string().uuid() }),
]);
export type VectorChange = z.infer<typeof vectorChange>;
