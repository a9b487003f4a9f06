import { AppError } from '@bio/contracts';
import { readImageHeader } from '@bio/imaging';
import type { ImageFormat } from '../../face-api/dto/image-input';
import type { UploadedFiles } from '../../multipart/uploaded-files';

/** The document's image requirements: PNG / JPG / JPEG, below 2 MB, 256 x 256 to 4096 x 4096. */
export const ADVANCE_IMAGE = {
  formats: ['JPEG', 'PNG'] as readonly ImageFormat[],
  maxBytes: 2 * 1024 * 1024,
  minSide: 256,
  maxSide: 4096,
} as const;

/**
 * A comparison image that meets the requirements, checked in the gateway from the bytes
 * and the header's dimensions (no decoding), so a refusal costs no worker time and is FREE.
 * The limits are the same on both sides, so the stored size serves for any orientation.
 */
export function advanceImage(files: UploadedFiles, field: string): Buffer {
  if (!files.has(field)) throw new AppError('MISSING_PARAMETER', `${field} should not be empty`);
  const bytes = files.image(field, ADVANCE_IMAGE.maxBytes, ADVANCE_IMAGE.formats);
  const size = readImageHeader(bytes)?.size;
  if (!size) throw new AppError('IMAGE_DECODE_FAILED', `${field} has no readable image header`);
  const [shorter, longer] = [Math.min(size.width, size.height), Math.max(size.width, size.height)];
  const dimensions = `${field} is ${size.width} x ${size.height} px`;
  if (shorter < ADVANCE_IMAGE.minSide) throw new AppError('IMAGE_TOO_SMALL', `${dimensions}; at least ${ADVANCE_IMAGE.minSide} x ${ADVANCE_IMAGE.minSide} is required`);
  if (longer > ADVANCE_IMAGE.maxSide) throw new AppError('IMAGE_TOO_LARGE', `${dimensions}; at most ${ADVANCE_IMAGE.maxSide} x ${ADVANCE_IMAGE.maxSide} is accepted`);
  return bytes;
}
