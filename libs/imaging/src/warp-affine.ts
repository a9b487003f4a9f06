import { invertAffine, type Affine } from './affine';
import { createRgbImage, type RgbImage } from './rgb-image';

/**
 * Resamples `source` into a width x height raster through `sourceToTarget`, bilinear,
 * black outside the source. Each target pixel centre is mapped back into the source.
 */
export function warpAffine(source: RgbImage, sourceToTarget: Affine, width: number, height: number): RgbImage {
  const inv = invertAffine(sourceToTarget);
  const out = createRgbImage(width, height);
  const { data: src, width: sw, height: sh } = source;
  const dst = out.data;
  const texel = (x: number, y: number, ch: number): number =>
    x < 0 || y < 0 || x >= sw || y >= sh ? 0 : src[(y * sw + x) * 3 + ch]!;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const cx = i + 0.5;
      const cy = j + 0.5;
      // Source position in index space, where pixel k's centre sits at k.
      const u = inv.a * cx + inv.b * cy + inv.c - 0.5;
      const v = inv.d * cx + inv.e * cy + inv.f - 0.5;
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const wx = u - x0;
      const wy = v - y0;
      const o = (j * width + i) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = texel(x0, y0, ch) * (1 - wx) + texel(x0 + 1, y0, ch) * wx;
        const bottom = texel(x0, y0 + 1, ch) * (1 - wx) + texel(x0 + 1, y0 + 1, ch) * wx;
        dst[o + ch] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return out;
}
