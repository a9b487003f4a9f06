import { turnedPointToSource, type Point, type QuarterTurn } from '@bio/imaging';
import type { Face } from '../face-detector';

/**
 * A face found on the copy turned clockwise by `turn`, in the coordinates of the original.
 * Landmarks keep their anatomical names, so an alignment from them still comes out upright.
 */
export function faceInSource(face: Face, turn: QuarterTurn, source: { width: number; height: number }): Face {
  const back = (p: Point) => turnedPointToSource(p, turn, source);
  const [ax, ay] = back([face.box.x, face.box.y]);
  const [bx, by] = back([face.box.x + face.box.width, face.box.y + face.box.height]);
  const { leftEye, rightEye, nose, mouth, leftEar, rightEar } = face.landmarks;
  return {
    box: { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) },
    score: face.score,
    landmarks: {
      leftEye: back(leftEye), rightEye: back(rightEye), nose: back(nose),
      mouth: back(mouth), leftEar: back(leftEar), rightEar: back(rightEar),
    },
  };
}
