import sharp from 'sharp';
import { concatFloat32 } from '@bio/inference';

/**
 * A rough face crop of a portrait photo, no detector: the photo scaled so its short side is
 * 1/FACE_SHARE of the crop, then the square of most interest (sharp's attention strategy:
 * skin tones, saturation, edges) cut out. On the deepface portraits that lands on the face
 * with some hair and background, enough to give the nets real face content.
 */
const FACE_SHARE = 0.6;

export async function roughFaceCrop(file: string, size: number): Promise<Buffer> {
  const scaled = await sharp(file)
    .rotate()
    .resize(Math.round(size / FACE_SHARE), Math.round(size / FACE_SHARE), { fit: 'outside' })
    .toBuffer();
  return sharp(scaled).resize(size, size, { fit: 'cover', position: sharp.strategy.attention }).removeAlpha().raw().toBuffer();
}

/** RGB bytes of several same-sized images as one float NHWC batch, 0-255. */
export function rgbBatch(images: readonly Buffer[]): Float32Array {
  return concatFloat32(images.map((image) => Float32Array.from(image)));
}
