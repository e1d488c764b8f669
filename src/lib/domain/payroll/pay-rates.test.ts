import { describe, expect, it } from 'vitest';
import { rateHistory, rateOn, type PayRate } from './pay-rates';

const rate = (id: string, technicianId: string, hourlyCents: number, effectiveFrom: string, at = '2026-01-01T10:00:00.000Z', stamp?: string): PayRate => ({
  id,
  technicianId,
  hourlyCents,
  effectiveFrom,
  at,
  ...(stamp ? { stamp } : {}),
  by: 'admin-1'
});

describe('rateOn', () => {
  const rates = [rate('a', 't1', 3000, '2026-01-01'), rate('b', 't1', 3200, '2026-06-01'), rate('c', 't2', 4000, '2026-03-01')];

  it('takes the latest rate that has started by the day', () => {
    expect(rateOn(rates, 't1', '2026-05-31')?.hourlyCents).toBe(3000);
    expect(rateOn(rates, 't1', '2026-06-01')?.hourlyCents).toBe(3200);
    expect(rateOn(rates, 't1', '2027-01-01')?.hourlyCents).toBe(3200);
  });

  it('has no rate before the first one starts, and none for another technician', () => {
    expect(rateOn(rates, 't2', '2026-02-28')).toBeNull();
    expect(rateOn(rates, 't3', '2026-06-01')).toBeNull();
  });

  it('breaks ties on one day by stamp, then time, then id, the same on every device', () => {
    const same = [rate('x', 't1', 3500, '2026-06-01', '2026-05-01T09:00:00.000Z', '2026-05-01T09:00:00.002Z'), rate('y', 't1', 3600, '2026-06-01', '2026-05-01T09:00:00.001Z')];
    expect(rateOn(same, 't1', '2026-06-02')?.id).toBe('x');
    expect(rateOn([...same].reverse(), 't1', '2026-06-02')?.id).toBe('x');
    const tie = [rate('m', 't1', 1, '2026-06-01'), rate('n', 't1', 2, '2026-06-01')];
    expect(rateOn(tie, 't1', '2026-06-01')?.id).toBe('n');
    expect(rateOn([...tie].reverse(), 't1', '2026-06-01')?.id).toBe('n');
  });

  it('lists a technician\'s history newest first', () => {
    expect(rateHistory(rates, 't1').map((r) => r.id)).toEqual(['b', 'a']);
  });
});
