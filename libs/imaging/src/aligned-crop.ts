import { affineScale, composeAffine, invertAffine, applyAffine, type Affine } from './affine';
import type { RgbImage } from './rgb-image';
import { resizeRegion, type Region } from './resize-image';
import { warpAffine } from './warp-affine';

/**
 * Produces the size x size crop that `imageToCrop` maps the image onto. Bilinear sampling
 * alone aliases when a large face is shrunk, so the face's neighbourhood is first
 * downscaled with a proper filter to about the crop's resolution and only the remaining
 * rotation and small rescale are done by the bilinear warp.
 */
export async function extractAlignedCrop(image: RgbImage, imageToCrop: Affine, size: number): Promise<RgbImage> {
  const scale = affineScale(imageToCrop);
  const footprint = scale < 1 ? cropFootprint(image, imageToCrop, size) : null;
  if (!footprint) return warpAffine(image, imageToCrop, size, size);
  const width = Math.max(1, Math.round(footprint.width * scale));
  const height = Math.max(1, Math.round(footprint.height * scale));
  const shrunk = await resizeRegion(image, footprint, width, height);
  const imageToShrunk: Affine = {
    a: width / footprint.width, b: 0, c: -footprint.left * (width / footprint.width),
    d: 0, e: height / footprint.height, f: -footprint.top * (height / footprint.height),
  };
  return warpAffine(shrunk, composeAffine(invertAffine(imageToShrunk), imageToCrop), size, size);
}

/** The image pixels the crop can sample (with a bilinear margin), or null when it lies outside the image. */
function cropFootprint(image: RgbImage, imageToCrop: Affine, size: number): Region | null {
  const cropToImage = invertAffine(imageToCrop);
  const corners = [[0, 0], [size, 0], [0, size], [size, size]].map(([x, y]) => applyAffine(cropToImage, [x!, y!]));
  const margin = 2 / affineScale(imageToCrop);
  const left = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[0])) - margin));
  const top = Math.max(0, Math.floor(Math.min(...corners.map((p) => p[1])) - margin));
  const right = Math.min(image.width, Math.ceil(Math.max(...corners.map((p) => p[0])) + margin));
  const bottom = Math.min(image.height, Math.ceil(Math.max(...corners.map((p) => p[1])) + margin));
  if (right - left < 2 || bottom - top < 2) return null;
  return { left, top, width: right - left, height: bottom - top };
}
