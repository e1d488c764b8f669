import { describe, expect, it } from 'vitest';
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import { labourCosts, minutesCostCents } from './labour-cost';
import type { PayRate } from './pay-rates';

const TZ = 'America/Los_Angeles';
const rate = (technicianId: string, hourlyCents: number, effectiveFrom: string): PayRate => ({ id: `${technicianId}-${effectiveFrom}`, technicianId, hourlyCents, effectiveFrom, at: '2026-01-01T00:00:00.000Z', by: 'admin' });
let n = 0;
const entry = (technicianId: string, kind: CurrentTimeEntry['kind'], start: string, end: string | null, jobId: string | null = 'j1'): CurrentTimeEntry => {
  const id = `e${++n}`;
  return { id, rootId: id, edited: false, technicianId, jobId, visitId: null, kind, start, end, at: start, by: technicianId };
};

describe('labour cost of time entries', () => {
  it('rounds minutes × hourly rate half-up to a cent', () => {
    expect(minutesCostCents(60, 3000)).toBe(3000);
    expect(minutesCostCents(1, 3001)).toBe(50); // 50.0166…
    expect(minutesCostCents(1, 3030)).toBe(51); // 50.5 → 51
    expect(minutesCostCents(0, 3000)).toBe(0);
  });

  it('prices on-site and travel at the rate in force on the local start day, skipping breaks and running entries', () => {
    const rates = [rate('t1', 3000, '2026-01-01'), rate('t1', 3600, '2026-06-01')];
    const entries = [
      // 23:30 on May 31 in Los Angeles is June 1 in UTC: still May's rate.
      entry('t1', 'on_site', '2026-06-01T06:30:00.000Z', '2026-06-01T07:30:00.000Z'),
      entry('t1', 'travel', '2026-06-02T16:00:00.000Z', '2026-06-02T16:30:00.000Z'),
      entry('t1', 'break', '2026-06-02T17:00:00.000Z', '2026-06-02T17:30:00.000Z', null),
      entry('t1', 'on_site', '2026-06-02T18:00:00.000Z', null)
    ];
    const { lines, unpriced } = labourCosts(entries, rates, TZ);
    expect(lines.map((l) => [l.minutes, l.costCents])).toEqual([
      [60, 3000],
      [30, 1800]
    ]);
    expect(unpriced).toEqual([]);
  });

  it('leaves out unpaid travel, and lists entries of technicians without a rate instead of costing them nothing', () => {
    const entries = [entry('t1', 'travel', '2026-06-02T16:00:00.000Z', '2026-06-02T16:30:00.000Z'), entry('t2', 'on_site', '2026-06-02T16:00:00.000Z', '2026-06-02T17:00:00.000Z')];
    const { lines, unpriced } = labourCosts(entries, [rate('t1', 3000, '2026-01-01')], TZ, { travelPaid: false });
    expect(lines).toEqual([]);
    expect(unpriced.map((e) => e.technicianId)).toEqual(['t2']);
  });
});
