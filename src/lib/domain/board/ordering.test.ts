import { describe, expect, it } from 'vitest';
import { compareRanked, compareTriage, rankAtEnd, rankForIndex, type Ranked, type Triaged } from './ordering';

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

describe('triage order (the New column)', () => {
  const call = (id: string, priority: string, createdAt: string, slaDue: string | null = null): Triaged => ({ id, priority, createdAt, slaDue });
  const order = (calls: Triaged[]) => [...calls].sort(compareTriage).map((c) => c.id);

  it('puts a fresh urgent call above forty older normal ones', () => {
    const older = Array.from({ length: 40 }, (_, i) => call(`n${String(i).padStart(2, '0')}`, 'normal', `2026-03-0${1 + (i % 9)}T08:00:00.000Z`));
    const urgent = call('u1', 'urgent', '2026-03-10T09:00:00.000Z');
    expect(order([...older, urgent])[0]).toBe('u1');
  });

  it('orders by priority, then earliest SLA deadline (none last), then newest first, then id', () => {
    const calls = [
      call('low', 'low', '2026-03-10T12:00:00.000Z', '2026-03-10T13:00:00.000Z'),
      call('normal-old', 'normal', '2026-03-01T08:00:00.000Z'),
      call('normal-new', 'normal', '2026-03-09T08:00:00.000Z'),
      call('normal-due-late', 'normal', '2026-03-01T08:00:00.000Z', '2026-03-12T08:00:00.000Z'),
      call('normal-due-soon', 'normal', '2026-03-01T08:00:00.000Z', '2026-03-11T08:00:00.000Z'),
      call('high', 'high', '2026-02-01T08:00:00.000Z'),
      call('urgent-b', 'urgent', '2026-03-05T08:00:00.000Z'),
      call('urgent-a', 'urgent', '2026-03-05T08:00:00.000Z')
    ];
    expect(order(calls)).toEqual(['urgent-a', 'urgent-b', 'high', 'normal-due-soon', 'normal-due-late', 'normal-new', 'normal-old', 'low']);
  });

  it('gives every replica the same order whatever order the jobs arrive in (seeded shuffles)', () => {
    const calls = Array.from({ length: 30 }, (_, i) =>
      call(`j${i}`, ['low', 'normal', 'high', 'urgent', 'someday'][i % 5]!, `2026-03-0${1 + (i % 3)}T08:00:00.000Z`, i % 4 ? null : `2026-03-1${i % 7}T00:00:00.000Z`)
    );
    const expected = order(calls);
    for (let seed = 1; seed <= 20; seed++) {
      let state = seed;
      const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const shuffled = [...calls].sort(() => random() - 0.5);
      expect(order(shuffled), `seed ${seed}`).toEqual(expected);
    }
  });

  it('treats an unknown priority from a newer peer as normal', () => {
    expect(order([call('odd', 'someday', '2026-03-02T00:00:00.000Z'), call('norm', 'normal', '2026-03-01T00:00:00.000Z')])).toEqual(['odd', 'norm']);
  });
});
