import { describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../../../../tests/clock';
import { completedJob, invoiceOf, onSite } from './fixtures';
import { invoiceLag, jobProfit, lagBucket, monthlyProfit, revenuePerCall, splitCents, technicianRevenueCredit, type CostInputs } from './money-kpis';
import { monthRange } from './periods';
import type { KpiFilter } from './types';

const LA = TEST_TIME_ZONE;
const JUNE: KpiFilter = { range: monthRange('2026-06', LA) };
const done = (id: string, completedAt: string, extra = {}) => completedJob(id, '2026-06-01T16:00:00Z', { completedAt, ...extra });

describe('invoice lag', () => {
  it.each([
    { name: 'nothing invoiced: no data, and completed jobs counted as not invoiced', jobs: [done('a', '2026-06-02T16:00:00Z')], invoices: [], mean: null, notInvoiced: ['a'] },
    {
      name: 'mean of 2 and 10 days, bucketed 0–5 and 6–15',
      jobs: [done('a', '2026-06-02T16:00:00Z'), done('b', '2026-06-02T16:00:00Z')],
      invoices: [invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 100), invoiceOf('i2', 'b', '2026-06-12T16:00:00Z', 100)],
      mean: 6,
      notInvoiced: [],
      buckets: { '0–5': ['a'], '6–15': ['b'], '16–30': [], '>30': [] }
    },
    {
      name: 'the first live invoice counts; a voided one does not',
      jobs: [done('a', '2026-06-02T16:00:00Z')],
      invoices: [invoiceOf('v', 'a', '2026-06-02T17:00:00Z', 100, { voided: true }), invoiceOf('i2', 'a', '2026-06-22T16:00:00Z', 100), invoiceOf('i3', 'a', '2026-06-25T16:00:00Z', 100)],
      mean: 20,
      notInvoiced: [],
      buckets: { '0–5': [], '6–15': [], '16–30': ['a'], '>30': [] }
    }
  ])('$name', ({ jobs, invoices, mean, notInvoiced, buckets }) => {
    const r = invoiceLag(jobs, invoices, JUNE);
    expect(r.mean.value).toBe(mean);
    expect(r.notInvoiced.ids).toEqual(notInvoiced);
    if (buckets) expect(r.buckets).toEqual(buckets);
  });

  it.each([
    [0, '0–5'],
    [5.99, '0–5'],
    [6, '6–15'],
    [15.5, '6–15'],
    [30.9, '16–30'],
    [31, '>30']
  ] as const)('puts a lag of %s days in %s', (days, bucket) => expect(lagBucket(days)).toBe(bucket));
});

describe('revenue per call', () => {
  it.each([
    { name: 'no invoices: no data', jobs: [done('a', '2026-06-02T16:00:00Z')], invoices: [], value: null, ids: [], excluded: [] },
    {
      name: 'subtotals (before tax) over invoiced jobs; two invoices of one job are one call',
      jobs: [done('a', '2026-06-02T16:00:00Z'), done('b', '2026-06-02T16:00:00Z')],
      invoices: [invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 10_000, { totalCents: 10_900 }), invoiceOf('i2', 'a', '2026-06-05T16:00:00Z', 5_000), invoiceOf('i3', 'b', '2026-06-05T16:00:00Z', 25_000)],
      value: 20_000,
      ids: ['a', 'b'],
      excluded: []
    },
    {
      name: 'a zero-billed callback and a zero-billed warranty job are not calls; a zero-billed ordinary job is',
      jobs: [done('a', '2026-06-02T16:00:00Z'), done('cb', '2026-06-02T16:00:00Z', { type: 'callback', callbackOf: 'a' }), done('w', '2026-06-02T16:00:00Z'), done('z', '2026-06-02T16:00:00Z')],
      invoices: [invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 30_000), invoiceOf('i2', 'cb', '2026-06-04T16:00:00Z', 0), invoiceOf('i3', 'w', '2026-06-04T16:00:00Z', 0, { warranty: true }), invoiceOf('i4', 'z', '2026-06-04T16:00:00Z', 0)],
      value: 15_000,
      ids: ['a', 'z'],
      excluded: ['cb', 'w']
    }
  ])('$name', ({ jobs, invoices, value, ids, excluded }) => {
    const r = revenuePerCall(jobs, invoices, JUNE);
    expect(r.value).toBe(value);
    expect(r.ids).toEqual(ids);
    expect(r.excludedIds).toEqual(excluded);
  });
});

