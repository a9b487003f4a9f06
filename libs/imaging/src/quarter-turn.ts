import type { Point, RgbImage } from './rgb-image';
import { pipelineToRgb, rawPipeline } from './sharp-raw';

/** Degrees clockwise. */
export type QuarterTurn = 0 | 90 | 180 | 270;

export const QUARTER_TURNS: readonly QuarterTurn[] = [0, 90, 180, 270];

/** The raster turned clockwise by `turn`. */
export async function turnImage(image: RgbImage, turn: QuarterTurn): Promise<RgbImage> {
  return turn === 0 ? image : pipelineToRgb(rawPipeline(image).rotate(turn));
}

/**
 * Where a point of the copy turned clockwise by `turn` lies in the original of the given
 * size (continuous coordinates, so corners map onto corners exactly).
 */
export function turnedPointToSource([x, y]: Point, turn: QuarterTurn, source: { width: number; height: number }): Point {
  switch (turn) {
    case 0:
      return [x, y];
    case 90:
      return [y, source.height - x];
    case 180:
      return [source.width - x, source.height - y];
    case 270:
      return [source.width - y, x];
  }
}
