import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { estimateSimilarity, extractAlignedCrop, type Affine, type Point, type RgbImage } from '@bio/imaging';
import type { FaceLandmarks } from './face-detector';

/**
 * The ArcFace 112x112 five-point template (insightface; subject's right eye, left eye,
 * nose tip, right and left mouth corner), in OpenCV pixel indices. +0.5 moves them to the
 * continuous coordinates used here, where pixel i's centre is i + 0.5.
 */
const ARCFACE_TEMPLATE: readonly Point[] = [
  [38.2946, 51.6963],
  [73.5318, 51.5014],
  [56.0252, 71.7366],
  [41.5493, 92.3655],
  [70.7299, 92.2041],
].map(([x, y]): Point => [x! + 0.5, y! + 0.5]);

/** BlazeFace has one mouth point, so it is matched to the middle of the template's two corners. */
const BLAZEFACE_TARGETS: readonly Point[] = [
  ARCFACE_TEMPLATE[0]!,
  ARCFACE_TEMPLATE[1]!,
  ARCFACE_TEMPLATE[2]!,
  [(ARCFACE_TEMPLATE[3]![0] + ARCFACE_TEMPLATE[4]![0]) / 2, (ARCFACE_TEMPLATE[3]![1] + ARCFACE_TEMPLATE[4]![1]) / 2],
];

export function alignmentTransform(landmarks: FaceLandmarks): Affine {
  return estimateSimilarity([landmarks.leftEye, landmarks.rightEye, landmarks.nose, landmarks.mouth], BLAZEFACE_TARGETS);
}

/** The ArcFace-aligned 112x112 RGB crop of one face. */
export async function alignFace(image: RgbImage, landmarks: FaceLandmarks): Promise<RgbImage> {
  return extractAlignedCrop(image, alignmentTransform(landmarks), ALIGNED_CROP_SIZE);
}
