import type { Point } from '@bio/imaging';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One detection before overlap removal. Keypoints in BlazeFace order: subject's right eye
 * (image left in an upright, unmirrored photo), subject's left eye, nose tip, mouth
 * centre, subject's right ear tragion, subject's left ear tragion.
 */
export interface FaceCandidate {
  score: number;
  box: Box;
  keypoints: Point[];
}

export const KEYPOINT_COUNT = 6;
