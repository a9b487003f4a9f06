import { lumaOf } from './luma';

describe('lumaOf', () => {
  it('weights R, G, B as BT.601 and keeps grey levels', () => {
    const data = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 80, 80, 80]);
    const luma = lumaOf({ width: 2, height: 2, data });
    expect(luma.data[0]).toBeCloseTo(76.245, 3);
    expect(luma.data[1]).toBeCloseTo(149.685, 3);
    expect(luma.data[2]).toBeCloseTo(29.07, 3);
    expect(luma.data[3]).toBeCloseTo(80, 4);
  });
});
