import type { Point, RgbImage } from './rgb-image';
import { resizeAndPad } from './resize-image';

/** A square model input holding the whole image, scaled to fit and centred on black bars. */
export interface Letterbox {
  image: RgbImage;
  /** Model-input pixels per source pixel, per axis (they differ by rounding only). */
  scaleX: number;
  scaleY: number;
  /** Where the source's top-left corner lands in the square. */
  offsetX: number;
  offsetY: number;
}

export async function letterbox(source: RgbImage, size: number): Promise<Letterbox> {
  const scale = size / Math.max(source.width, source.height);
  const width = Math.max(1, Math.min(size, Math.round(source.width * scale)));
  const height = Math.max(1, Math.min(size, Math.round(source.height * scale)));
  const offsetX = Math.floor((size - width) / 2);
  const offsetY = Math.floor((size - height) / 2);
  const image = await resizeAndPad(source, width, height, {
    left: offsetX,
    top: offsetY,
    right: size - width - offsetX,
    bottom: size - height - offsetY,
  });
  return { image, scaleX: width / source.width, scaleY: height / source.height, offsetX, offsetY };
}

/** Maps a point in model-input pixels back to source pixels. */
export function letterboxToSource(box: Letterbox, [x, y]: Point): [number, number] {
  return [(x - box.offsetX) / box.scaleX, (y - box.offsetY) / box.scaleY];
}
