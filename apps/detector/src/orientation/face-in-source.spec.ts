import { applyAffine, QUARTER_TURNS, type QuarterTurn } from '@bio/imaging';
import { alignmentTransform } from '../face-alignment';
import type { Face } from '../face-detector';
import { headPose } from '../quality/head-pose';
import { faceInSource } from './face-in-source';

const source = { width: 400, height: 300 };

/** An upright, frontal face as found on a turned copy. */
const uprightFace: Face = {
  box: { x: 100, y: 50, width: 80, height: 100 },
  score: 0.9,
  landmarks: {
    leftEye: [120, 80], rightEye: [160, 80], nose: [140, 100], mouth: [140, 125], leftEar: [102, 90], rightEar: [178, 90],
  },
};

describe('faceInSource', () => {
  it('maps the box of each turn back onto the pixels it covers in the original', () => {
    const boxes: Record<QuarterTurn, Face['box']> = {
      0: { x: 100, y: 50, width: 80, height: 100 },
      // Copy turned 90 clockwise: copy (x, y) is original (y, H - x).
      90: { x: 50, y: 120, width: 100, height: 80 },
      180: { x: 220, y: 150, width: 80, height: 100 },
      // Copy turned 270 clockwise: copy (x, y) is original (W - y, x).
      270: { x: 250, y: 100, width: 100, height: 80 },
    };
    for (const turn of QUARTER_TURNS) expect(faceInSource(uprightFace, turn, source).box).toEqual(boxes[turn]);
  });

  it('moves the landmarks with the face, so head-pose roll shows the turn', () => {
    expect(faceInSource(uprightFace, 90, source).landmarks.leftEye).toEqual([80, 180]);
    expect(faceInSource(uprightFace, 270, source).landmarks.mouth).toEqual([275, 140]);
    expect(headPose(faceInSource(uprightFace, 0, source).landmarks).roll).toBeCloseTo(0, 6);
    expect(headPose(faceInSource(uprightFace, 90, source).landmarks).roll).toBeCloseTo(-90, 6);
    expect(Math.abs(headPose(faceInSource(uprightFace, 180, source).landmarks).roll)).toBeCloseTo(180, 6);
    expect(headPose(faceInSource(uprightFace, 270, source).landmarks).roll).toBeCloseTo(90, 6);
  });

  it('keeps the aligned crop upright: every landmark lands where it does for the upright face', () => {
    const upright = alignmentTransform(uprightFace.landmarks);
    for (const turn of QUARTER_TURNS) {
      const mapped = faceInSource(uprightFace, turn, source).landmarks;
      const turned = alignmentTransform(mapped);
      for (const name of ['leftEye', 'rightEye', 'nose', 'mouth', 'leftEar', 'rightEar'] as const) {
        const [x, y] = applyAffine(turned, mapped[name]);
        const [ux, uy] = applyAffine(upright, uprightFace.landmarks[name]);
        expect(x).toBeCloseTo(ux, 6);
        expect(y).toBeCloseTo(uy, 6);
      }
    }
  });
});
