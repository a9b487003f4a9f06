import sharp from 'sharp';
import type { Bbox } from './findface-params';

/** Small enough to list many faces, large enough to recognise the person. */
const THUMBNAIL_SIDE = 96;
/** A little of the head around the box, as a face thumbnail usually shows. */
const MARGIN = 0.2;

/** A small JPEG of the face in the bbox, cut from the upright photo. */
export async function faceThumbnail(photo: Buffer, box: Bbox): Promise<Buffer> {
  // Turned upright first: the detector's boxes are in the EXIF-oriented image.
  const { data, info } = await sharp(photo).rotate().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const mx = (box.x2 - box.x1) * MARGIN;
  const my = (box.y2 - box.y1) * MARGIN;
  const left = Math.max(0, Math.floor(box.x1 - mx));
  const top = Math.max(0, Math.floor(box.y1 - my));
  const right = Math.min(width, Math.ceil(box.x2 + mx));
  const bottom = Math.min(height, Math.ceil(box.y2 + my));
  return sharp(data)
    .extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) })
    .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'cover' })
    .jpeg({ quality: 80 })
    .toBuffer();
}
