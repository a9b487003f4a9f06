import type { Point, RgbImage } from '@bio/imaging';
import type { Box, FaceCandidate } from './face-candidate';
import { weightedNms } from './weighted-nms';

export interface FaceLandmarks {
  /** Subject's right eye: on the image's left in an upright, unmirrored photo; ArcFace's first template point. */
  leftEye: Point;
  rightEye: Point;
  nose: Point;
  mouth: Point;
  leftEar: Point;
  rightEar: Point;
}

export interface Face {
  /** Clipped to the image. */
  box: Box;
  score: number;
  landmarks: FaceLandmarks;
}

/** A network that proposes faces in source-image pixels (a BlazeFaceModel). */
export interface CandidateSource {
  detect(image: RgbImage, minScore: number): Promise<FaceCandidate[]>;
}

export interface FaceDetectorOptions {
  minScore: number;
  /** Candidates overlapping at least this IoU are one face (MediaPipe uses 0.3). */
  minOverlap: number;
}

export const DEFAULT_DETECTOR_OPTIONS: FaceDetectorOptions = { minScore: 0.5, minOverlap: 0.3 };

/**
 * Runs every BlazeFace model on the whole image (the 128 front model finds faces that fill
 * the frame, the 256 back model smaller ones) and merges their candidates together, so a
 * face both find gets keypoints averaged over both.
 */
export class FaceDetector {
  constructor(
    private readonly models: readonly CandidateSource[],
    private readonly options: FaceDetectorOptions = DEFAULT_DETECTOR_OPTIONS,
  ) {}

  /** Faces largest first. */
  async detect(image: RgbImage): Promise<Face[]> {
    const candidates: FaceCandidate[] = [];
    for (const model of this.models) candidates.push(...(await model.detect(image, this.options.minScore)));
    return weightedNms(candidates, this.options.minOverlap)
      .map((c) => toFace(c, image))
      .filter((f) => f.box.width > 0 && f.box.height > 0)
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  }
}

function toFace(c: FaceCandidate, image: RgbImage): Face {
  const [leftEye, rightEye, nose, mouth, leftEar, rightEar] = c.keypoints as [Point, Point, Point, Point, Point, Point];
  const x0 = Math.max(0, c.box.x);
  const y0 = Math.max(0, c.box.y);
  const x1 = Math.min(image.width, c.box.x + c.box.width);
  const y1 = Math.min(image.height, c.box.y + c.box.height);
  return {
    box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    score: c.score,
    landmarks: { leftEye, rightEye, nose, mouth, leftEar, rightEar },
  };
}
