import { createRgbImage, type Point, type RgbImage } from './rgb-image';
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

/**
 * Letterboxes already made, per source raster and size: the detector's 256 view of an image
 * is also the whole-image view the image metrics are measured on, so it is made once.
 * Rasters are never modified after decoding, and the entries go with their source.
 */
const made = new WeakMap<RgbImage, Map<number, Promise<Letterbox>>>();

export function letterbox(source: RgbImage, size: number): Promise<Letterbox> {
  const sizes = made.get(source) ?? new Map<number, Promise<Letterbox>>();
  made.set(source, sizes);
  let boxed = sizes.get(size);
  if (!boxed) {
    boxed = makeLetterbox(source, size);
    sizes.set(size, boxed);
    // A failed resize must not stay cached for the next caller.
    boxed.catch(() => sizes.delete(size));
  }
  return boxed;
}

/** The picture inside the bars: the whole source scaled to the letterbox's size. */
export function letterboxContent(box: Letterbox, source: { width: number; height: number }): RgbImage {
  const width = Math.max(1, Math.round(source.width * box.scaleX));
  const height = Math.max(1, Math.round(source.height * box.scaleY));
  const out = createRgbImage(width, height);
  const rowBytes = width * 3;
  for (let y = 0; y < height; y++) {
    const from = ((y + box.offsetY) * box.image.width + box.offsetX) * 3;
    out.data.set(box.image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return out;
}

async function makeLetterbox(source: RgbImage, size: number): Promise<Letterbox> {
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
