import { depthwiseToGroupedOihw, hwioToOihw } from './weight-layout';

/** A filter whose every value encodes its own HWIO (or HWCM) index, so any misplacement shows. */
function labelled([a, b, c, d]: [number, number, number, number]): Float32Array {
  const out = new Float32Array(a * b * c * d);
  for (let i = 0; i < a; i++)
    for (let j = 0; j < b; j++)
      for (let k = 0; k < c; k++) for (let l = 0; l < d; l++) out[((i * b + j) * c + k) * d + l] = 1000 * i + 100 * j + 10 * k + l;
  return out;
}

describe('TF filter layouts as ONNX Conv weights', () => {
  it('HWIO [kh,kw,in,out] becomes OIHW [out,in,kh,kw]', () => {
    const { dims, values } = hwioToOihw(labelled([3, 2, 4, 5]), [3, 2, 4, 5]);
    expect(dims).toEqual([5, 4, 3, 2]);
    const at = (o: number, i: number, y: number, x: number) => values[((o * 4 + i) * 3 + y) * 2 + x];
    expect(at(0, 0, 0, 0)).toBe(0);
    expect(at(4, 3, 2, 1)).toBe(2000 + 100 + 30 + 4);
    expect(at(1, 2, 0, 1)).toBe(100 + 20 + 1);
  });

  it('depthwise [kh,kw,C,m] becomes [C*m,1,kh,kw] with output c*m+j', () => {
    const { dims, values } = depthwiseToGroupedOihw(labelled([3, 3, 4, 2]), [3, 3, 4, 2]);
    expect(dims).toEqual([8, 1, 3, 3]);
    const at = (o: number, y: number, x: number) => values[(o * 3 + y) * 3 + x];
    // output channel 5 = channel 2, multiplier index 1
    expect(at(5, 1, 2)).toBe(1000 + 200 + 20 + 1);
    expect(at(6, 0, 0)).toBe(30);
  });

  it('refuses a filter whose values do not match its shape', () => {
    expect(() => hwioToOihw(new Float32Array(5), [1, 1, 2, 3])).toThrow(/does not match/);
  });
});
