import type { RgbImage } from './rgb-image';
import { pipelineToRgb, rawPipeline } from './sharp-raw';

/** Integer pixel rectangle inside an image. */
export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

const BLACK = { r: 0, g: 0, b: 0 };

/** Cuts `region` out of the image and resamples it to width x height (Lanczos, so downscaling does not alias). */
export async function resizeRegion(image: RgbImage, region: Region, width: number, height: number): Promise<RgbImage> {
  const whole = region.left === 0 && region.top === 0 && region.width === image.width && region.height === image.height;
  const cut = whole ? rawPipeline(image) : rawPipeline(image).extract(region);
  return pipelineToRgb(cut.resize(width, height, { fit: 'fill' }));
}

/** Resizes to width x height and pads with black on each side to the final size. */
export async function resizeAndPad(
  image: RgbImage,
  width: number,
  height: number,
  pad: { left: number; top: number; right: number; bottom: number },
): Promise<RgbImage> {
  const resized = rawPipeline(image).resize(width, height, { fit: 'fill' });
  // extend() runs after resize() within one sharp pipeline.
  return pipelineToRgb(resized.extend({ ...pad, background: BLACK }));
}
