import sharp from 'sharp';
import type { RgbImage } from './rgb-image';

/** Integer pixel rectangle inside an image. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

const BLACK = { r: 0, g: 0, b: 0 };

function raw(image: RgbImage) {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
}

async function toRgb(pipeline: sharp.Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Cuts `region` out of the image and resamples it to width x height (Lanczos, so downscaling does not alias). */
export async function resizeRegion(image: RgbImage, region: Region, width: number, height: number): Promise<RgbImage> {
  const whole = region.left === 0 && region.top === 0 && region.width === image.width && region.height === image.height;
  const cut = whole ? raw(image) : raw(image).extract(region);
  return toRgb(cut.resize(width, height, { fit: 'fill' }));
}

/** Resizes to width x height and pads with black on each side to the final size. */
export async function resizeAndPad(
  image: RgbImage,
  width: number,
  height: number,
  pad: { left: number; top: number; right: number; bottom: number },
): Promise<RgbImage> {
  const resized = raw(image).resize(width, height, { fit: 'fill' });
  // extend() runs after resize() within one sharp pipeline.
  return toRgb(resized.extend({ ...pad, background: BLACK }));
}
