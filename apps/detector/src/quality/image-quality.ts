import { letterbox, letterboxContent, lumaOf, type RgbImage } from '@bio/imaging';
import { regionMetrics, type RegionMetrics } from './region-metrics';

/**
 * The whole image is measured with its longer side at this size, so sharpness does not
 * depend on resolution; it is the back BlazeFace model's input, whose letterbox the
 * detector has made already.
 */
export const IMAGE_MEASURE_SIDE = 256;

export interface ImageQuality extends RegionMetrics {
  width: number;
  height: number;
  /** Mean luma, 0 (black) .. 1 (white). */
  brightness: number;
}

/** Seed 001's image_metrics: the face measures applied to the whole picture, plus its size and brightness. */
export async function measureImageQuality(image: RgbImage): Promise<ImageQuality> {
  const small = letterboxContent(await letterbox(image, IMAGE_MEASURE_SIDE), image);
  const luma = lumaOf(small);
  let sum = 0;
  for (const y of luma.data) sum += y;
  return { width: image.width, height: image.height, brightness: sum / luma.data.length / 255, ...regionMetrics(small, 'scene', luma) };
}
