import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { TEST_TIME_ZONE } from '../../../../tests/clock';
import { mulberry32, randomInt } from '../dispatch/prng';
import { allocateOldestFirst } from './allocation';
import { imbalanceCents, journalEntries, type Account, type JournalEntry } from './journal';
import { deriveReceivables } from './ledger';
import { addDays } from './records';

const SEED = Number(process.env.JOURNAL_SEED ?? 2911);

/** Gives an issued document tax: `taxCents` of its total is tax. */
function withTax(f: FinanceFixture, id: string, taxCents: number): void {
  for (const e of f.events) if (e.kind === 'issued' && e.invoiceId === id) e.totals = { ...e.totals, subtotalCents: e.totals.totalCents - taxCents, taxCents };
}

function journalOf(f: FinanceFixture): JournalEntry[] {
  return journalEntries(deriveReceivables(f).invoices, f, TEST_TIME_ZONE);
}

/** Debit − credit per account over all entries. */
function balances(entries: readonly JournalEntry[]): Record<Account, number> {
  const out: Record<Account, number> = { cash: 0, receivable: 0, taxPayable: 0, customerCredits: 0, revenue: 0 };
  for (const e of entries) for (const l of e.lines) out[l.account] += l.debitCents - l.creditCents;
  return out;
}

describe('general journal', () => {
  it('books an invoice with tax, a partial payment, an overpayment, a credit note, a credit applied and a refund', () => {
    const f = new FinanceFixture();
    const inv = f.invoice({ totalCents: 10_800, date: '2026-06-01' });
    withTax(f, inv, 800);
    const second = f.invoice({ totalCents: 5_000, date: '2026-06-02' });
    f.payment(4_000, [[inv, 4_000]], { receivedAt: '2026-06-03T18:00:00.000Z' });
    f.payment(9_000, [[inv, 6_800]], { receivedAt: '2026-06-04T18:00:00.000Z' });
    f.invoice({ kind: 'credit-note', creditOf: second, totalCents: 1_000, date: '2026-06-05' });
    f.applyCredit([[second, 1_500]]);
    f.refund(500);
    const entries = journalOf(f);
    expect(entries.map((e) => imbalanceCents(e))).toEqual(entries.map(() => 0));
    const issued = entries.find((e) => e.id === `${inv}:issued`)!;
    expect(issued).toMatchObject({ date: '2026-06-01', reference: 'INV-TEST-0001' });
    expect(issued.lines).toEqual([
      { account: 'receivable', debitCents: 10_800, creditCents: 0 },
      { account: 'revenue', debitCents: 0, creditCents: 10_000 },
      { account: 'taxPayable', debitCents: 0, creditCents: 800 }
    ]);
    const over = entries.find((e) => e.date === '2026-06-04')!;
    expect(over.lines).toEqual([
      { account: 'cash', debitCents: 9_000, creditCents: 0 },
      { account: 'receivable', debitCents: 0, creditCents: 6_800 },
      { account: 'customerCredits', debitCents: 0, creditCents: 2_200 }
    ]);
    const credit = entries.find((e) => e.reference === 'CN-TEST-0003')!;
    expect(credit.lines).toEqual([
      { account: 'receivable', debitCents: 0, creditCents: 1_000 },
      { account: 'revenue', debitCents: 1_000, creditCents: 0 }
    ]);
    const totals = balances(entries);
    expect(totals).toEqual({ cash: 12_500, receivable: 10_800 + 5_000 - 10_800 - 1_000 - 1_500, taxPayable: -800, customerCredits: -2_200 + 1_500 + 500, revenue: -14_000 });
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('reverses a voided document on the void day and leaves drafts out', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 2_000, date: '2026-06-01', voidReason: 'entered twice', at: '2026-06-02T18:00:00.000Z' });
    f.invoice({ totalCents: 3_000, number: null });
    const entries = journalOf(f);
    expect(entries.map((e) => e.id)).toEqual([`${id}:issued`, `${id}:voided`]);
    expect(entries[1]).toMatchObject({ date: '2026-06-02', memo: 'Invoice voided: entered twice' });
    expect(balances(entries)).toEqual({ cash: 0, receivable: 0, taxPayable: 0, customerCredits: 0, revenue: 0 });
  });

  it('balances every entry, and AR − customer credits equals the customer balances, over random ledgers', () => {
    const random = mulberry32(SEED);
    for (let run = 0; run < 300; run++) {
      const f = new FinanceFixture();
      const customers = ['c1', 'c2'];
      for (let step = 0; step < 5 + randomInt(random, 20); step++) {
        const customerId = customers[randomInt(random, 2)]!;
        const r = deriveReceivables(f);
        const open = r.invoices.filter((v) => v.customerId === customerId && v.kind === 'invoice' && v.issued && v.status !== 'void');
        const day = addDays('2026-03-01', randomInt(random, 90));
        const kind = randomInt(random, 6);
        if (kind <= 1) {
          const total = 1 + randomInt(random, 50_000);
          const id = f.invoice({ customerId, totalCents: total, date: day, ...(randomInt(random, 8) === 0 ? { voidReason: 'wrong customer' } : {}) });
          withTax(f, id, randomInt(random, total));
        } else if (kind === 2) {
          const plan = allocateOldestFirst(r, customerId, 1 + randomInt(random, 40_000));
          f.payment(plan.allocations.reduce((s, a) => s + a.amountCents, 0) + plan.remainderCents, plan.allocations.map((a) => [a.invoiceId, a.amountCents]), { customerId, receivedAt: `${day}T20:00:00.000Z` });
        } else if (kind === 3 && open.length) {
          f.invoice({ customerId, kind: 'credit-note', creditOf: open[randomInt(random, open.length)]!.id, totalCents: randomInt(random, 10_000), date: day });
        } else if (kind === 4) {
          const credit = r.customers.get(customerId)?.creditCents ?? 0;
          if (credit > 0) f.refund(1 + randomInt(random, credit), { customerId, refundedAt: `${day}T20:00:00.000Z` });
        } else if (kind === 5) {
          const credit = r.customers.get(customerId)?.creditCents ?? 0;
          const plan = credit > 0 ? allocateOldestFirst(r, customerId, credit) : null;
          if (plan?.allocations.length) f.applyCredit(plan.allocations.map((a) => [a.invoiceId, a.amountCents]), customerId);
        }
      }
      const entries = journalOf(f);
      const context = `seed ${SEED}, run ${run}`;
      for (const entry of entries) expect(imbalanceCents(entry), `${context}: ${entry.id}`).toBe(0);
      const totals = balances(entries);
      const owed = [...deriveReceivables(f).customers.values()].reduce((s, c) => s + c.balanceCents, 0);
      expect(totals.receivable + totals.customerCredits, context).toBe(owed);
    }
  });
});
