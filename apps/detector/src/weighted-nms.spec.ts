import type { FaceCandidate } from './face-candidate';
import { intersectionOverUnion, weightedNms } from './weighted-nms';

const candidate = (score: number, x: number, y: number, size: number): FaceCandidate => ({
  score,
  box: { x, y, width: size, height: size },
  keypoints: [[x + size / 3, y + size / 3], [x + (2 * size) / 3, y + size / 3]],
});

describe('weightedNms', () => {
  it('computes IoU', () => {
    expect(intersectionOverUnion({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150, 10);
    expect(intersectionOverUnion({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 0, width: 10, height: 10 })).toBe(0);
  });

  it('merges overlapping candidates into their score-weighted mean with the best score', () => {
    const merged = weightedNms([candidate(0.6, 10, 10, 100), candidate(0.9, 14, 10, 100)], 0.3);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.score).toBe(0.9);
    expect(merged[0]!.box.x).toBeCloseTo((10 * 0.6 + 14 * 0.9) / 1.5, 10);
    expect(merged[0]!.keypoints[0]![0]).toBeCloseTo(((10 + 100 / 3) * 0.6 + (14 + 100 / 3) * 0.9) / 1.5, 10);
  });

  it('keeps separate faces apart, best first', () => {
    const merged = weightedNms([candidate(0.7, 0, 0, 50), candidate(0.95, 200, 0, 50), candidate(0.8, 2, 1, 50)], 0.3);
    expect(merged.map((m) => m.score)).toEqual([0.95, 0.8]);
  });
});
