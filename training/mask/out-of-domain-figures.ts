import type { Photo } from './mask-dataset';

const WORST_LISTED = 10;

/** False positives on a set where nobody wears a mask: every face at or above the threshold is one. */
export function falsePositiveFigures(photos: readonly Photo[], scored: ReadonlyArray<{ file: string; probability: number }>, threshold: number) {
  const falsePositives = scored.filter((s) => s.probability >= threshold).length;
  return {
    photos: photos.length,
    facesFound: scored.length,
    atOrAboveThreshold: falsePositives,
    falsePositiveRate: falsePositives / scored.length,
    worst: [...scored].sort((a, b) => b.probability - a.probability).slice(0, WORST_LISTED),
  };
}
