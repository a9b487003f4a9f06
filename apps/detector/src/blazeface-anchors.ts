import type { Point } from '@bio/imaging';

/**
 * MediaPipe's SSD anchors for BlazeFace, in input-normalised coordinates. Both models use
 * four anchor layers whose strides are (s, 2s, 2s, 2s) with s = input/16; layers of equal
 * stride share one grid, so there are two grids: 16x16 cells with 2 anchors each (512)
 * and 8x8 cells with 6 anchors each (384). All anchors have unit size ("fixed_anchor_size"),
 * so only their centres matter.
 */
export const ANCHOR_GRIDS = [
  { cells: 16, perCell: 2 },
  { cells: 8, perCell: 6 },
] as const;

export function blazeFaceAnchors(): Point[] {
  const anchors: Point[] = [];
  for (const { cells, perCell } of ANCHOR_GRIDS) {
    for (let y = 0; y < cells; y++) {
      for (let x = 0; x < cells; x++) {
        const centre: Point = [(x + 0.5) / cells, (y + 0.5) / cells];
        for (let k = 0; k < perCell; k++) anchors.push(centre);
      }
    }
  }
  return anchors;
}

/** Anchors per grid, in output order: 512 and 384. */
export const ANCHORS_PER_GRID = ANCHOR_GRIDS.map((g) => g.cells * g.cells * g.perCell);
