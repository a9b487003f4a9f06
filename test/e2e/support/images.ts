import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';

/** The shared real data set beside the repository (never copied into it). */
export const DATA_DIR = resolve(__dirname, '../../../../shared/data');
const DEEPFACE = resolve(DATA_DIR, 'faces/deepface');

export function deepface(name: string): Buffer {
  return readFileSync(resolve(DEEPFACE, name));
}

export function b64(bytes: Buffer): string {
  return bytes.toString('base64');
}

/** A held-out photo of the mask data set (not used to train the mask model) showing a masked face. */
export function maskedFace(): Buffer {
  return readFileSync(resolve(DATA_DIR, 'mask/with_mask/0_0_6.jpg'));
}

/** The photo at a quarter of its brightness. */
export function darkened(photo: Buffer): Promise<Buffer> {
  return sharp(photo).rotate().linear(0.25, 0).jpeg().toBuffer();
}

/** A photo with no face in it: a smooth colour gradient. */
export async function faceless(): Promise<Buffer> {
  const width = 320;
  const height = 240;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg().toBuffer();
}

/** A PNG whose header claims 50,000 x 50,000 pixels (the body is not there: it must never be decoded). */
export function hugePngHeader(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk]);
}

/**
 * An ID-card enrolment photo: the person large, and beside them a card whose printed
 * photo is another, smaller picture of the same person.
 */
export async function personWithIdCard(personPhoto: Buffer, cardPhoto: Buffer): Promise<Buffer> {
  const person = await sharp(personPhoto).rotate().resize({ height: 900 }).toBuffer({ resolveWithObject: true });
  const portrait = await sharp(cardPhoto).rotate().resize({ width: 220, height: 280, fit: 'cover' }).toBuffer();
  const card = await sharp({ create: { width: 560, height: 350, channels: 3, background: { r: 225, g: 232, b: 245 } } })
    .composite([{ input: portrait, left: 30, top: 35 }])
    .png()
    .toBuffer();
  const width = person.info.width + 620;
  return sharp({ create: { width, height: 900, channels: 3, background: { r: 90, g: 90, b: 90 } } })
    .composite([
      { input: person.data, left: 0, top: 0 },
      { input: card, left: person.info.width + 30, top: 400 },
    ])
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** The same photo shrunk so that its face falls below the 50 px minimum. */
export async function tinyFace(photo: Buffer): Promise<Buffer> {
  const small = await sharp(photo).rotate().resize({ width: 90 }).toBuffer();
  return sharp({ create: { width: 600, height: 600, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: small, left: 245, top: 245 }])
    .jpeg()
    .toBuffer();
}
