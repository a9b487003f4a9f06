import type { GreyImage } from '@bio/imaging';

/** Luma below this (the darkest eighth of the 8-bit range) counts as shadow without detail. */
export const SHADOW_LUMA = 32;
/** Luma at or above this (the brightest eighth) counts as highlight without detail. */
export const HIGHLIGHT_LUMA = 224;

/** Shares of pixels (0..1) in the shadow and in the highlight end of the luma histogram. */
export function exposure(luma: GreyImage): { underexposure: number; overexposure: number } {
  let dark = 0;
  let bright = 0;
  for (const y of luma.data) {
    if (y < SHADOW_LUMA) dark++;
    else if (y >= HIGHLIGHT_LUMA) bright++;
  }
  const n = luma.data.length;
  return { underexposure: n ? dark / n : 0, overexposure: n ? bright / n : 0 };
}
