import { describe, expect, it } from 'vitest';
import { compareRanked, rankAtEnd, rankForIndex, type Ranked } from './ordering';

function column(...ranks: string[]): Ranked[] {
  return ranks.map((rank, i) => ({ id: `c${i}`, rank }));
}

describe('fractional ordering', () => {
  it('places a card between its neighbours', () => {
    const col = column('a0', 'a1');
    const rank = rankForIndex(col, 1);
    expect(rank > 'a0' && rank < 'a1').toBe(true);
  });

  it('places cards at the top and the bottom', () => {
    const col = column('a0', 'a1');
    expect(rankForIndex(col, 0) < 'a0').toBe(true);
    expect(rankForIndex(col, 2) > 'a1').toBe(true);
    expect(rankAtEnd(col) > 'a1').toBe(true);
    expect(rankForIndex([], 0)).toBeTruthy();
  });

  it('survives equal ranks left by two offline devices', () => {
    const col = column('a1', 'a1');
    const rank = rankForIndex(col, 1);
    expect(rank > 'a1').toBe(true);
  });

  it('sorts equal ranks by id and unranked cards last, the same on every device', () => {
    const cards: Ranked[] = [{ id: 'z', rank: '' }, { id: 'b', rank: 'a1' }, { id: 'a', rank: 'a1' }, { id: 'c', rank: 'a0' }];
    expect([...cards].sort(compareRanked).map((c) => c.id)).toEqual(['c', 'a', 'b', 'z']);
  });

  it('keeps 1,000 inserts at the same spot strictly ordered', () => {
    const col = column('a0', 'a1');
    for (let i = 0; i < 1000; i++) {
      col.splice(1, 0, { id: `n${i}`, rank: rankForIndex(col, 1) });
    }
    for (let i = 1; i < col.length; i++) expect(col[i - 1]!.rank < col[i]!.rank).toBe(true);
  });
});
