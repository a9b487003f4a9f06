import type { Affine } from './affine';
import type { Point } from './rgb-image';

/**
 * Least-squares similarity (rotation, uniform scale, translation; no reflection) taking
 * `from` onto `to`: Umeyama's closed form, which in 2-D reduces to two sums over the
 * centred points.
 */
export function estimateSimilarity(from: readonly Point[], to: readonly Point[]): Affine {
  if (from.length !== to.length || from.length < 2) {
    throw new Error('A similarity needs at least two point pairs of equal count');
  }
  const n = from.length;
  const [fx, fy] = centroid(from);
  const [tx, ty] = centroid(to);
  let spread = 0;
  let dot = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    const sx = from[i]![0] - fx;
    const sy = from[i]![1] - fy;
    const dx = to[i]![0] - tx;
    const dy = to[i]![1] - ty;
    spread += sx * sx + sy * sy;
    dot += sx * dx + sy * dy;
    cross += sx * dy - sy * dx;
  }
  if (spread < 1e-12) throw new Error('Source points coincide; no similarity is defined');
  const cos = dot / spread;
  const sin = cross / spread;
  return { a: cos, b: -sin, c: tx - (cos * fx - sin * fy), d: sin, e: cos, f: ty - (sin * fx + cos * fy) };
}

function centroid(points: readonly Point[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const [px, py] of points) {
    x += px;
    y += py;
  }
  return [x / points.length, y / points.length];
}
