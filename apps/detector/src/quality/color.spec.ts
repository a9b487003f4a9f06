import { createRgbImage, type RgbImage } from '@bio/imaging';
import { colorDegradation, distanceOutsideSkin, FULL_CAST_DISTANCE } from './color';

function filled(width: number, height: number, rgb: (p: number) => [number, number, number]): RgbImage {
  const image = createRgbImage(width, height);
  for (let p = 0; p < width * height; p++) image.data.set(rgb(p), p * 3);
  return image;
}

/** Skin colours from pale to dark, with a little texture so not every pixel is alike. */
const SKIN_TONES: [number, number, number][] = [
  [236, 198, 178],
  [200, 150, 120],
  [160, 110, 80],
  [110, 72, 52],
  [70, 45, 35],
];
const tinted = ([r, g, b]: [number, number, number], gains: [number, number, number]): [number, number, number] => [
  Math.min(255, r * gains[0]),
  Math.min(255, g * gains[1]),
  Math.min(255, b * gains[2]),
];

describe('colorDegradation', () => {
  it('is 1 for a greyscale picture, face or scene', () => {
    const grey = filled(4, 4, (p) => [p * 10, p * 10, p * 10]);
    expect(colorDegradation(grey, 'face')).toBe(1);
    expect(colorDegradation(grey, 'scene')).toBe(1);
  });

  it('is 0 for natural skin of every tone', () => {
    for (const tone of SKIN_TONES) expect(colorDegradation(filled(4, 4, (p) => tinted(tone, [1, 1 + p / 100, 1])), 'face')).toBe(0);
  });

  it('is high for a face tinted blue, orange or green', () => {
    // A darker face has less chroma for a cast to shift, so it scores lower than a pale one.
    for (const tone of SKIN_TONES.slice(0, 3)) {
      for (const gains of [[0.6, 1, 1.4], [1.4, 1, 0.6], [0.8, 1.25, 0.8]] as [number, number, number][]) {
        expect(colorDegradation(filled(4, 4, () => tinted(tone, gains)), 'face')).toBeGreaterThan(0.5);
      }
    }
  });

  it('scores no cast on a scene, whose natural colour is unknown', () => {
    expect(colorDegradation(filled(4, 4, () => [60, 90, 200]), 'scene')).toBe(0);
  });

  it('is the share of grey pixels when the mean chroma looks like skin', () => {
    expect(colorDegradation(filled(4, 1, (p) => (p === 0 ? [90, 90, 92] : [200, 150, 120])), 'face')).toBe(0.25);
  });
});

describe('distanceOutsideSkin', () => {
  it('grows linearly beyond the sector and is 0 inside it', () => {
    // Along 60°, inside the hue range: only the distance beyond the reach counts.
    const at = (d: number) => [-d * Math.cos(Math.PI / 3), d * Math.sin(Math.PI / 3)] as const;
    expect(distanceOutsideSkin(...at(30))).toBe(0);
    expect(distanceOutsideSkin(...at(45 + FULL_CAST_DISTANCE))).toBeCloseTo(FULL_CAST_DISTANCE);
    // Blue-green (+Cb, −Cr) lies behind both edges: its distance is to grey, their common point.
    expect(distanceOutsideSkin(20, -20)).toBeCloseTo(Math.hypot(20, 20));
  });
});
