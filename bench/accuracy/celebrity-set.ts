import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createRgbImage, resizeRegion, type RgbImage } from '@bio/imaging';

export interface LabelledFile {
  identity: string;
  file: string;
}

/** The celebrity crops, identities and files in name order; `perIdentity` keeps the first N of each (a fixed subset). */
export function listCelebrities(root: string, perIdentity?: number): LabelledFile[] {
  const out: LabelledFile[] = [];
  for (const identity of readdirSync(root).sort()) {
    const files = readdirSync(path.join(root, identity)).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
    for (const f of files.slice(0, perIdentity ?? files.length)) out.push({ identity, file: path.join(root, identity, f) });
  }
  return out;
}

export const SCENE = { size: 400, upscale: 2, background: 128 } as const;

/**
 * The crops are tight, already aligned 112x112 faces, which a detector cannot be run on
 * as they are. Each is enlarged x2 and centred on a plain grey 400x400 canvas, so the
 * detector must find and align the face itself.
 */
export async function sceneFromCrop(crop: RgbImage): Promise<{ scene: RgbImage; offset: number }> {
  const side = crop.width * SCENE.upscale;
  const face = await resizeRegion(crop, { left: 0, top: 0, width: crop.width, height: crop.height }, side, crop.height * SCENE.upscale);
  const scene = createRgbImage(SCENE.size, SCENE.size);
  scene.data.fill(SCENE.background);
  const offset = Math.floor((SCENE.size - side) / 2);
  for (let y = 0; y < face.height; y++) {
    const row = face.data.subarray(y * face.width * 3, (y + 1) * face.width * 3);
    scene.data.set(row, ((y + offset) * SCENE.size + offset) * 3);
  }
  return { scene, offset };
}
