import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_TIME_ZONE } from '../../../../tests/clock';
import { Random } from '../../demo/prng';
import { BillingIndex, type BilledInvoice } from './billing-index';
import { billingSnapshot as snapshot, invoiceOf, randomSummaryRows } from './fixtures';
import { computeMoney, NO_MONEY } from './money-dashboard';
import { indexedMoneyInputs } from './money-index';
import { lastDays } from './periods';
import { RowColumns } from './row-columns';

const NOW = TEST_NOW.getTime();
const SEQUENCES = 600;

/** A random issued invoice of one of a few jobs, issued on one of a few instants (ties of instant are common), with a few settlements. */
function randomBilled(r: Random, id: string, jobIds: readonly string[]): BilledInvoice {
  const issuedAt = new Date(NOW - r.int(0, 40) * 86_400_000 - r.pick([0, 0, 3600_000])).toISOString();
  const subtotal = r.chance(0.1) ? 0 : r.int(1, 900) * 100;
  const invoice = invoiceOf(id, r.chance(0.1) ? null : r.pick(jobIds), issuedAt, subtotal, { totalCents: Math.round(subtotal * 1.08), voided: r.chance(0.15), warranty: r.chance(0.1) });
  const payments = Array.from({ length: r.int(0, 3) }, (_, k) => ({ id: `payment:${id}:${k}:${r.int(0, 1e6)}`, customerId: 'c1', invoiceId: id, at: new Date(Date.parse(issuedAt) + r.int(0, 30) * 86_400_000).toISOString(), amountCents: r.int(1, 900) * 100 }));
  return { invoice, payments };
}

describe('billing index', () => {
  it(`after random changes applied one invoice at a time equals the index rebuilt from scratch (${SEQUENCES} seeded sequences)`, () => {
    const rows = randomSummaryRows(3, 40, NOW);
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const r = new Random(seed);
      // A job can arrive in the columns after its invoice: the columns start with some rows and gain the rest during the sequence.
      const columns = RowColumns.of(rows.slice(0, 20));
      const jobIds = [...rows.slice(0, 30).map((row) => row.id), 'job-never-on-the-board'];
      const model = new Map<string, BilledInvoice>();
      for (let i = 0; i < r.int(0, 25); i++) model.set(`inv-${i}`, randomBilled(r, `inv-${i}`, jobIds));
      const index = BillingIndex.build(model.values());
      const changes = r.int(1, 30);
      for (let step = 0; step < changes; step++) {
        const ids = [...model.keys()];
        const op = ids.length ? r.weighted([['add', 3], ['replace', 4], ['pay', 3], ['delete', 2], ['read', 2], ['job arrives', 1]] as const) : 'add';
        if (op === 'add' || op === 'replace') {
          const id = op === 'add' ? `inv-new-${step}` : r.pick(ids);
          const billed = randomBilled(r, id, jobIds);
          model.set(id, billed);
          index.set(billed);
        } else if (op === 'pay') {
          const old = model.get(r.pick(ids))!;
          const billed = { invoice: old.invoice, payments: [...old.payments, { id: `pay-${step}`, customerId: 'c1', invoiceId: old.invoice.id, at: new Date(NOW - r.int(0, 20) * 86_400_000).toISOString(), amountCents: r.int(1, 500) * 100 }] };
          model.set(old.invoice.id, billed);
          index.set(billed);
        } else if (op === 'delete') {
          const id = r.chance(0.9) ? r.pick(ids) : 'inv-never-indexed';
          model.delete(id);
          index.delete(id);
        } else if (op === 'read') index.slotsIn(columns);
        else columns.set(rows[20 + r.int(0, 19)]!);
      }
      const rebuilt = BillingIndex.build(r.shuffle([...model.values()]));
      expect(snapshot(index, columns), `seed ${seed} (${changes} changes)`).toEqual(snapshot(rebuilt, columns));
    }
  }, 30_000);

  it('gives the dashboard the same money numbers incrementally as rebuilt', () => {
    const rows = randomSummaryRows(8, 300, NOW);
    const columns = RowColumns.of(rows);
    const r = new Random(8);
    const jobIds = rows.map((row) => row.id);
    const model = new Map<string, BilledInvoice>();
    const index = new BillingIndex();
    for (let step = 0; step < 400; step++) {
      const id = `inv-${r.int(0, 150)}`;
      if (r.chance(0.1)) {
        model.delete(id);
        index.delete(id);
      } else {
        const billed = randomBilled(r, id, jobIds);
        model.set(id, billed);
        index.set(billed);
      }
    }
    const filter = { range: lastDays(30, NOW, TEST_TIME_ZONE) };
    const asOf = TEST_NOW.toISOString();
    const incremental = computeMoney(columns, indexedMoneyInputs(index, NO_MONEY), filter, TEST_TIME_ZONE, asOf);
    const rebuilt = computeMoney(columns, { ...NO_MONEY, ...BillingIndex.build(model.values()).lists() }, filter, TEST_TIME_ZONE, asOf);
    expect(incremental).toEqual(rebuilt);
    expect(incremental.owedVsPaid.invoiceIds.length).toBeGreaterThan(20);
  });

  it('counts a job’s first invoice again when the first one is voided, and forgets the job when its last invoice goes', () => {
    const first = invoiceOf('a', 'j1', '2026-06-01T10:00:00.000Z', 100);
    const second = invoiceOf('b', 'j1', '2026-06-03T10:00:00.000Z', 100);
    const index = BillingIndex.of([second, first], []);
    expect(index.liveIds).toEqual(['a', 'b']);
    expect(index.firstOfJob).toEqual([1, 0]);
    index.set({ invoice: { ...first, voided: true }, payments: [] });
    expect(index.liveIds).toEqual(['b']);
    expect(index.firstOfJob).toEqual([1]);
    expect(index.firstIssued.get('j1')).toBe(Date.parse(second.issuedAt));
    index.delete('b');
    expect(index.firstIssued.has('j1')).toBe(false);
    expect(index.lists().invoices.map((i) => i.id)).toEqual(['a']);
  });
});
