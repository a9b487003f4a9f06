import { turnImage, type QuarterTurn, type RgbImage } from '@bio/imaging';
import { stopwatch } from '@bio/observability';
import type { Face, FaceDetector } from '../face-detector';
import { headPose } from '../quality/head-pose';
import { faceInSource } from './face-in-source';

/**
 * Measured on the 61 one-face deepface photos and 180 photos of ../shared/data/mask, each
 * upright and turned by 90, 180 and 270 degrees. BlazeFace reports faces on turned copies
 * too: on a copy turned by 90 or 270 the upright pass scored up to 0.94 but with the eye
 * line 57 degrees or more off level (correct turn: at most 16); upside-down copies came out
 * level but scored at most 0.85 (correct turn: at least 0.88, and at least 0.098 higher).
 * Close-up masked faces score low upright and their turned views up to 0.87, so a turn only
 * wins when its face is confident and clearly beats a level upright one. With these values
 * no upright deepface or masked photo ends up turned, every turned deepface copy gets its
 * turn back, and about half of the turned masked close-ups stay unrecovered.
 */
export const ORIENTATION_RULE = { trustUprightScore: 0.87, maxLevelRollDegrees: 45, turnMustBeatLevelUprightBy: 0.08 };

const OTHER_TURNS: readonly QuarterTurn[] = [90, 180, 270];

export interface OrientedFaces {
  /** In the coordinates of the image as given, largest first. */
  faces: Face[];
  /** Degrees clockwise the image had to be turned for the faces to stand upright. */
  orientation: QuarterTurn;
  /** `turns` only when the other three turns had to be tried. */
  timings: { detect: number; turns?: number };
}

interface Pass {
  orientation: QuarterTurn;
  /** As detected, in the coordinates of the view the detector saw. */
  seen: Face[];
}

/**
 * Faces in a photo that may be turned by a quarter turn. The upright pass comes first and
 * is kept when its best face is confident and level, so an upright photo pays nothing
 * extra; otherwise the three other turns are tried and the pass whose best level face
 * scores highest wins, a turn only with a confident face.
 */
export async function detectInAnyOrientation(detector: Pick<FaceDetector, 'detect'>, image: RgbImage): Promise<OrientedFaces> {
  const lap = stopwatch();
  const upright: Pass = { orientation: 0, seen: await detector.detect(image) };
  const detect = lap();
  const uprightBest = levelBestScore(upright);
  if (uprightBest >= ORIENTATION_RULE.trustUprightScore) return { faces: upright.seen, orientation: 0, timings: { detect } };
  const passes = [upright];
  for (const orientation of OTHER_TURNS) passes.push({ orientation, seen: await detector.detect(await turnImage(image, orientation)) });
  const turns = lap();
  const anyLevel = passes.some((p) => levelBestScore(p) > 0);
  // Without a level face anywhere, the plain best score is the only evidence left.
  const rank = (p: Pass) => (anyLevel ? levelRank(p, uprightBest) : bestScore(p.seen));
  const winner = passes.reduce((best, p) => (rank(p) > rank(best) ? p : best));
  const faces = winner.seen.map((face) => faceInSource(face, winner.orientation, image));
  return { faces, orientation: winner.orientation, timings: { detect, turns } };
}

function levelRank(pass: Pass, uprightBest: number): number {
  const score = levelBestScore(pass);
  if (pass.orientation === 0) return score;
  if (score < ORIENTATION_RULE.trustUprightScore) return -1;
  return uprightBest > 0 ? score - ORIENTATION_RULE.turnMustBeatLevelUprightBy : score;
}

/** The best score among faces whose eye line is level in the view they were found in; 0 when none is. */
function levelBestScore(pass: Pass): number {
  return bestScore(pass.seen.filter((f) => Math.abs(headPose(f.landmarks).roll) <= ORIENTATION_RULE.maxLevelRollDegrees));
}

function bestScore(faces: readonly Face[]): number {
  return Math.max(0, ...faces.map((f) => f.score));
}
