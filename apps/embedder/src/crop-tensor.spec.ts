import { l2Normalise, writeCropTensor } from './crop-tensor';

describe('writeCropTensor', () => {
  // A 2x2 crop: pixels (R,G,B) = (10,20,30), (40,50,60), (70,80,90), (100,110,120).
  const crop = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);

  it('writes planar BGR, normalised, at the offset', () => {
    const out = new Float32Array(2 + 12);
    writeCropTensor(crop, 2, { channelOrder: 'bgr', mean: 10, std: 2 }, out, 2);
    expect(Array.from(out)).toEqual([0, 0, 10, 25, 40, 55, 5, 20, 35, 50, 0, 15, 30, 45]);
  });

  it('writes planar RGB', () => {
    const out = new Float32Array(12);
    writeCropTensor(crop, 2, { channelOrder: 'rgb', mean: 0, std: 1 }, out, 0);
    expect(Array.from(out)).toEqual([10, 40, 70, 100, 20, 50, 80, 110, 30, 60, 90, 120]);
  });
});

describe('l2Normalise', () => {
  it('scales to unit length', () => {
    expect(Array.from(l2Normalise(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
  });

  it('refuses a zero vector', () => {
    expect(() => l2Normalise(new Float32Array(4))).toThrow();
  });
});
