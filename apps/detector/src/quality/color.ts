import type { RgbImage } from '@bio/imaging';

/** A pixel whose BT.601 chroma (distance from the grey axis in 8-bit Cb/Cr units) is below this counts as grey. */
export const GREY_CHROMA = 4;

/**
 * Where the mean chroma of a real face region lies, as a sector of the (−Cb, Cr) plane: hue
 * in degrees from the −Cb axis towards +Cr, and distance from grey. Measured on the 184
 * photos of bench/quality/quality-thresholds.ts (deepface and celebrity faces, every skin
 * tone there): hue 27..89°, distance p95 41 and p99 53. Copies tinted R×0.6 B×1.4 leave the
 * sector in hue (−176..−81° for 95 % of them); copies tinted R×1.4 B×0.6 keep skin's hue
 * but over-saturate it (distance p5 48), so the sector's reach is the only thing that
 * catches an orange cast, and the most saturated natural faces score a little cast too.
 */
export const SKIN_CHROMA = { minHueDegrees: 25, maxHueDegrees: 95, maxDistance: 45 } as const;

/** A region mean this far (Cb/Cr units) outside the skin sector scores a full cast of 1. */
export const FULL_CAST_DISTANCE = 15;

/** What the measured raster shows: only a face has a known natural colour to test a cast against. */
export type ColorSubject = 'face' | 'scene';

/**
 * Colour degradation 0..1: the larger of the share of grey pixels and, for a face, the cast
 * score, i.e. how far the region's mean chroma lies outside SKIN_CHROMA over
 * FULL_CAST_DISTANCE. A greyscale photo has a grey share of 1; a face in natural colour only
 * has its eye whites, teeth and grey hair there, and a mean chroma inside the sector. A whole
 * scene is scored on its grey share alone: its grey-world mean (the whole picture's mean
 * chroma) did not separate casts, since natural backgrounds are coloured too (originals up
 * to 45 units from grey, tinted copies from 9).
 */
export function colorDegradation(image: RgbImage, subject: ColorSubject): number {
  const { data } = image;
  const n = image.width * image.height;
  if (!n) return 0;
  let grey = 0;
  let sumCb = 0;
  let sumCr = 0;
  // Compared squared: Math.hypot per pixel was most of this measure's cost.
  const limit = GREY_CHROMA * GREY_CHROMA;
  for (let p = 0; p < n; p++) {
    const r = data[p * 3]!;
    const g = data[p * 3 + 1]!;
    const b = data[p * 3 + 2]!;
    const cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
    const cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
    if (cb * cb + cr * cr < limit) grey++;
    sumCb += cb;
    sumCr += cr;
  }
  const greyShare = grey / n;
  if (subject === 'scene') return greyShare;
  return Math.max(greyShare, Math.min(1, distanceOutsideSkin(sumCb / n, sumCr / n) / FULL_CAST_DISTANCE));
}

/** Distance (Cb/Cr units) from a mean chroma to the skin sector; 0 inside it. */
export function distanceOutsideSkin(cb: number, cr: number): number {
  const x = -cb;
  const hue = (Math.atan2(cr, x) * 180) / Math.PI;
  const distance = Math.hypot(x, cr);
  if (hue >= SKIN_CHROMA.minHueDegrees && hue <= SKIN_CHROMA.maxHueDegrees) return Math.max(0, distance - SKIN_CHROMA.maxDistance);
  return Math.min(distanceToEdge(x, cr, SKIN_CHROMA.minHueDegrees), distanceToEdge(x, cr, SKIN_CHROMA.maxHueDegrees));
}

/** Distance to the sector's straight edge at `hueDegrees`, a segment from grey out to maxDistance. */
function distanceToEdge(x: number, y: number, hueDegrees: number): number {
  const ux = Math.cos((hueDegrees * Math.PI) / 180);
  const uy = Math.sin((hueDegrees * Math.PI) / 180);
  const along = Math.min(SKIN_CHROMA.maxDistance, Math.max(0, x * ux + y * uy));
  return Math.hypot(x - along * ux, y - along * uy);
}
