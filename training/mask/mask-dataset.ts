import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeImage } from '@bio/imaging';
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

/** The real pipeline's view of each photo: decode, detect, align the largest face, features. Photos without a face yield nothing. */
export async function faceSamples(dataDir: string, photos: readonly Photo[], detector: FaceDetector, maxPixels: number): Promise<FaceSample[]> {
  const samples: FaceSample[] = [];
  for (const photo of photos) {
    const image = await decodeImage(readFileSync(path.join(dataDir, photo.file)), { maxPixels });
    const [face] = await detector.detect(image);
    if (face) samples.push({ ...photo, features: maskFeatures(await alignFace(image, face.landmarks)) });
  }
  return samples;
}
