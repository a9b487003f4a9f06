import { binomialBlur, laplacianVariance, type GreyImage } from '@bio/imaging';

/**
 * 1 − var(Laplacian of the image re-blurred by [1 2 1]/4) / var(Laplacian of the image),
 * 0..1. A sharp image keeps edge energy at the finest scale, which the re-blur removes
 * (ratio small, score near 1); an image that is already blurred has little left to lose
 * (ratio near 1, score near 0). Being a ratio, it needs no scale constant and ignores
 * contrast and brightness. A flat image scores 0.
 */
export function sharpness(luma: GreyImage): number {
  const energy = laplacianVariance(luma);
  if (energy === 0) return 0;
  return Math.max(0, 1 - laplacianVariance(binomialBlur(luma)) / energy);
}
