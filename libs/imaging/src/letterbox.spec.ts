import { letterbox, letterboxContent, letterboxToSource } from './letterbox';
import { createRgbImage } from './rgb-image';

describe('letterbox', () => {
  const wide = createRgbImage(300, 100);
  wide.data.fill(200);

  it('fits the whole image into the square, centred between black bars', async () => {
    const box = await letterbox(wide, 128);
    expect([box.image.width, box.image.height]).toEqual([128, 128]);
    expect(box.offsetX).toBe(0);
    expect(box.offsetY).toBe(42);
    const at = (x: number, y: number) => box.image.data[(y * 128 + x) * 3];
    expect(at(64, 10)).toBe(0);
    expect(at(64, 64)).toBe(200);
    expect(at(64, 120)).toBe(0);
  });

  it('maps model-input points back to source pixels', async () => {
    const box = await letterbox(wide, 128);
    expect(letterboxToSource(box, [0, 42])).toEqual([0, 0]);
    const [x, y] = letterboxToSource(box, [128, 42 + 43]);
    expect(x).toBeCloseTo(300, 10);
    expect(y).toBeCloseTo(100, 10);
  });

  it('makes each size once per source and gives back the picture inside the bars', async () => {
    const box = await letterbox(wide, 128);
    expect(await letterbox(wide, 128)).toBe(box);
    expect(await letterbox(wide, 64)).not.toBe(box);
    const content = letterboxContent(box, wide);
    expect([content.width, content.height]).toEqual([128, 43]);
    expect(content.data.every((v) => v === 200)).toBe(true);
  });
});
