import { describe, expect, it } from 'vitest';
import { compareStamped, nextStamp } from './event-order';

describe('event order (stamp rule)', () => {
  it('sorts by stamp, falling back to at for entries without one, then by id', () => {
    const entries = [
      { id: 'c', at: '2026-01-01T10:00:00.000Z', stamp: '2026-01-01T10:05:00.001Z' },
      { id: 'b', at: '2026-01-01T10:05:00.000Z' },
      { id: 'a', at: '2026-01-01T10:05:00.000Z' },
      { id: 'd', at: '2026-01-01T09:00:00.000Z', stamp: '2026-01-01T09:00:00.000Z' }
    ];
    expect([...entries].sort(compareStamped).map((e) => e.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('compares instants written with an offset by time, not by text', () => {
    const early = { id: 'z', at: '2026-01-01T11:00:00+02:00' }; // 09:00Z
    const late = { id: 'a', at: '2026-01-01T10:00:00.000Z' };
    expect([late, early].sort(compareStamped).map((e) => e.id)).toEqual(['z', 'a']);
  });

  it('stamps after everything seen, and never before now', () => {
    const seen = [{ id: 'x', at: '2026-01-01T10:00:00.000Z', stamp: '2026-01-01T10:03:00.000Z' }];
    expect(nextStamp(seen, new Date('2026-01-01T10:00:30.000Z'))).toBe('2026-01-01T10:03:00.001Z');
    expect(nextStamp(seen, new Date('2026-01-01T10:09:00.000Z'))).toBe('2026-01-01T10:09:00.000Z');
    expect(nextStamp([], new Date('2026-01-01T10:09:00.000Z'))).toBe('2026-01-01T10:09:00.000Z');
  });
});
