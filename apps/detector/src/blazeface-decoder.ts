import type { Point } from '@bio/imaging';
import { KEYPOINT_COUNT, type FaceCandidate } from './face-candidate';

/** Values per anchor in the regressor output: box centre offset (2), box size (2), keypoints (2 each). */
export const REGRESSOR_WIDTH = 4 + 2 * KEYPOINT_COUNT;

// MediaPipe clips logits before the sigmoid so extreme values cannot overflow.
const LOGIT_CLIP = 100;

function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logit))));
}

/**
 * Turns raw BlazeFace outputs into candidates in model-input pixels. Regressor values
 * are offsets in input pixels from the anchor centre (box size: absolute, in pixels).
 */
export function decodeBlazeFace(
  logits: Float32Array,
  regressors: Float32Array,
  anchors: readonly Point[],
  inputSize: number,
  minScore: number,
): FaceCandidate[] {
  const found: FaceCandidate[] = [];
  for (let i = 0; i < anchors.length; i++) {
    const score = sigmoid(logits[i]!);
    if (score < minScore) continue;
    const r = i * REGRESSOR_WIDTH;
    const ax = anchors[i]![0] * inputSize;
    const ay = anchors[i]![1] * inputSize;
    const cx = ax + regressors[r]!;
    const cy = ay + regressors[r + 1]!;
    const width = regressors[r + 2]!;
    const height = regressors[r + 3]!;
    if (!(width > 0 && height > 0)) continue;
    const keypoints: Point[] = [];
    for (let k = 0; k < KEYPOINT_COUNT; k++) {
      keypoints.push([ax + regressors[r + 4 + 2 * k]!, ay + regressors[r + 5 + 2 * k]!]);
    }
    found.push({ score, box: { x: cx - width / 2, y: cy - height / 2, width, height }, keypoints });
  }
  return found;
}
