import sharp from 'sharp';
import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { lumaOf, type RgbImage } from '@bio/imaging';

/**
 * Gains on the 8-bit values: ×0.25 is two stops darker in value, ×2.5 clips most of a lit
 * face. The tints are per-channel [R, G, B] gains, a strong white-balance error each way.
 */
export const DEGRADATION = {
  darkenGain: 0.25,
  brightenGain: 2.5,
  blurSigmaAt112: 2,
  blueTintGains: [0.6, 1, 1.4],
  orangeTintGains: [1.4, 1, 0.6],
} as const;

function scaled(image: RgbImage, gains: readonly [number, number, number]): RgbImage {
  return { ...image, data: image.data.map((v, i) => Math.min(255, Math.round(v * gains[i % 3]!))) };
}

const uniform = (gain: number) => [gain, gain, gain] as const;
export const darkened = (image: RgbImage): RgbImage => scaled(image, uniform(DEGRADATION.darkenGain));
export const brightened = (image: RgbImage): RgbImage => scaled(image, uniform(DEGRADATION.brightenGain));
export const blueTinted = (image: RgbImage): RgbImage => scaled(image, DEGRADATION.blueTintGains);
export const orangeTinted = (image: RgbImage): RgbImage => scaled(image, DEGRADATION.orangeTintGains);

/** The picture with every pixel set to its luma. */
export function greyscale(image: RgbImage): RgbImage {
  const luma = lumaOf(image).data;
  const data = new Uint8Array(image.data.length);
  luma.forEach((y, p) => data.fill(Math.round(y), p * 3, p * 3 + 3));
  return { ...image, data };
}

/** Gaussian blur scaled to the face, so the face measured at 112 px is blurred by the same sigma whatever its size. */
export async function blurredForFace(image: RgbImage, faceWidth: number): Promise<RgbImage> {
  const sigma = Math.max(0.3, (DEGRADATION.blurSigmaAt112 * faceWidth) / ALIGNED_CROP_SIZE);
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .blur(sigma)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
