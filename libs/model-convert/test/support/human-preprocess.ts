import sharp from 'sharp';

/**
 * Model inputs made the way human 3.3.6 feeds each model (see the `io` text in
 * models/manifest.json), from a centre square of the photo standing in for human's face
 * crop: the parity test needs realistic face images, not human's detector.
 */
const FACE = 256;

async function faceSquare(file: string): Promise<Buffer> {
  return sharp(file).rotate().resize(FACE, FACE, { fit: 'cover', position: 'centre' }).removeAlpha().raw().toBuffer();
}

async function rgbAt(square: Buffer, size: number, box = { top: 0, left: 0, bottom: 1, right: 1 }): Promise<Buffer> {
  const region = { left: Math.round(box.left * FACE), top: Math.round(box.top * FACE), width: Math.round((box.right - box.left) * FACE), height: Math.round((box.bottom - box.top) * FACE) };
  return sharp(square, { raw: { width: FACE, height: FACE, channels: 3 } }).extract(region).resize(size, size, { fit: 'fill' }).raw().toBuffer();
}

const scaled = (rgb: Buffer, factor: number) => Float32Array.from(rgb, (v) => v * factor);

export type HumanModel = 'antispoof' | 'emotion' | 'faceres' | 'gear' | 'liveness';

export async function humanInput(model: HumanModel, file: string): Promise<Float32Array> {
  const square = await faceSquare(file);
  switch (model) {
    case 'antispoof':
      return scaled(await rgbAt(square, 128), 1 / 255);
    case 'liveness':
      return scaled(await rgbAt(square, 32), 1 / 255);
    case 'faceres':
      return scaled(await rgbAt(square, 224), 1);
    case 'gear':
      return scaled(await rgbAt(square, 198, { top: 0, left: 0.1, bottom: 0.9, right: 0.9 }), 1 / 255);
    case 'emotion': {
      const rgb = await rgbAt(square, 64);
      const grey = new Float32Array(64 * 64);
      for (let k = 0; k < grey.length; k++) grey[k] = ((0.2989 * rgb[3 * k]! + 0.587 * rgb[3 * k + 1]! + 0.114 * rgb[3 * k + 2]!) / 255 - 0.5) * 2;
      return grey;
    }
  }
}
