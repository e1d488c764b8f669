import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../output/csv';
import { nextRunPeriod, payForPeriod, type PayrollInput } from './pay-period';
import type { PayRun } from './pay-run';
import { lockCovering, lockSpans, payRunTable, runTechnicians, runTotalCents } from './run-records';
import { payrollSettingsSchema } from './settings';
import { rate, worked } from './test-support';

const settings = payrollSettingsSchema.parse({ workweekStart: 'sun', periodKind: 'weekly', periodAnchor: '2026-03-01' });
const P1 = { from: '2026-03-01', to: '2026-03-07' };
const P2 = { from: '2026-03-08', to: '2026-03-14' };

function run(input: PayrollInput, period: { from: string; to: string }, id: string): PayRun {
  const technicians = runTechnicians(payForPeriod(input, period));
  return { id, ...period, timeZone: input.timeZone, technicians, totalCents: runTotalCents(technicians), at: '2026-03-09T10:00:00.000Z', by: 'admin' };
}

describe('pay runs', () => {
  // $20.00/h: 1/3 ¢ a minute regular; two technicians over P1, one with a few odd minutes.
  const entries = [worked('t1', '2026-03-02', '08:00', 8 * 60), worked('t1', '2026-03-03', '08:00', 7 * 60 + 7), worked('t2', '2026-03-02', '09:00', 301)];
  const base: PayrollInput = { entries, rates: [rate('t1', 2000), rate('t2', 2550)], settings, timeZone: 'UTC', runs: [] };

  it("the CSV's totals row equals the sum of the technicians' gross pay", () => {
    const r1 = run(base, P1, 'run-1');
    // t1: 907 min × 2000/60 = 30 233.3 → 30 233 ¢; t2: 301 × 2550/60 = 12 792.5 → 12 793 ¢.
    expect(r1.technicians.map((t) => t.grossCents)).toEqual([30_233, 12_793]);
    const rows = Papa.parse<string[]>(toCsv(payRunTable(r1, (id) => `Tech ${id}`)).trim(), { skipEmptyLines: true }).data;
    const [header, ...body] = rows;
    const gross = header!.indexOf('Gross pay');
    const totals = body.at(-1)!;
    const people = body.slice(0, -1);
    expect(totals[2]).toBe('Total');
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(cents(totals[gross]!)).toBe(people.reduce((s, r) => s + cents(r[gross]!), 0));
    expect(cents(totals[gross]!)).toBe(r1.totalCents);
    expect(r1.totalCents).toBe(43_026);
  });

  it('a late correction to a paid day lands in the next run as an adjustment', () => {
    const r1 = run(base, P1, 'run-1');
    // A forgotten hour on Tue 3 March, entered after run 1 as a new entry; plus normal work in P2.
    const late = worked('t1', '2026-03-03', '16:00', 60);
    const p2 = worked('t1', '2026-03-09', '08:00', 4 * 60);
    const [t1] = payForPeriod({ ...base, entries: [...entries, late, p2], runs: [r1] }, P2);
    // Period: 240 min → 8 000 ¢. Adjustment: 60 min regular on 3 March → 2 000 ¢.
    expect(t1).toMatchObject({ technicianId: 't1', regularMinutes: 240, periodCents: 8_000, adjustmentCents: 2_000, grossCents: 10_000 });
    expect(t1?.days.filter((d) => d.adjustment)).toEqual([{ date: '2026-03-03', hourlyCents: 2000, regular: 60, overtime: 0, double: 0, adjustment: true }]);
    expect(t1?.entries.map((e) => e.rootId)).toEqual(expect.arrayContaining([late.rootId, p2.rootId]));
    // Once paid, the next run owes nothing more for that day.
    const r2 = run({ ...base, entries: [...entries, late, p2], runs: [r1] }, P2, 'run-2');
    const [after] = payForPeriod({ ...base, entries: [...entries, late, p2], runs: [r1, r2] }, { from: '2026-03-15', to: '2026-03-21' });
    expect(after).toBeUndefined();
  });

  it('a correction that pushes a paid week over 40 h is paid as overtime', () => {
    const week = ['02', '03', '04', '05', '06'].map((d) => worked('t1', `2026-03-${d}`, '08:00', 8 * 60));
    const input: PayrollInput = { ...base, entries: week, settings: { ...settings, overtimeRules: 'federal' } };
    const r1 = run(input, P1, 'run-1');
    const late = worked('t1', '2026-03-06', '17:00', 90);
    const [t1] = payForPeriod({ ...input, entries: [...week, late], runs: [r1] }, P2);
    // 90 min past 40 h → overtime: 90 × 2000 × 1.5 / 60 = 4 500 ¢.
    expect(t1).toMatchObject({ adjustmentCents: 4_500, grossCents: 4_500, regularMinutes: 0 });
  });

  it('a raise recorded after the run, effective on a paid day, is paid as an adjustment; a settings change is not applied to paid weeks', () => {
    const r1 = run(base, P1, 'run-1');
    // $20.00 → $21.00 from Tue 3 March, recorded after run 1 was approved (09 March 10:00).
    const raise = { ...rate('t1', 2100, '2026-03-03'), at: '2026-03-10T09:00:00.000Z' };
    const [t1] = payForPeriod({ ...base, rates: [...base.rates, raise], runs: [r1] }, P2);
    // 427 min on 3 March: +427 × 2100/60 = 14 945 ¢, −427 × 2000/60 = 14 233.3 → 14 233 ¢: +712 ¢.
    expect(t1).toMatchObject({ technicianId: 't1', adjustmentCents: 712, periodCents: 0 });
    expect(t1?.days).toEqual([
      { date: '2026-03-03', hourlyCents: 2100, regular: 427, overtime: 0, double: 0, adjustment: true },
      { date: '2026-03-03', hourlyCents: 2000, regular: -427, overtime: 0, double: 0, adjustment: true }
    ]);
    // Paying breaks from now on does not re-pay the breaks of weeks already paid.
    const withBreak = [...entries, worked('t1', '2026-03-02', '12:00', 30, 'break')];
    const r1b = run({ ...base, entries: withBreak }, P1, 'run-1');
    expect(payForPeriod({ ...base, entries: withBreak, settings: { ...settings, breakPay: 'paid' }, runs: [r1b] }, P2)).toEqual([]);
  });

  it('locks cover each technician of the run over the period, in the run’s zone', () => {
    const r1 = run({ ...base, timeZone: 'America/Los_Angeles' }, P1, 'run-1');
    const locks = lockSpans(r1);
    expect(locks).toContainEqual({ technicianId: 't1', from: '2026-03-01T08:00:00.000Z', to: '2026-03-08T08:00:00.000Z', runId: 'run-1' });
    expect(lockCovering(locks, 't1', '2026-03-08T07:59:00.000Z')?.runId).toBe('run-1');
    expect(lockCovering(locks, 't1', '2026-03-08T08:00:00.000Z')).toBeNull();
    expect(lockCovering(locks, 't3', '2026-03-03T08:00:00.000Z')).toBeNull();
  });

  it('the next run is for the period after the last run, or the last ended period', () => {
    expect(nextRunPeriod([], settings, '2026-03-10')).toEqual(P1);
    expect(nextRunPeriod([run(base, P1, 'run-1')], settings, '2026-03-30')).toEqual(P2);
  });
});
