import { concatFloat32 } from './concat-float32';

describe('concatFloat32', () => {
  it('joins the parts in order, and nothing into an empty array', () => {
    expect(Array.from(concatFloat32([new Float32Array([1, 2]), new Float32Array(0), new Float32Array([3])]))).toEqual([1, 2, 3]);
    expect(concatFloat32([])).toHaveLength(0);
  });
});
