/** Container formats the platform accepts; everything else is refused before decoding. */
export type ImageFormat = 'jpeg' | 'png' | 'webp';

export interface ImageHeader {
  format: ImageFormat;
  /** Stored (pre-orientation) size; null when the header is cut off or malformed. */
  size: { width: number; height: number } | null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(buf: Uint8Array, bytes: number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

function ascii(buf: Uint8Array, at: number, length: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + at, Math.max(0, Math.min(length, buf.length - at))).toString('latin1');
}

/**
 * Reads format and dimensions from the first bytes only, so an image that is too large
 * can be refused without a decoder ever seeing it (libvips refuses a header-only PNG as
 * corrupt before it reports its size).
 */
export function readImageHeader(buf: Uint8Array): ImageHeader | null {
  if (startsWith(buf, PNG_SIGNATURE)) return { format: 'png', size: pngSize(buf) };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { format: 'jpeg', size: jpegSize(buf) };
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 4) === 'WEBP') return { format: 'webp', size: webpSize(buf) };
  return null;
}

function pngSize(buf: Uint8Array): ImageHeader['size'] {
  // The IHDR chunk must come first: length(4) 'IHDR'(4) width(4) height(4).
  if (buf.length < 24 || ascii(buf, 12, 4) !== 'IHDR') return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  return positive(view.getUint32(16), view.getUint32(20));
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(buf: Uint8Array): ImageHeader['size'] {
  let at = 2;
  while (at + 4 <= buf.length) {
    if (buf[at] !== 0xff) return null;
    const marker = buf[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = (buf[at + 2]! << 8) | buf[at + 3]!;
    if (isStartOfFrame(marker)) {
      if (at + 9 > buf.length) return null;
      return positive((buf[at + 7]! << 8) | buf[at + 8]!, (buf[at + 5]! << 8) | buf[at + 6]!);
    }
    if (marker === 0xda || length < 2) return null; // scan data before any frame header
    at += 2 + length;
  }
  return null;
}

function webpSize(buf: Uint8Array): ImageHeader['size'] {
  const chunk = ascii(buf, 12, 4);
  const data = 20;
  if (chunk === 'VP8X' && buf.length >= data + 10) {
    const w = 1 + (buf[data + 4]! | (buf[data + 5]! << 8) | (buf[data + 6]! << 16));
    const h = 1 + (buf[data + 7]! | (buf[data + 8]! << 8) | (buf[data + 9]! << 16));
    return positive(w, h);
  }
  if (chunk === 'VP8 ' && buf.length >= data + 10 && startsWith(buf, [0x9d, 0x01, 0x2a], data + 3)) {
    const w = (buf[data + 6]! | (buf[data + 7]! << 8)) & 0x3fff;
    const h = (buf[data + 8]! | (buf[data + 9]! << 8)) & 0x3fff;
    return positive(w, h);
  }
  if (chunk === 'VP8L' && buf.length >= data + 5 && buf[data] === 0x2f) {
    const bits = buf[data + 1]! | (buf[data + 2]! << 8) | (buf[data + 3]! << 16) | (buf[data + 4]! << 24);
    return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  return null;
}

function positive(width: number, height: number): ImageHeader['size'] {
  return width > 0 && height > 0 ? { width, height } : null;
}
