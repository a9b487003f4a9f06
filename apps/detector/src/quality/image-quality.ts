import { lumaOf, resizeRegion, type RgbImage } from '@bio/imaging';
import { regionMetrics, type RegionMetrics } from './region-metrics';

/** The whole image is measured with its longer side at this size, so sharpness does not depend on resolution. */
export const IMAGE_MEASURE_SIDE = 256;

export interface ImageQuality extends RegionMetrics {
  width: number;
  height: number;
  /** Mean luma, 0 (black) .. 1 (white). */
  brightness: number;
}

/** Seed 001's image_metrics: the face measures applied to the whole picture, plus its size and brightness. */
export async function measureImageQuality(image: RgbImage): Promise<ImageQuality> {
  const scale = IMAGE_MEASURE_SIDE / Math.max(image.width, image.height);
  const small = await resizeRegion(
    image,
    { left: 0, top: 0, width: image.width, height: image.height },
    Math.max(1, Math.round(image.width * scale)),
    Math.max(1, Math.round(image.height * scale)),
  );
  const luma = lumaOf(small).data;
  let sum = 0;
  for (const y of luma) sum += y;
  return { width: image.width, height: image.height, brightness: sum / luma.length / 255, ...regionMetrics(small) };
}
