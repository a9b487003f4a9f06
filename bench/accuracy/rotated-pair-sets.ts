import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '@bio/imaging';
import { listCelebrities, sceneFromCrop } from './celebrity-set';
import { DEEPFACE, readMasterPairs } from './deepface-pairs';

/** Genuine pairs as encoded upright photos: each probe is verified against its reference. */
export interface GenuinePairs {
  description: string;
  pairs: { probe: Buffer; reference: string }[];
  references: Map<string, Buffer>;
}

/** The genuine pairs of deepface's master.csv, file_x the probe; the set the orientation rule was tuned on. */
export function deepfacePairs(): GenuinePairs {
  const genuine = readMasterPairs().filter((p) => p.same);
  const read = (file: string) => readFileSync(path.join(DEEPFACE, file));
  return {
    description: `${genuine.length} genuine deepface master.csv pairs, file_x turned, file_y upright`,
    pairs: genuine.map((p) => ({ probe: read(p.x), reference: p.y })),
    references: new Map(genuine.map((p) => [p.y, read(p.y)])),
  };
}

export const CELEBRITIES = path.resolve(__dirname, '../../../shared/data/faces/celebrities');

/**
 * Held out from the orientation rule: the first `perIdentity` celebrity crops of each
 * identity, each set in a scene (JPEG quality 95) and paired with the identity's next photo
 * as the upright reference.
 */
export async function celebrityPairs(perIdentity: number): Promise<GenuinePairs> {
  const files = listCelebrities(CELEBRITIES, perIdentity + 1);
  const scenes = new Map<string, Buffer>();
  for (const { file } of files) scenes.set(file, await sceneJpeg(file));
  // listCelebrities keeps each identity's files together, so a photo's reference is the next entry.
  const pairs = files.flatMap((probe, i) => {
    const next = files[i + 1];
    return next?.identity === probe.identity ? [{ probe: scenes.get(probe.file)!, reference: next.file }] : [];
  });
  const identities = new Set(files.map((f) => f.identity)).size;
  return {
    description: `${pairs.length} celebrity pairs (${identities} identities, first ${perIdentity} crops each set in a 400x400 scene, turned, against the identity's next photo upright)`,
    pairs,
    references: new Map(pairs.map((p) => [p.reference, scenes.get(p.reference)!])),
  };
}

async function sceneJpeg(file: string): Promise<Buffer> {
  const { scene } = await sceneFromCrop(await decodeImage(readFileSync(file), { maxPixels: 1_000_000 }));
  return sharp(scene.data, { raw: { width: scene.width, height: scene.height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}
