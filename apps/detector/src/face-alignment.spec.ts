import { applyAffine, type Point } from '@bio/imaging';
import { ALIGNMENT_TARGETS, alignmentTransform } from './face-alignment';
import type { FaceLandmarks } from './face-detector';

function landmarks(points: readonly Point[]): FaceLandmarks {
  const [leftEye, rightEye, nose, mouth] = points as [Point, Point, Point, Point];
  return { leftEye, rightEye, nose, mouth, leftEar: [0, 0], rightEar: [0, 0] };
}

describe('alignmentTransform', () => {
  it('maps a face whose points already sit on the targets onto itself', () => {
    const m = alignmentTransform(landmarks(ALIGNMENT_TARGETS));
    expect(m.a).toBeCloseTo(1, 10);
    expect(m.b).toBeCloseTo(0, 10);
    expect(m.c).toBeCloseTo(0, 10);
    expect(m.f).toBeCloseTo(0, 10);
  });

  it('undoes a rotated, scaled and shifted face exactly', () => {
    const angle = 0.4;
    const scale = 3.2;
    const place = ([x, y]: Point): Point => [
      500 + scale * (Math.cos(angle) * x - Math.sin(angle) * y),
      80 + scale * (Math.sin(angle) * x + Math.cos(angle) * y),
    ];
    const m = alignmentTransform(landmarks(ALIGNMENT_TARGETS.map(place)));
    ALIGNMENT_TARGETS.forEach((target) => {
      const [x, y] = applyAffine(m, place(target));
      expect(x).toBeCloseTo(target[0], 8);
      expect(y).toBeCloseTo(target[1], 8);
    });
  });

  it('keeps the subject\'s right eye (image left) on the crop\'s left', () => {
    expect(ALIGNMENT_TARGETS[0]![0]).toBeLessThan(ALIGNMENT_TARGETS[1]![0]);
  });
});
