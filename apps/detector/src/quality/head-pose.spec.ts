import type { Point } from '@bio/imaging';
import { ALIGNMENT_TARGETS } from '../face-alignment';
import type { FaceLandmarks } from '../face-detector';
import { headPose } from './head-pose';

const RAD = Math.PI / 180;
const [eyeA, eyeB, nose, mouth] = ALIGNMENT_TARGETS as [Point, Point, Point, Point];
const eyeMid: Point = [(eyeA[0] + eyeB[0]) / 2, (eyeA[1] + eyeB[1]) / 2];
const HALF_SPAN = 40;

/**
 * A synthetic face following the model of headPose: the mean aligned face, ears HALF_SPAN
 * either side of the eye centre, turned by yaw (the nose moves R·sin, the ears close to
 * R·cos) and then rotated in the image by roll about (200, 200).
 */
function face(yawDeg: number, rollDeg: number, pitchShift = 0): FaceLandmarks {
  const sideways = HALF_SPAN * Math.sin(yawDeg * RAD);
  const half = HALF_SPAN * Math.cos(yawDeg * RAD);
  // The mean template's eyes are 0.2 px off level; a level eye line keeps the expected roll exact.
  const local: Point[] = [eyeA, eyeB, nose, mouth].map(([x, y], k) => [x - eyeMid[0], k < 2 ? 0 : y - eyeMid[1]]);
  local[2] = [local[2]![0] + sideways, local[2]![1] + pitchShift];
  local.push([-half, 20], [half, 20]);
  const c = Math.cos(rollDeg * RAD);
  const s = Math.sin(rollDeg * RAD);
  const [le, re, n, m, lr, rr] = local.map(([x, y]): Point => [200 + c * x - s * y, 200 + s * x + c * y]);
  return { leftEye: le!, rightEye: re!, nose: n!, mouth: m!, leftEar: lr!, rightEar: rr! };
}

describe('headPose', () => {
  it('reads a frontal, upright face as zero on all three axes', () => {
    const pose = headPose(face(0, 0));
    expect(pose.yaw).toBeCloseTo(0, 1);
    expect(pose.pitch).toBeCloseTo(0, 1);
    expect(pose.roll).toBeCloseTo(0, 1);
  });

  it('recovers roll from the eye line and yaw from the nose between the ears', () => {
    const pose = headPose(face(25, -15));
    expect(pose.roll).toBeCloseTo(-15, 1);
    expect(pose.yaw).toBeCloseTo(25, 1);
  });

  it('gives a lowered nose positive pitch: asin(shift / R)', () => {
    const shift = HALF_SPAN * Math.sin(10 * RAD);
    expect(headPose(face(0, 0, shift)).pitch).toBeCloseTo(10, 1);
    expect(headPose(face(0, 0, -shift)).pitch).toBeCloseTo(-10, 1);
  });
});
