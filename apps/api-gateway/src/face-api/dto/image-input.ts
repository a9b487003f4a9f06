import { AppError } from '@bio/contracts';

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const DATA_URL = /^data:image\/[a-z+.-]+;base64,/i;

export type ImageFormat = 'JPEG' | 'PNG' | 'WEBP';

/** What the workers decode; a dialect whose document names fewer formats narrows it. */
export const ALL_IMAGE_FORMATS: readonly ImageFormat[] = ['JPEG', 'PNG', 'WEBP'];

/** The format by its magic number. */
function imageFormatOf(bytes: Buffer): ImageFormat | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'JPEG';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'PNG';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'WEBP';
  return undefined;
}

/** "JPEG, PNG or WEBP" */
function formatList(formats: readonly ImageFormat[]): string {
  return formats.length > 1 ? `${formats.slice(0, -1).join(', ')} or ${formats.at(-1)!}` : formats.join('');
}

/** Decodes a base64 image field (a data URL prefix is tolerated) and checks size and format. */
export function decodeImageField(value: string, field: string, maxBytes: number, formats = ALL_IMAGE_FORMATS): Buffer {
  const payload = value.replace(DATA_URL, '').replace(/\s+/g, '');
  if (payload.length === 0 || payload.length % 4 === 1 || !BASE64.test(payload)) {
    throw new AppError('INVALID_BASE64', `${field} is not valid base64`);
  }
  if (Math.floor((payload.length * 3) / 4) > maxBytes + 2) {
    throw new AppError('IMAGE_TOO_LARGE', `${field} exceeds ${maxBytes} bytes`);
  }
  const bytes = Buffer.from(payload, payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64');
  return checkImageBytes(bytes, field, maxBytes, formats);
}

/** Checks an uploaded or decoded image's size and format before any worker sees it. */
export function checkImageBytes(bytes: Buffer, field: string, maxBytes: number, formats = ALL_IMAGE_FORMATS): Buffer {
  if (bytes.length > maxBytes) throw new AppError('IMAGE_TOO_LARGE', `${field} exceeds ${maxBytes} bytes`);
  const format = imageFormatOf(bytes);
  if (!format || !formats.includes(format)) throw new AppError('UNSUPPORTED_IMAGE_FORMAT', `${field} is not a ${formatList(formats)} image`);
  return bytes;
}
