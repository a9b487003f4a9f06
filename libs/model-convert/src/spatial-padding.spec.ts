import { axisWindow, spatialWindow } from './spatial-padding';

describe('TF window padding as explicit ONNX pads', () => {
  it('SAME with an even total pads the odd pixel after, like TF', () => {
    // 224 / 2 -> 112 outputs; (112-1)*2 + 3 - 224 = 1 pixel, all of it after.
    expect(axisWindow(224, 3, 2, 'SAME')).toEqual({ output: 112, before: 0, after: 1 });
    // 7 / 2 -> 4 outputs; (4-1)*2 + 3 - 7 = 2: one each side.
    expect(axisWindow(7, 3, 2, 'SAME')).toEqual({ output: 4, before: 1, after: 1 });
    // 64 / 1 with a 3x3 kernel: symmetric 1 + 1.
    expect(axisWindow(64, 3, 1, 'SAME')).toEqual({ output: 64, before: 1, after: 1 });
    // 32 / 2 with a 3x3 max pool (emotion's pools): 16 outputs, 1 pixel after only.
    expect(axisWindow(32, 3, 2, 'SAME')).toEqual({ output: 16, before: 0, after: 1 });
  });

  it('SAME never pads negatively when the stride exceeds the kernel', () => {
    expect(axisWindow(10, 1, 3, 'SAME')).toEqual({ output: 4, before: 0, after: 0 });
    expect(axisWindow(8, 2, 4, 'SAME')).toEqual({ output: 2, before: 0, after: 0 });
  });

  it('VALID drops the pixels that do not fill a window', () => {
    expect(axisWindow(128, 3, 1, 'VALID')).toEqual({ output: 126, before: 0, after: 0 });
    expect(axisWindow(63, 2, 2, 'VALID')).toEqual({ output: 31, before: 0, after: 0 });
    expect(() => axisWindow(2, 3, 1, 'VALID')).toThrow(/larger than the input/);
  });

  it('orders both axes as ONNX wants: [top, left, bottom, right]', () => {
    expect(spatialWindow([224, 7], [3, 3], [2, 2], 'SAME')).toEqual({ output: [112, 4], pads: [0, 1, 1, 1] });
  });

  it('refuses a window on an unknown (dynamic) size', () => {
    expect(() => axisWindow(-1, 3, 1, 'SAME')).toThrow(/static/);
  });
});
