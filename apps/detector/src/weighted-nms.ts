import type { Point } from '@bio/imaging';
import type { Box, FaceCandidate } from './face-candidate';

export function intersectionOverUnion(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

/**
 * MediaPipe's weighted non-maximum suppression: the best remaining candidate absorbs every
 * candidate overlapping it by at least `minOverlap` IoU, and the group's box and keypoints
 * become their score-weighted mean (steadier than keeping the single best), scored by the best.
 */
export function weightedNms(candidates: readonly FaceCandidate[], minOverlap: number): FaceCandidate[] {
  const remaining = [...candidates].sort((p, q) => q.score - p.score);
  const merged: FaceCandidate[] = [];
  while (remaining.length > 0) {
    const best = remaining[0]!;
    const group = remaining.filter((c) => intersectionOverUnion(best.box, c.box) >= minOverlap);
    merged.push({ ...weightedMean(group), score: best.score });
    const absorbed = new Set(group);
    for (let i = remaining.length - 1; i >= 0; i--) if (absorbed.has(remaining[i]!)) remaining.splice(i, 1);
  }
  return merged;
}

function weightedMean(group: readonly FaceCandidate[]): Omit<FaceCandidate, 'score'> {
  let total = 0;
  const box = { x: 0, y: 0, width: 0, height: 0 };
  const sums = group[0]!.keypoints.map(() => [0, 0]);
  for (const c of group) {
    total += c.score;
    box.x += c.box.x * c.score;
    box.y += c.box.y * c.score;
    box.width += c.box.width * c.score;
    box.height += c.box.height * c.score;
    c.keypoints.forEach(([x, y], k) => {
      sums[k]![0] += x * c.score;
      sums[k]![1] += y * c.score;
    });
  }
  return {
    box: { x: box.x / total, y: box.y / total, width: box.width / total, height: box.height / total },
    keypoints: sums.map(([x, y]): Point => [x! / total, y! / total]),
  };
}
