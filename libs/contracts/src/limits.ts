/** Input limits stated by the seed documents. */
export const FIELD_MAX_LENGTH = 120;
/** Aligned crop geometry shared by detector (producer) and embedder (consumer). */
export const ALIGNED_CROP_SIZE = 112;
export const ALIGNED_CROP_BYTES = ALIGNED_CROP_SIZE * ALIGNED_CROP_SIZE * 3;
/** A detect job aligns (and analyses) at most this many of the largest faces. */
export const MAX_ALIGNED_FACES = 16;
