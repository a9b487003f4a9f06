import { applyAffine } from '@bio/imaging';
import type { Face } from '../face-detector';
import { contextCropTransform } from './context-crop';

const upright: Face = {
  box: { x: 100, y: 50, width: 80, height: 100 },
  score: 0.9,
  landmarks: { leftEye: [120, 90], rightEye: [160, 90], nose: [140, 110], mouth: [140, 130], leftEar: [100, 100], rightEar: [180, 100] },
};

describe('contextCropTransform', () => {
  it('puts the box centre at the crop centre and 1.4 x the longer side across the crop', () => {
    const m = contextCropTransform(upright, 128);
    expect(applyAffine(m, [140, 100])).toEqual([64, 64].map((v) => expect.closeTo(v, 9)));
    const [left] = applyAffine(m, [140 - 70, 100]);
    const [right] = applyAffine(m, [140 + 70, 100]);
    expect(left).toBeCloseTo(0, 9);
    expect(right).toBeCloseTo(128, 9);
  });

  it('levels a tilted eye line', () => {
    // The same face turned 90 degrees clockwise: the eye line runs downwards in the image.
    const turned: Face = { ...upright, landmarks: { ...upright.landmarks, leftEye: [140, 60], rightEye: [140, 100] } };
    const m = contextCropTransform(turned, 128);
    const a = applyAffine(m, turned.landmarks.leftEye);
    const b = applyAffine(m, turned.landmarks.rightEye);
    expect(a[1]).toBeCloseTo(b[1], 9);
    expect(b[0]).toBeGreaterThan(a[0]);
  });
});