describe('technician revenue credit', () => {
  it('splits by on-site hours, never crediting the full amount to both technicians', () => {
    const r = technicianRevenueCredit([invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 30_000)], [onSite('a', 't1', '2026-06-02T18:00:00Z', 120), onSite('a', 't2', '2026-06-02T18:00:00Z', 60)], JUNE);
    expect(r.byTechnician.get('t1')?.cents).toBe(20_000);
    expect(r.byTechnician.get('t2')?.cents).toBe(10_000);
  });

  it('keeps every cent when the split is uneven (largest remainder)', () => {
    const r = technicianRevenueCredit([invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 100)], ['t1', 't2', 't3'].map((t) => onSite('a', t, '2026-06-02T18:00:00Z', 60)), JUNE);
    expect([...r.byTechnician.values()].map((c) => c.cents).sort()).toEqual([33, 33, 34]);
    expect(splitCents(101, new Map([['x', 1], ['y', 1]]))).toEqual(new Map([['x', 51], ['y', 50]]));
  });

  it('credits nobody for a job with no on-site time and reports it as unallocated', () => {
    const r = technicianRevenueCredit([invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 5_000), invoiceOf('i2', null, '2026-06-04T16:00:00Z', 700)], [onSite('a', null, '2026-06-02T18:00:00Z', 60)], JUNE);
    expect(r.byTechnician.size).toBe(0);
    expect(r.unallocatedCents).toBe(5_700);
    expect(r.unallocatedInvoiceIds).toEqual(['i1', 'i2']);
  });
});

describe('gross profit', () => {
  const costs: CostInputs = {
    invoices: [invoiceOf('i1', 'a', '2026-06-04T16:00:00Z', 50_000), invoiceOf('i2', 'b', '2026-07-01T06:00:00Z', 20_000), invoiceOf('v', 'a', '2026-06-04T16:00:00Z', 99_999, { voided: true })],
    parts: [{ jobId: 'a', at: '2026-06-03T16:00:00Z', costCents: 12_000 }],
    labour: [{ jobId: 'a', technicianId: 't1', at: '2026-06-03T16:00:00Z', costCents: 9_000 }, { jobId: 'b', technicianId: 't1', at: '2026-06-30T16:00:00Z', costCents: 4_000 }],
    expenses: [{ id: 'e1', month: '2026-06', jobId: null, category: 'rent', amountCents: 20_000 }, { id: 'e2', month: '2026-06', jobId: 'a', category: 'permit', amountCents: 1_000 }]
  };

  it('per job: revenue − parts − labour − expenses on the job', () => {
    const profit = jobProfit('a', costs);
    expect(profit).toMatchObject({ revenueCents: 50_000, partsCents: 12_000, labourCents: 9_000, expensesCents: 1_000, profitCents: 28_000 });
    expect(profit.marginPercent).toBeCloseTo(56, 10);
  });

  it('per local month: an invoice at 23:00 on June 30 in LA is June’s', () => {
    const months = monthlyProfit(costs, LA);
    expect([...months.keys()]).toEqual(['2026-06']);
    expect(months.get('2026-06')).toEqual({ revenueCents: 70_000, partsCents: 12_000, labourCents: 13_000, expensesCents: 21_000, profitCents: 24_000, marginPercent: (24_000 / 70_000) * 100 });
  });

  it('a month with costs but no revenue has a loss and no margin', () => {
    const months = monthlyProfit({ invoices: [], parts: [], labour: [], expenses: [{ id: 'e', month: '2026-05', jobId: null, category: 'rent', amountCents: 500 }] }, LA);
    expect(months.get('2026-05')).toMatchObject({ profitCents: -500, marginPercent: null });
  });
});
