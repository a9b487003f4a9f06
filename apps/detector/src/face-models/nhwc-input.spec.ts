import { createRgbImage } from '@bio/imaging';
import { nhwcInput } from './nhwc-input';

describe('nhwcInput', () => {
  const crop = createRgbImage(2, 1);
  crop.data.set([255, 255, 255, 0, 0, 0]);

  it('keeps RGB order in NHWC, on 0..1 or 0..255', () => {
    expect(Array.from(nhwcInput(crop, 'rgb-unit').data)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(nhwcInput(crop, 'rgb-255')).toEqual({ data: new Float32Array([255, 255, 255, 0, 0, 0]), dims: [1, 1, 2, 3] });
  });

  it('maps luma to -1..1 in one channel', () => {
    const grey = nhwcInput(crop, 'grey-signed');
    expect(grey.dims).toEqual([1, 1, 2, 1]);
    expect(grey.data[0]).toBeCloseTo(0.9998, 4);
    expect(grey.data[1]).toBe(-1);
  });
});
