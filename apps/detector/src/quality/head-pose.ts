import type { Point } from '@bio/imaging';
import { ALIGNMENT_TARGETS } from '../face-alignment';
import type { FaceLandmarks } from '../face-detector';

export interface HeadPose {
  /** Degrees; positive: the nose turned towards the image right. */
  yaw: number;
  /** Degrees; positive: the nose lower than on a frontal face (looking down). */
  pitch: number;
  /** Degrees; positive: the eye line turned clockwise in the image. */
  roll: number;
}

const [eyeA, eyeB, noseT, mouthT] = ALIGNMENT_TARGETS as [Point, Point, Point, Point];
const eyeMidT = (eyeA[1] + eyeB[1]) / 2;
/** Where the nose tip lies between the eye line (0) and the mouth (1) on the mean, near-frontal face of the alignment fit. */
const FRONTAL_NOSE_DROP = (noseT[1] - eyeMidT) / (mouthT[1] - eyeMidT);

const DEG = 180 / Math.PI;

/**
 * An approximate head pose from BlazeFace's six points. Roll is the angle of the eye line.
 * With roll undone, the head is taken as a sphere centred between the ears whose nose tip
 * lies on its surface: the ears then span 2R·cos(yaw) and the nose sits R·sin(yaw) beside
 * their midpoint, which gives yaw and R; pitch is asin of the nose's vertical shift from its
 * frontal place on the eye–mouth line, over R. A real nose tip lies further from the ear
 * axis than half the ear span, so yaw and pitch come out somewhat larger than the true
 * angles; ear points of a face in profile are BlazeFace's guesses.
 */
export function headPose(landmarks: FaceLandmarks): HeadPose {
  const { leftEye, rightEye } = landmarks;
  const rollRad = Math.atan2(rightEye[1] - leftEye[1], rightEye[0] - leftEye[0]);
  const origin: Point = [(leftEye[0] + rightEye[0]) / 2, (leftEye[1] + rightEye[1]) / 2];
  const upright = (p: Point): Point => {
    const dx = p[0] - origin[0];
    const dy = p[1] - origin[1];
    const c = Math.cos(-rollRad);
    const s = Math.sin(-rollRad);
    return [c * dx - s * dy, s * dx + c * dy];
  };
  const nose = upright(landmarks.nose);
  const mouth = upright(landmarks.mouth);
  const leftEar = upright(landmarks.leftEar);
  const rightEar = upright(landmarks.rightEar);
  const halfSpan = Math.abs(rightEar[0] - leftEar[0]) / 2;
  const sideways = nose[0] - (leftEar[0] + rightEar[0]) / 2;
  const radius = Math.hypot(sideways, halfSpan);
  const drop = nose[1] - FRONTAL_NOSE_DROP * mouth[1];
  return {
    yaw: Math.atan2(sideways, halfSpan) * DEG,
    pitch: radius > 0 ? Math.asin(Math.max(-1, Math.min(1, drop / radius))) * DEG : 0,
    roll: rollRad * DEG,
  };
}
