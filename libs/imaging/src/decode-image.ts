import sharp from 'sharp';
import { AppError } from '@bio/contracts';
import { readImageHeader } from './image-header';
import type { RgbImage } from './rgb-image';

export interface DecodeLimits {
  /** Largest accepted width x height; checked from the header before any pixel is decoded. */
  maxPixels: number;
}

/**
 * Decodes JPEG, PNG or WEBP into upright 8-bit RGB (EXIF orientation applied, alpha
 * flattened onto white, greyscale and CMYK converted to sRGB).
 */
export async function decodeImage(input: Uint8Array, limits: DecodeLimits): Promise<RgbImage> {
  const header = readImageHeader(input);
  if (!header) throw new AppError('UNSUPPORTED_IMAGE_FORMAT', 'Only JPEG, PNG and WEBP images are accepted');
  if (!header.size) throw new AppError('IMAGE_DECODE_FAILED', `The ${header.format} header is malformed or cut off`);
  const { width, height } = header.size;
  if (width * height > limits.maxPixels) {
    throw new AppError('IMAGE_TOO_LARGE', `Image has ${width}x${height} pixels; the limit is ${limits.maxPixels}`, {
      width,
      height,
      maxPixels: limits.maxPixels,
    });
  }
  try {
    // failOn 'error': truncated or corrupt data is refused instead of being decoded as grey.
    // limitInputPixels guards against a header that lies about the size.
    const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: limits.maxPixels, pages: 1 })
      .rotate()
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoder produced ${info.channels} channels`);
    return { width: info.width, height: info.height, data };
  } catch (err) {
    const message = (err as Error).message;
    if (/pixel limit/i.test(message)) throw new AppError('IMAGE_TOO_LARGE', message);
    throw new AppError('IMAGE_DECODE_FAILED', `Image could not be decoded: ${message}`);
  }
}
