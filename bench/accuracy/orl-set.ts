import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRgbImage, type RgbImage } from '@bio/imaging';
import type { LabelledFile } from './celebrity-set';

export const ORL = path.resolve(__dirname, '../../../shared/data/faces/orl');

/** ORL / AT&T: subjects s1..s40, ten 92x112 greyscale PGMs each, in subject and file order. */
export function listOrl(root = ORL): LabelledFile[] {
  const subjects = readdirSync(root).filter((d) => /^s\d+$/.test(d)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  return subjects.flatMap((identity) =>
    readdirSync(path.join(root, identity))
      .filter((f) => f.endsWith('.pgm'))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
      .map((f) => ({ identity, file: path.join(root, identity, f) })),
  );
}

/**
 * A binary PGM (P5, 8-bit) as RGB with the grey level in every channel; sharp cannot read
 * PGM. The header is magic, width, height and maxval separated by whitespace, then one
 * whitespace byte before the pixels (comments are not used by these files and are refused).
 */
export function readPgm(bytes: Uint8Array): RgbImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(Buffer.from(bytes.subarray(0, 64)).toString('latin1'));
  if (!header) throw new Error('Not an 8-bit binary PGM (P5) without comments');
  const [width, height, maxval] = [Number(header[1]), Number(header[2]), Number(header[3])];
  if (maxval !== 255) throw new Error(`PGM maxval ${maxval}: only 8-bit files are read`);
  const pixels = bytes.subarray(header[0].length);
  if (pixels.length < width * height) throw new Error(`PGM truncated: ${pixels.length} of ${width * height} pixels`);
  const image = createRgbImage(width, height);
  for (let i = 0; i < width * height; i++) image.data.fill(pixels[i]!, i * 3, i * 3 + 3);
  return image;
}

export function readOrlImage(file: string): RgbImage {
  return readPgm(readFileSync(file));
}
