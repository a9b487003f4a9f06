import { ALIGNED_CROP_SIZE } from '@bio/contracts';
import { createRgbImage } from '@bio/imaging';
import { faceRegion } from './face-region';

describe('faceRegion', () => {
  it('resamples the box, clipped to the image, to the embedder size and takes nothing from outside it', async () => {
    const image = createRgbImage(100, 80);
    for (let y = 0; y < 80; y++) for (let x = 0; x < 100; x++) if (x >= 60) image.data.fill(255, (y * 100 + x) * 3, (y * 100 + x) * 3 + 3);
    const crop = await faceRegion(image, { x: 60, y: -10, width: 50, height: 40 });
    expect([crop.width, crop.height]).toEqual([ALIGNED_CROP_SIZE, ALIGNED_CROP_SIZE]);
    expect(Math.min(...crop.data)).toBe(255);
  });
});
