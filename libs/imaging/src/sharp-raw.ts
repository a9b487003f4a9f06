import sharp from 'sharp';
import type { RgbImage } from './rgb-image';

/** A sharp pipeline reading the raster's bytes as they are. */
export function rawPipeline(image: RgbImage): sharp.Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
}

export async function pipelineToRgb(pipeline: sharp.Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
