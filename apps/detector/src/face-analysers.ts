import type { DetectedFace, FaceAnalysis } from '@bio/contracts';
import type { RgbImage } from '@bio/imaging';
import type { FaceAttributesModel } from './attributes/face-attributes';
import type { Face } from './face-detector';
import type { LivenessModel } from './liveness/liveness-model';
import type { MaskClassifier } from './mask/mask-classifier';
import { measureFaceQuality } from './quality';

/** The analyses that are computed per aligned face (image-quality is one per image). */
export type PerFaceAnalysis = Exclude<FaceAnalysis, 'image-quality'>;
/** In the order they run and are timed. */
export const PER_FACE_ANALYSES: readonly PerFaceAnalysis[] = ['quality', 'mask', 'liveness', 'attributes'];

/** The aligned faces of one image: each face with its ArcFace crop, in the same order. */
export interface AlignedFaces {
  image: RgbImage;
  faces: readonly Face[];
  crops: readonly RgbImage[];
}

type FaceFields = Partial<Pick<DetectedFace, 'quality' | 'maskScore' | 'livenessScore' | 'attributes'>>;
/** One analysis of every aligned face: its result fields per face, in order. */
export type FaceAnalyser = (aligned: AlignedFaces) => Promise<FaceFields[]>;

export interface FaceAnalysisModels {
  mask?: Pick<MaskClassifier, 'score'>;
  liveness?: Pick<LivenessModel, 'score'>;
  attributes?: Pick<FaceAttributesModel, 'describe'>;
}

/** Each analysis over the models a processor was built with; undefined where its model is missing. */
export function faceAnalysers(models: FaceAnalysisModels): Record<PerFaceAnalysis, FaceAnalyser | undefined> {
  const { mask, liveness, attributes } = models;
  return {
    quality: async ({ image, faces }) => Promise.all(faces.map(async (face) => ({ quality: await measureFaceQuality(image, face) }))),
    mask: mask && (async ({ crops }) => (await mask.score(crops)).map((maskScore) => ({ maskScore }))),
    liveness: liveness && (async ({ image, faces }) => (await liveness.score(image, faces)).map((livenessScore) => ({ livenessScore }))),
    attributes:
      attributes && (async ({ image, faces }) => (await attributes.describe(image, faces)).map((described) => ({ attributes: described }))),
  };
}
