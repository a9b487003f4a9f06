import type { RgbImage } from '@bio/imaging';

/** A pixel whose BT.601 chroma (distance from the grey axis in 8-bit Cb/Cr units) is below this counts as grey. */
export const GREY_CHROMA = 4;

/**
 * Colour degradation 0..1: the share of grey pixels. A greyscale photo scores 1; a face in
 * natural colour only has its eye whites, teeth and grey hair there. A strong colour cast
 * keeps chroma and is not detected by this measure.
 */
export function colorDegradation(image: RgbImage): number {
  const { data } = image;
  const n = image.width * image.height;
  let grey = 0;
  // Compared squared: Math.hypot per pixel was most of this measure's cost.
  const limit = GREY_CHROMA * GREY_CHROMA;
  for (let p = 0; p < n; p++) {
    const r = data[p * 3]!;
    const g = data[p * 3 + 1]!;
    const b = data[p * 3 + 2]!;
    const cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
    const cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
    if (cb * cb + cr * cr < limit) grey++;
  }
  return n ? grey / n : 0;
}
