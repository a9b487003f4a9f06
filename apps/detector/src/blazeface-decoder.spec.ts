import { blazeFaceAnchors } from './blazeface-anchors';
import { decodeBlazeFace, REGRESSOR_WIDTH } from './blazeface-decoder';

describe('decodeBlazeFace', () => {
  const anchors = blazeFaceAnchors();
  const logits = new Float32Array(anchors.length).fill(-10);
  const regressors = new Float32Array(anchors.length * REGRESSOR_WIDTH);

  it('keeps anchors above the score and offsets box and keypoints from the anchor centre in input pixels', () => {
    const i = 512 + 9 * 6; // second grid, cell 9 = (x 1, y 1) of 8x8: centre (3/16, 3/16)
    logits[i] = 2; // sigmoid 0.88
    regressors.set([4, -2, 30, 32, 1, 1, 9, 1, 5, 8, 5, 14, -10, 3, 20, 3], i * REGRESSOR_WIDTH);
    const found = decodeBlazeFace(logits, regressors, anchors, 128, 0.5);
    expect(found).toHaveLength(1);
    const [face] = found;
    expect(face!.score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    // Anchor centre 24,24 in a 128 input; centre +(4,-2), size 30x32.
    expect(face!.box).toEqual({ x: 28 - 15, y: 22 - 16, width: 30, height: 32 });
    expect(face!.keypoints[0]).toEqual([25, 25]);
    expect(face!.keypoints[3]).toEqual([29, 38]);
    expect(face!.keypoints).toHaveLength(6);
  });

  it('drops everything below the minimum score', () => {
    expect(decodeBlazeFace(logits, regressors, anchors, 128, 0.9)).toHaveLength(0);
  });
});
