import { describe, expect, it } from 'vitest';
import { TEST_TIME_ZONE } from '../../../../tests/clock';
import { invoiceOf } from './fixtures';
import { monthRange } from './periods';
import { agingBucket, dso, owedVsPaid, receivables } from './receivables';

const LA = TEST_TIME_ZONE;
const AS_OF = '2026-06-30T19:00:00.000Z';

describe('accounts receivable aging', () => {
  it.each([
    [-3, 'current'],
    [0, 'current'],
    [1, '1–30'],
    [30.5, '1–30'],
    [45, '31–60'],
    [90, '61–90'],
    [91, '90+']
  ] as const)('%s days past due is %s', (days, bucket) => expect(agingBucket(days)).toBe(bucket));

  it('ages balances by due date; no terms means due on issue; paid invoices drop out', () => {
    const r = receivables(
      {
        invoices: [
          invoiceOf('a', null, '2026-06-20T19:00:00Z', 10_000, { dueAt: '2026-07-20T19:00:00Z' }),
          invoiceOf('b', null, '2026-05-20T19:00:00Z', 5_000),
          invoiceOf('c', null, '2026-02-01T19:00:00Z', 7_000),
          invoiceOf('paid', null, '2026-05-01T19:00:00Z', 3_000)
        ],
        payments: [
          { id: 'p1', customerId: 'c1', invoiceId: 'b', at: '2026-06-01T19:00:00Z', amountCents: 2_000 },
          { id: 'p2', customerId: 'c1', invoiceId: 'paid', at: '2026-05-02T19:00:00Z', amountCents: 3_000 },
          { id: 'late', customerId: 'c1', invoiceId: 'c', at: '2026-07-05T19:00:00Z', amountCents: 7_000 }
        ]
      },
      AS_OF
    );
    expect(r.totals).toEqual({ current: 10_000, '1–30': 0, '31–60': 3_000, '61–90': 0, '90+': 7_000 });
    expect(r.customers[0]?.invoiceIds).toEqual(['a', 'b', 'c']);
    expect(r.netCents).toBe(20_000);
  });

  it('nets credits and unapplied payments per customer, and keeps an overpayment as the customer’s money', () => {
    const r = receivables(
      {
        invoices: [invoiceOf('a', null, '2026-06-01T19:00:00Z', 10_000), invoiceOf('b', null, '2026-06-01T19:00:00Z', 1_000, { customerId: 'c2' })],
        payments: [
          { id: 'u', customerId: 'c1', invoiceId: null, at: '2026-06-02T19:00:00Z', amountCents: 4_000 },
          { id: 'over', customerId: 'c2', invoiceId: 'b', at: '2026-06-02T19:00:00Z', amountCents: 1_500 }
        ],
        credits: [{ id: 'cr', customerId: 'c1', at: '2026-06-03T19:00:00Z', amountCents: 1_000 }]
      },
      AS_OF
    );
    expect(r.customers.map((c) => [c.customerId, c.netCents, c.unappliedCents, c.creditsCents])).toEqual([
      ['c1', 5_000, 4_000, 1_000],
      ['c2', -500, 500, 0]
    ]);
    expect(r.totals['1–30']).toBe(10_000);
  });
});

describe('DSO and money owed vs paid', () => {
  const input = {
    invoices: [invoiceOf('a', null, '2026-06-05T19:00:00Z', 30_000), invoiceOf('b', null, '2026-06-15T19:00:00Z', 30_000), invoiceOf('may', null, '2026-05-15T19:00:00Z', 10_000)],
    payments: [{ id: 'p', customerId: 'c1', invoiceId: 'a', at: '2026-06-20T19:00:00Z', amountCents: 30_000 }, { id: 'p2', customerId: 'c1', invoiceId: 'b', at: '2026-06-21T19:00:00Z', amountCents: 10_000 }]
  };

  it.each([
    { name: 'no revenue in the period: no data', range: monthRange('2026-04', LA), value: null },
    { name: 'June: (20,000 + 10,000 open) ÷ 60,000 × 30 days', range: monthRange('2026-06', LA), value: 15 },
    { name: 'May: the May invoice open at May’s end ÷ 10,000 × 31', range: monthRange('2026-05', LA), value: 31 }
  ])('DSO $name', ({ range, value }) => expect(dso(input, range, LA).value).toBe(value));

  it('issued, paid against it and outstanding for invoices issued in the period', () => {
    expect(owedVsPaid(input, monthRange('2026-06', LA), AS_OF)).toMatchObject({ issuedCents: 60_000, paidCents: 40_000, outstandingCents: 20_000, invoiceIds: ['a', 'b'] });
    expect(owedVsPaid(input, monthRange('2026-06', LA), '2026-06-20T20:00:00Z').paidCents).toBe(30_000);
    expect(owedVsPaid(input, monthRange('2026-04', LA), AS_OF)).toMatchObject({ issuedCents: 0, paidCents: 0, outstandingCents: 0 });
  });
});
