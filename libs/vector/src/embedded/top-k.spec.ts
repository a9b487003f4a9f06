import { TopK } from './top-k';

describe('TopK', () => {
  it('keeps the k best of a stream, best first', () => {
    let state = 7;
    const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
    const scores = Array.from({ length: 1_000 }, random);
    const top = new TopK(7);
    scores.forEach((score, row) => top.offer(score, row));
    const expected = scores.map((score, row) => ({ row, score })).sort((a, b) => b.score - a.score).slice(0, 7);
    expect(top.results()).toEqual(expected);
  });

  it('returns fewer than k when the stream is shorter', () => {
    const top = new TopK(5);
    top.offer(0.2, 0);
    top.offer(0.9, 1);
    expect(top.results()).toEqual([{ row: 1, score: 0.9 }, { row: 0, score: 0.2 }]);
  });

  it('keeps nothing for k = 0', () => {
    const top = new TopK(0);
    top.offer(1, 0);
    expect(top.results()).toEqual([]);
  });

  it('handles negative scores and ties', () => {
    const top = new TopK(2);
    [-0.5, -0.1, -0.1, -0.9].forEach((score, row) => top.offer(score, row));
    expect(top.results().map((r) => r.score)).toEqual([-0.1, -0.1]);
  });
});
