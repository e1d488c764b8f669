import { describe, expect, it } from 'vitest';
import { TEST_CLOCKS, TEST_TIME_ZONE } from '../../../../tests/clock';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { agingBucket, agingReport, daysPastDue, isOverdue } from './aging';
import { deriveReceivables } from './ledger';
import { orgDay } from './records';

describe('aging buckets', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, 'd1to30'],
    [30, 'd1to30'],
    [31, 'd31to60'],
    [60, 'd31to60'],
    [61, 'd61to90'],
    [90, 'd61to90'],
    [91, 'd90plus'],
    [400, 'd90plus']
  ] as const)('%i days past due is %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });

  it('counts calendar days across month ends and leap days', () => {
    expect(daysPastDue('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysPastDue('2028-01-31', '2028-03-01')).toBe(30);
    expect(daysPastDue('2026-03-31', '2026-04-30')).toBe(30);
    expect(daysPastDue('2026-03-31', '2026-05-01')).toBe(31);
    expect(daysPastDue('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('counts across a DST change as whole days (2026-03-08 in Los Angeles)', () => {
    expect(daysPastDue('2026-03-07', '2026-03-09')).toBe(2);
  });
});

describe.each(Object.entries(TEST_CLOCKS))('aging on the organisation day at %s', (_name, now) => {
  const asOf = orgDay(now, TEST_TIME_ZONE);

  it('reads today in the organisation zone, not UTC', () => {
    expect(asOf).toBe('2026-06-10');
  });

  it('ages invoices due today as current and yesterday as 1–30, on the org day', () => {
    const f = new FinanceFixture();
    f.invoice({ totalCents: 100, date: '2026-06-10', terms: 'on-receipt' });
    const yesterday = f.invoice({ totalCents: 200, date: '2026-06-09', terms: 'on-receipt' });
    f.invoice({ totalCents: 300, date: '2026-05-11', terms: 'on-receipt' }); // 30 days
    f.invoice({ totalCents: 400, date: '2026-05-10', terms: 'on-receipt' }); // 31 days
    f.invoice({ totalCents: 500, date: '2026-03-12', terms: 'on-receipt' }); // 90 days
    f.invoice({ totalCents: 600, date: '2026-02-01', terms: 'net-30' }); // due 03-03: 99 days
    const r = deriveReceivables(f);
    const report = agingReport(r, asOf);
    expect(report.totals.buckets).toEqual({ current: 100, d1to30: 500, d31to60: 400, d61to90: 500, d90plus: 600 });
    expect(report.totals.netCents).toBe(2_100);
    expect(isOverdue(r.byId.get(yesterday)!, asOf)).toBe(true);
  });
});

describe('aging report', () => {
  it('nets each customer’s credit on their row and in the totals, never dropping it', () => {
    const f = new FinanceFixture();
    const a = f.invoice({ totalCents: 5_000, date: '2026-04-01', terms: 'on-receipt', customerId: 'cust-a' });
    f.payment(1_000, [], { customerId: 'cust-a' }); // unallocated: credit
    f.invoice({ totalCents: 2_000, date: '2026-06-01', terms: 'net-30', customerId: 'cust-b' });
    f.payment(3_000, [], { customerId: 'cust-c' }); // only credit
    const report = agingReport(deriveReceivables(f), '2026-06-10');
    const row = (id: string) => report.rows.find((r) => r.customerId === id)!;
    expect(row('cust-a')).toMatchObject({ creditCents: 1_000, netCents: 4_000 });
    expect(row('cust-a').buckets.d61to90).toBe(5_000);
    expect(row('cust-b')).toMatchObject({ creditCents: 0, netCents: 2_000 });
    expect(row('cust-c')).toMatchObject({ creditCents: 3_000, netCents: -3_000 });
    expect(report.totals).toMatchObject({ creditCents: 4_000, netCents: 3_000 });
    expect(a).toBeTruthy();
  });

  it('leaves paid, void and draft documents out of the buckets', () => {
    const f = new FinanceFixture();
    const paid = f.invoice({ totalCents: 100 });
    f.payment(100, [[paid, 100]]);
    f.invoice({ totalCents: 100, voidReason: 'duplicate' });
    f.invoice({ totalCents: 100, number: null });
    expect(agingReport(deriveReceivables(f), '2026-09-01').rows).toEqual([]);
  });
});
