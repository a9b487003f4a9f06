import { lumaOf, type GreyImage, type RgbImage } from '@bio/imaging';
import { colorDegradation, type ColorSubject } from './color';
import { exposure } from './exposure';
import { sharpness } from './sharpness';

export interface RegionMetrics {
  underexposure: number;
  overexposure: number;
  sharpness: number;
  color: number;
}

/** The pixel measures shared by a face region and a whole image, on an already resampled raster (and its luma, when made already). */
export function regionMetrics(image: RgbImage, subject: ColorSubject, luma: GreyImage = lumaOf(image)): RegionMetrics {
  return { ...exposure(luma), sharpness: sharpness(luma), color: colorDegradation(image, subject) };
}
