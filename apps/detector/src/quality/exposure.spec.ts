import type { GreyImage } from '@bio/imaging';
import { exposure, HIGHLIGHT_LUMA, SHADOW_LUMA } from './exposure';

const plane = (values: number[]): GreyImage => ({ width: values.length, height: 1, data: Float32Array.from(values) });

describe('exposure', () => {
  it('counts the shares of shadow and highlight pixels, the levels themselves on the bright side', () => {
    const q = exposure(plane([0, SHADOW_LUMA - 1, SHADOW_LUMA, 128, 128, HIGHLIGHT_LUMA - 1, HIGHLIGHT_LUMA, 255]));
    expect(q).toEqual({ underexposure: 2 / 8, overexposure: 2 / 8 });
  });

  it('is 0 for a mid-grey face and 1 for a black or a white one', () => {
    expect(exposure(plane([128, 128]))).toEqual({ underexposure: 0, overexposure: 0 });
    expect(exposure(plane([0, 5])).underexposure).toBe(1);
    expect(exposure(plane([255, 250])).overexposure).toBe(1);
  });
});
