import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { AppError, type ErrorCode } from '@bio/contracts';
import { decodeImage } from './decode-image';
import { readImageHeader } from './image-header';

const sharedData = path.resolve(__dirname, '../../..', '../shared/data');
const realJpeg = readFileSync(path.join(sharedData, 'faces/deepface/img1.jpg'));
const limits = { maxPixels: 40_000_000 };

async function refusal(input: Uint8Array, maxPixels = limits.maxPixels): Promise<ErrorCode> {
  try {
    await decodeImage(input, { maxPixels });
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  throw new Error('decodeImage accepted the input');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Signature plus a valid IHDR claiming width x height RGB, and nothing else. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)]);
}

describe('decodeImage refusals', () => {
  it('refuses a text file as an unsupported format', async () => {
    expect(await refusal(Buffer.from('name,score\nalice,0.9\n'))).toBe('UNSUPPORTED_IMAGE_FORMAT');
  });

  it('refuses random bytes as an unsupported format', async () => {
    expect(await refusal(Buffer.from([0x00, 0x13, 0x37, 0x42, 0x99, 0xfe, 0x01]))).toBe('UNSUPPORTED_IMAGE_FORMAT');
  });

  it('refuses formats other than JPEG, PNG and WEBP', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).gif().toBuffer();
    expect(await refusal(gif)).toBe('UNSUPPORTED_IMAGE_FORMAT');
  });

  it('refuses a JPEG signature followed by garbage as undecodable', async () => {
    expect(await refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49]))).toBe('IMAGE_DECODE_FAILED');
  });

  it('refuses a real JPEG cut in half instead of returning a grey lower half', async () => {
    const half = realJpeg.subarray(0, Math.floor(realJpeg.length / 2));
    expect(await refusal(half)).toBe('IMAGE_DECODE_FAILED');
  });

  it('refuses a real PNG with its data cut off', async () => {
    const png = await sharp(realJpeg).resize(200).png().toBuffer();
    expect(await refusal(png.subarray(0, Math.floor(png.length * 0.6)))).toBe('IMAGE_DECODE_FAILED');
  });

  it('refuses a 50,000 x 50,000 PNG from its header alone, at once', async () => {
    const bomb = pngHeaderOnly(50_000, 50_000);
    expect(bomb.length).toBe(33);
    const heapBefore = process.memoryUsage().rss;
    const started = process.hrtime.bigint();
    expect(await refusal(bomb)).toBe('IMAGE_TOO_LARGE');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
    // 7.5 GB of pixels were never allocated.
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a real image over a small pixel limit', async () => {
    expect(await refusal(realJpeg, 1_000_000)).toBe('IMAGE_TOO_LARGE');
  });
});

describe('decodeImage', () => {
  it('decodes a real JPEG into packed RGB', async () => {
    const image = await decodeImage(realJpeg, limits);
    expect([image.width, image.height]).toEqual([1382, 1868]);
    expect(image.data.length).toBe(1382 * 1868 * 3);
  });

  it('applies the EXIF orientation', async () => {
    // 40 wide, 20 high, stored with orientation 6 (display rotated 90 degrees clockwise).
    const stored = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await decodeImage(stored, limits);
    expect([image.width, image.height]).toEqual([20, 40]);
  });

  it('turns greyscale PNG and RGBA WEBP into three channels', async () => {
    const grey = await sharp({ create: { width: 9, height: 7, channels: 3, background: '#404040' } })
      .greyscale()
      .png()
      .toBuffer();
    const rgba = await sharp({ create: { width: 9, height: 7, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 1 } } })
      .webp({ lossless: true })
      .toBuffer();
    for (const input of [grey, rgba]) {
      const image = await decodeImage(input, limits);
      expect(image.data.length).toBe(9 * 7 * 3);
    }
    expect(Array.from((await decodeImage(rgba, limits)).data.subarray(0, 3))).toEqual([10, 20, 30]);
  });
});

describe('readImageHeader', () => {
  it('reads sizes of JPEG, PNG, lossy and lossless WEBP without decoding', async () => {
    const base = sharp({ create: { width: 321, height: 123, channels: 3, background: '#336699' } });
    const encoded = await Promise.all([
      base.clone().jpeg().toBuffer(),
      base.clone().png().toBuffer(),
      base.clone().webp().toBuffer(),
      base.clone().webp({ lossless: true }).toBuffer(),
    ]);
    for (const buf of encoded) expect(readImageHeader(buf)?.size).toEqual({ width: 321, height: 123 });
  });
});
