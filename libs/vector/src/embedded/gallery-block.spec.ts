import { GalleryBlock } from './gallery-block';

const unit = (...values: number[]) => {
  const v = Float32Array.from(values);
  const length = Math.hypot(...values);
  return v.map((x) => x / length);
};

describe('GalleryBlock', () => {
  it('grows past its initial capacity and finds every row', () => {
    // 103 rows: four-row passes plus a remainder of three.
    const basis = (i: number) => Float32Array.from({ length: 103 }, (_, j) => (j === i ? 1 : 0));
    const block = new GalleryBlock('m', 'g', 103);
    for (let i = 0; i < 103; i++) block.put(`t${i}`, `p${i}`, basis(i));
    expect(block.size).toBe(103);
    for (const i of [0, 15, 16, 99, 100, 102]) {
      expect(block.search(basis(i), 1)).toEqual([{ templateId: `t${i}`, personId: `p${i}`, score: 1 }]);
    }
  });

  it('moves the last row into a removed slot and keeps ids attached to their vectors', () => {
    const block = new GalleryBlock('m', 'g', 2);
    block.put('a', 'pa', unit(1, 0));
    block.put('b', 'pb', unit(0, 1));
    block.put('c', 'pc', unit(-1, 0));
    expect(block.remove('a')).toBe(true);
    expect(block.remove('a')).toBe(false);
    expect([...block.ids()].sort()).toEqual(['b', 'c']);
    const [best] = block.search(unit(-1, 0), 1);
    expect(best).toMatchObject({ templateId: 'c', personId: 'pc' });
    expect(best.score).toBeCloseTo(1, 6);
    block.put('c', 'pc2', unit(0, -1));
    expect(block.size).toBe(2);
    expect(block.search(unit(0, -1), 1)[0]).toMatchObject({ templateId: 'c', personId: 'pc2' });
  });

  it('scores dimensions that are not a multiple of four', () => {
    const block = new GalleryBlock('m', 'g', 5);
    block.put('a', 'pa', unit(1, 2, 3, 4, 5));
    const [hit] = block.search(unit(5, 4, 3, 2, 1), 1);
    expect(hit.score).toBeCloseTo(35 / 55, 6);
  });
});
