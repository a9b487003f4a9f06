import { createRgbImage } from '@bio/imaging';
import { IMAGE_MEASURE_SIDE, measureImageQuality } from './image-quality';

describe('measureImageQuality', () => {
  it('reports the original size and the brightness of a uniform picture', async () => {
    const image = createRgbImage(IMAGE_MEASURE_SIDE * 3, IMAGE_MEASURE_SIDE);
    image.data.fill(51);
    const q = await measureImageQuality(image);
    expect(q).toMatchObject({ width: IMAGE_MEASURE_SIDE * 3, height: IMAGE_MEASURE_SIDE, underexposure: 0, overexposure: 0, sharpness: 0, color: 1 });
    expect(q.brightness).toBeCloseTo(0.2, 3);
  });
});
