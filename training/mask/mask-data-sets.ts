import path from 'node:path';

/** Where the mask classifier's photos live and how they are split, shared by training and bench/mask so both see the same held-out photos. */
const repoRoot = path.resolve(__dirname, '../..');
export const MASK_DATA_DIR = path.resolve(repoRoot, '../shared/data/mask');
/** Extra unmasked faces for training only (research-only data: read in place, never copied). */
export const CELEBRITIES_DIR = path.resolve(repoRoot, '../shared/data/faces/celebrities');
/** Out-of-domain test set, never trained on: unmasked, many bearded, western faces. */
export const DEEPFACE_DIR = path.resolve(repoRoot, '../shared/data/faces/deepface');
export const SEED = 20261122;
export const TEST_FRACTION = 0.3;
