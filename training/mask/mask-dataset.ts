import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage, type RgbImage } from '@bio/imaging';
import { listCelebrities, sceneFromCrop } from '../../bench/accuracy/celebrity-set';
import { alignFace } from '../../apps/detector/src/face-alignment';
import type { FaceDetector } from '../../apps/detector/src/face-detector';
import { maskFeatures } from '../../apps/detector/src/mask/mask-features';
import { seededRandom, shuffle } from './seeded-random';

export const MASK_CLASSES = [
  { dir: 'without_mask', label: 0 },
  { dir: 'with_mask', label: 1 },
] as const;

export interface Photo {
  /** Path relative to the data directory, e.g. "with_mask/0129.png". */
  file: string;
  label: 0 | 1;
}

export interface Split {
  train: Photo[];
  test: Photo[];
}

/** Stratified: each class is shuffled with the seed and cut at the same fraction, so both sets keep the class balance. */
export function splitPhotos(dataDir: string, testFraction: number, seed: number): Split {
  const random = seededRandom(seed);
  const split: Split = { train: [], test: [] };
  for (const { dir, label } of MASK_CLASSES) {
    const photos = readdirSync(path.join(dataDir, dir))
      .sort()
      .map((name): Photo => ({ file: `${dir}/${name}`, label }));
    shuffle(photos, random);
    const testCount = Math.round(photos.length * testFraction);
    split.test.push(...photos.slice(0, testCount));
    split.train.push(...photos.slice(testCount));
  }
  return split;
}

export interface FaceSample extends Photo {
  features: Float32Array;
}

export interface AlignedFace extends Photo {
  crop: RgbImage;
}

/** Every photo of a directory, all with one label (the out-of-domain set: nobody wears a mask). */
export function listPhotos(dataDir: string, label: 0 | 1): Photo[] {
  return readdirSync(dataDir)
    .filter((f) => /\.(png|jpe?g)$/i.test(f))
    .sort()
    .map((file) => ({ file, label }));
}

/**
 * A seeded subset of `perIdentity` celebrity crops per identity, as unmasked photos. The
 * crops are already aligned; each is set into a scene (bench/accuracy/celebrity-set.ts) so
 * the detector finds and aligns it like every other photo.
 */
export function celebrityPhotos(root: string, perIdentity: number, seed: number): Photo[] {
  const random = seededRandom(seed);
  const byIdentity = new Map<string, string[]>();
  for (const { identity, file } of listCelebrities(root)) byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), file]);
  return [...byIdentity.values()].flatMap((files) => {
    shuffle(files, random);
    return files.slice(0, perIdentity).map((file): Photo => ({ file: path.relative(root, file), label: 0 }));
  });
}

/** The real pipeline's view of each photo: decode, detect, align the largest face. Photos without a face yield nothing. */
export async function alignedFaces(
  dataDir: string,
  photos: readonly Photo[],
  detector: FaceDetector,
  maxPixels: number,
  scene?: (decoded: RgbImage) => Promise<RgbImage>,
): Promise<AlignedFace[]> {
  const faces: AlignedFace[] = [];
  for (const photo of photos) {
    const decoded = await decodeImage(readFileSync(path.join(dataDir, photo.file)), { maxPixels });
    const image = scene ? await scene(decoded) : decoded;
    const [face] = await detector.detect(image);
    if (face) faces.push({ ...photo, crop: await alignFace(image, face.landmarks) });
  }
  return faces;
}

export const celebrityScene = async (crop: RgbImage): Promise<RgbImage> => (await sceneFromCrop(crop)).scene;

export function withFeatures(faces: readonly AlignedFace[]): FaceSample[] {
  return faces.map(({ crop, ...photo }) => ({ ...photo, features: maskFeatures(crop) }));
}
