import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { estimateSimilarity, extractAlignedCrop, type Affine, type Point, type RgbImage } from '@bio/imaging';
import type { FaceLandmarks } from './face-detector';

/**
 * Where BlazeFace's eyes, nose tip and mouth centre lie in a 112x112 ArcFace-aligned crop,
 * in continuous coordinates (pixel i's centre at i + 0.5). The ArcFace template itself
 * (insightface: eyes (38.29, 51.70) and (73.53, 51.50), nose (56.03, 71.74), mouth corners
 * (41.55, 92.37) and (70.73, 92.20), in OpenCV pixel indices) was made for other landmark
 * definitions: BlazeFace's nose tip sits ~3.3 px and its eyes ~1.1 px lower than the
 * template's, so mapping its points onto the template would shift every crop. These
 * targets are BlazeFace's mean positions on 1,971 faces aligned with that template
 * (faces/celebrities; bench/accuracy/fit-alignment-targets.ts). Subject's right eye first,
 * as in the template.
 */
export const ALIGNMENT_TARGETS: readonly Point[] = [
  [38.12, 53.35],
  [73.92, 53.14],
  [56.03, 75.55],
  [56.24, 92.88],
];

export function alignmentTransform(landmarks: FaceLandmarks): Affine {
  return estimateSimilarity([landmarks.leftEye, landmarks.rightEye, landmarks.nose, landmarks.mouth], ALIGNMENT_TARGETS);
}

/** The ArcFace-aligned 112x112 RGB crop of one face. */
export async function alignFace(image: RgbImage, landmarks: FaceLandmarks): Promise<RgbImage> {
  return extractAlignedCrop(image, alignmentTransform(landmarks), ALIGNED_CROP_SIZE);
}
