import { extractAlignedCrop, type Affine, type RgbImage } from '@bio/imaging';
import type { Face } from '../face-detector';

/**
 * The face crop the TF.js face models of human (liveness, age/gender, emotion) were made for:
 * the detector box grown 1.4 times about its centre and made square. Unlike human, the crop
 * is turned so the eye line is level, so a face in a turned photo reaches them upright.
 */
export const CONTEXT_CROP_SCALE = 1.4;

/** Image -> crop map: centre of the box to centre of the crop, eye line level, side 1.4 x the box's longer side. */
export function contextCropTransform(face: Face, size: number): Affine {
  const { box, landmarks } = face;
  const side = CONTEXT_CROP_SCALE * Math.max(box.width, box.height);
  const s = size / side;
  const roll = Math.atan2(landmarks.rightEye[1] - landmarks.leftEye[1], landmarks.rightEye[0] - landmarks.leftEye[0]);
  const [cos, sin] = [Math.cos(-roll) * s, Math.sin(-roll) * s];
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  // Rotate by -roll and scale about the box centre, then move it to the crop centre.
  return { a: cos, b: -sin, c: size / 2 - (cos * cx - sin * cy), d: sin, e: cos, f: size / 2 - (sin * cx + cos * cy) };
}

/** The size x size context crop of one face, black where it runs past the image. */
export function contextCrop(image: RgbImage, face: Face, size: number): Promise<RgbImage> {
  return extractAlignedCrop(image, contextCropTransform(face, size), size);
}
