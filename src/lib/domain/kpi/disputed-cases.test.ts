/**
 * Issue 12, Done-when 1: the cases KPI.md names as disputed, through the dashboard as it runs
 * (rows → columns → job and money numbers), against numbers worked out by hand below.
 *
 * June 2026 in Los Angeles. Jobs:
 * - `two`:  repair, Tess on site 10:00–12:00 and Raj 10:00–11:00 (time entries), invoiced $300.00.
 * - `orig`: repair, one visit (90 min, no technician named), invoiced $200.00; called back by `cb`.
 * - `cb`:   callback of `orig`, one visit (30 min), invoiced at $0.00.
 * - `warr`: repair under warranty, one visit (45 min), invoiced at $0.00 (warranty).
 * - `mnf`:  maintenance, one visit (60 min), no fault found, invoiced $80.00.
 * Costs: Tess $30.00/h, Raj $24.00/h; parts $40.00 on `two`; rent $100.00 in June.
 */
import { describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../../../../tests/clock';
import { currentTimeEntries, type TimeEntry } from '../fieldwork/time-entries';
import { labourCosts } from '../payroll/labour-cost';
import { computeDashboard } from './dashboard';
import { completedJob, invoiceOf, onSite } from './fixtures';
import { onSiteFromEntries } from './job-facts';
import { summaryRow, type JobSummary } from './job-summary';
import { computeMoney, type MoneyInputs } from './money-dashboard';
import { monthRange } from './periods';
import { RowColumns } from './row-columns';

const LA = TEST_TIME_ZONE;
const JUNE = { range: monthRange('2026-06', LA) };
// 10:00 PDT on June 3 is 17:00 UTC.
const at = (hhmm: string, day = '03') => `2026-06-${day}T${String(Number(hhmm.slice(0, 2)) + 7).padStart(2, '0')}:${hhmm.slice(3)}:00.000Z`;

/** Time-entry records as the time clock writes them: a start, then a stop superseding it. */
function worked(id: string, technicianId: string, jobId: string, start: string, end: string): TimeEntry[] {
  const base = { technicianId, jobId, visitId: `v1:${jobId}`, kind: 'on_site' as const, start, by: technicianId };
  return [
    { ...base, id: `${id}-start`, end: null, at: start },
    { ...base, id: `${id}-stop`, end, supersedes: `${id}-start`, at: end }
  ];
}

const records = [...worked('tess', 'tess', 'two', at('10:00'), at('12:00')), ...worked('raj', 'raj', 'two', at('10:00'), at('11:00')), { ...worked('run', 'raj', 'two', at('12:30'), at('13:00'))[0]! }];
const rows: JobSummary[] = [
  summaryRow(completedJob('two', at('08:00'), { technicianIds: ['tess', 'raj'], completedAt: at('12:00') }), onSiteFromEntries('two', records), ''),
  summaryRow(completedJob('orig', at('08:00', '04'), { completedAt: at('11:30', '04') }), [onSite('orig', null, at('10:00', '04'), 90)], ''),
  summaryRow(completedJob('cb', at('08:00', '10'), { type: 'callback', callbackOf: 'orig', completedAt: at('10:30', '10') }), [onSite('cb', null, at('10:00', '10'), 30)], ''),
  summaryRow(completedJob('warr', at('08:00', '11'), { completedAt: at('10:45', '11') }), [onSite('warr', null, at('10:00', '11'), 45)], ''),
  summaryRow(completedJob('mnf', at('08:00', '12'), { type: 'maintenance', outcome: 'no_fault_found', completedAt: at('11:00', '12') }), [onSite('mnf', null, at('10:00', '12'), 60)], '')
];
const labour = labourCosts(currentTimeEntries(records), [
  { id: 'r1', technicianId: 'tess', hourlyCents: 3000, effectiveFrom: '2026-01-01', at: '2026-01-01T00:00:00.000Z', by: 'admin' },
  { id: 'r2', technicianId: 'raj', hourlyCents: 2400, effectiveFrom: '2026-01-01', at: '2026-01-01T00:00:00.000Z', by: 'admin' }
], LA);
const money: MoneyInputs = {
  invoices: [
    invoiceOf('i-two', 'two', at('15:00'), 30_000),
    invoiceOf('i-orig', 'orig', at('15:00', '05'), 20_000),
    invoiceOf('i-cb', 'cb', at('15:00', '10'), 0),
    invoiceOf('i-warr', 'warr', at('15:00', '11'), 0, { warranty: true }),
    invoiceOf('i-mnf', 'mnf', at('15:00', '19'), 8_000)
  ],
  payments: [],
  parts: [{ jobId: 'two', at: at('11:00'), costCents: 4_000 }],
  labour: labour.lines.map((l) => ({ jobId: l.jobId, technicianId: l.technicianId, at: l.at, costCents: l.costCents })),
  expenses: [{ id: 'rent', month: '2026-06', jobId: null, category: 'rent', amountCents: 10_000 }],
  unpricedTechnicians: []
};
const columns = RowColumns.of(rows);
const dash = computeDashboard(columns, JUNE, LA);
const m = computeMoney(columns, money, JUNE, LA, at('12:00', '30'));

describe('disputed KPI cases, worked by hand', () => {
  it('two technicians on one job: its on-site time is both of theirs (3 h), the running entry not yet', () => {
    expect(rows[0]!.onSite.map((i) => [i.technicianId, i.start, i.end])).toEqual([
      ['raj', at('10:00'), at('11:00')],
      ['tess', at('10:00'), at('12:00')]
    ]);
    // (180 + 90 + 30 + 45 + 60) / 5 = 81 minutes.
    expect(dash.jobDuration.value).toBe(81);
  });

  it('two technicians on one job: the $300 is split 2:1 by on-site hours, never $300 each', () => {
    expect(m.revenueCredit.byTechnician.get('tess')?.cents).toBe(20_000);
    expect(m.revenueCredit.byTechnician.get('raj')?.cents).toBe(10_000);
    // Jobs with no technician named on their time are credited to nobody, never guessed.
    expect(m.revenueCredit.unallocatedCents).toBe(28_000);
  });

  it('callbacks: the original is not a first-time fix, no-fault maintenance is left out of first-time fix', () => {
    // Resolved: two, orig, cb, warr (mnf excluded); first time: two, cb, warr → 3 of 4.
    expect(dash.firstTimeFix.ids).toEqual(['two', 'orig', 'cb', 'warr']);
    expect(dash.firstTimeFix.value).toBe(75);
    // One callback created in June ÷ five jobs completed in June (no-fault maintenance is completed work).
    expect(dash.callbackRate.ids).toEqual(['cb']);
    expect(dash.callbackRate.value).toBe(20);
  });

  it('zero-priced warranty and callback jobs are not calls: revenue per call is $580 ÷ 3', () => {
    expect(m.revenuePerCall.ids).toEqual(['two', 'orig', 'mnf']);
    expect(m.revenuePerCall.excludedIds).toEqual(['cb', 'warr']);
    expect(m.revenuePerCall.value).toBe(19_333);
    expect(m.revenuePerCall.totalCents).toBe(58_000);
  });

  it('invoice lag counts every invoiced job, zero-priced ones too, in its buckets', () => {
    // two 3 h → 0.125 d; orig 1 d 3.5 h; cb 4.5 h; warr 4.25 h; mnf 7 d 4 h → the last in 6–15.
    expect(m.invoiceLag.mean.count).toBe(5);
    expect(m.invoiceLag.buckets['0–5']).toEqual(['two', 'orig', 'cb', 'warr']);
    expect(m.invoiceLag.buckets['6–15']).toEqual(['mnf']);
    expect(m.invoiceLag.notInvoiced.count).toBe(0);
  });

  it('June gross profit: $580 revenue − $40 parts − $84 labour (Tess 2 h × $30 + Raj 1 h × $24) − $100 rent = $356', () => {
    expect(m.profit).toHaveLength(1);
    expect(m.profit[0]).toMatchObject({ month: '2026-06', revenueCents: 58_000, partsCents: 4_000, labourCents: 8_400, expensesCents: 10_000, profitCents: 35_600 });
    expect(m.profit[0]!.marginPercent).toBeCloseTo((35_600 / 58_000) * 100, 10);
  });
});
