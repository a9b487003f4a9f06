import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { resizeRegion, type Region, type RgbImage } from '@bio/imaging';
import type { Box } from '../face-candidate';

/**
 * The measured face: its detector box, resampled (Lanczos) to the embedder's 112x112.
 * Not the aligned crop: that one is a bilinear warp without prefiltering, so shrinking a
 * large face aliases into false sharpness, and its corners hold background or black fill
 * that would count as shadow. The box is not enlarged either: hair and background beyond it
 * would weigh in the exposure. At one fixed size the blur measure does not depend on
 * resolution, and blur that survives at 112 px is blur the embedder sees.
 */
export async function faceRegion(image: RgbImage, box: Box): Promise<RgbImage> {
  return resizeRegion(image, pixelRegion(image, box), ALIGNED_CROP_SIZE, ALIGNED_CROP_SIZE);
}

function pixelRegion(image: RgbImage, box: Box): Region {
  const left = Math.min(image.width - 1, Math.max(0, Math.floor(box.x)));
  const top = Math.min(image.height - 1, Math.max(0, Math.floor(box.y)));
  const right = Math.max(left + 1, Math.min(image.width, Math.ceil(box.x + box.width)));
  const bottom = Math.max(top + 1, Math.min(image.height, Math.ceil(box.y + box.height)));
  return { left, top, width: right - left, height: bottom - top };
}
