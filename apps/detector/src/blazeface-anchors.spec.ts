import { ANCHORS_PER_GRID, blazeFaceAnchors } from './blazeface-anchors';

describe('blazeFaceAnchors', () => {
  const anchors = blazeFaceAnchors();

  it('matches the two output blocks of the models: 512 + 384 anchors', () => {
    expect(ANCHORS_PER_GRID).toEqual([512, 384]);
    expect(anchors).toHaveLength(896);
  });

  it('puts two anchors per 16x16 cell, then six per 8x8 cell, row by row', () => {
    expect(anchors[0]).toEqual([1 / 32, 1 / 32]);
    expect(anchors[1]).toEqual([1 / 32, 1 / 32]);
    expect(anchors[2]).toEqual([3 / 32, 1 / 32]);
    expect(anchors[32]).toEqual([1 / 32, 3 / 32]);
    expect(anchors[511]).toEqual([31 / 32, 31 / 32]);
    expect(anchors[512]).toEqual([1 / 16, 1 / 16]);
    expect(anchors[517]).toEqual([1 / 16, 1 / 16]);
    expect(anchors[518]).toEqual([3 / 16, 1 / 16]);
    expect(anchors[895]).toEqual([15 / 16, 15 / 16]);
  });
});
