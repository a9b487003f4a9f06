import { rankPersons } from './person-ranking';

describe('rankPersons', () => {
  it('keeps each person once, at its best template, in best-first order', () => {
    const hits = [
      { templateId: 't1', personId: 'a', score: 0.9 },
      { templateId: 't2', personId: 'b', score: 0.8 },
      { templateId: 't3', personId: 'a', score: 0.7 },
      { templateId: 't4', personId: 'c', score: 0.6 },
      { templateId: 't5', personId: 'b', score: 0.5 },
    ];
    expect(rankPersons(hits)).toEqual([
      { personId: 'a', score: 0.9 },
      { personId: 'b', score: 0.8 },
      { personId: 'c', score: 0.6 },
    ]);
  });
});
