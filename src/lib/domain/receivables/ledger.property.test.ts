/**
 * Property tests of the receivables ledger (seeded; the seed is printed on failure): over
 * 1,000 random ledgers of invoices, credit notes, voids, payments (allocated oldest first, by
 * hand, over-allocated as two offices might), credit applications and refunds.
 */
import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { mulberry32, randomInt, type Random } from '../dispatch/prng';
import { agingReport } from './aging';
import { allocateOldestFirst } from './allocation';
import { deriveReceivables } from './ledger';
import { addDays } from './records';
import { customerStatement } from './statement';

const SEED = Number(process.env.RECEIVABLES_SEED ?? 1129);
const RUNS = 1_000;
const CUSTOMERS = ['c1', 'c2', 'c3'];

function randomLedger(random: Random): FinanceFixture {
  const f = new FinanceFixture();
  const pick = <T>(items: readonly T[]) => items[randomInt(random, items.length)]!;
  const day = () => addDays('2026-01-01', randomInt(random, 150));
  const steps = 5 + randomInt(random, 25);
  for (let i = 0; i < steps; i++) {
    const customerId = pick(CUSTOMERS);
    const r = deriveReceivables(f);
    const open = r.invoices.filter((v) => v.customerId === customerId && v.kind === 'invoice' && v.issued && v.status !== 'void');
    switch (randomInt(random, 7)) {
      case 0:
      case 1:
        f.invoice({ customerId, totalCents: randomInt(random, 100_000), date: day(), terms: pick(['on-receipt', 'net-15', 'net-30'] as const), ...(randomInt(random, 6) === 0 ? { number: null } : {}) });
        break;
      case 2: {
        const plan = allocateOldestFirst(r, customerId, 1 + randomInt(random, 80_000));
        const amount = plan.allocations.reduce((s, a) => s + a.amountCents, 0) + plan.remainderCents;
        f.payment(amount, plan.allocations.map((a) => [a.invoiceId, a.amountCents]), { customerId, receivedAt: `${day()}T20:00:00.000Z` });
        break;
      }
      case 3:
        // Two offices offline: allocated to an invoice whatever its balance.
        if (open.length) {
          const cents = 1 + randomInt(random, 50_000);
          f.payment(cents, [[pick(open).id, cents]], { customerId, receivedAt: `${day()}T20:00:00.000Z` });
        }
        break;
      case 4:
        if (open.length) f.invoice({ customerId, kind: 'credit-note', creditOf: pick(open).id, totalCents: randomInt(random, 30_000), date: day() });
        break;
      case 5: {
        const credit = r.customers.get(customerId)?.creditCents ?? 0;
        if (credit > 0 && randomInt(random, 2)) f.refund(1 + randomInt(random, credit), { customerId, refundedAt: `${day()}T20:00:00.000Z` });
        else if (credit > 0) {
          const plan = allocateOldestFirst(r, customerId, credit);
          if (plan.allocations.length) f.applyCredit(plan.allocations.map((a) => [a.invoiceId, a.amountCents]), customerId);
        }
        break;
      }
      case 6:
        if (open.length) f.invoice({ customerId, totalCents: 1 + randomInt(random, 9_000), date: day(), voidReason: 'entered twice' });
        break;
    }
  }
  return f;
}

describe('receivables properties', () => {
  it(`hold over ${RUNS} random ledgers (seed ${SEED})`, () => {
    const random = mulberry32(SEED);
    for (let run = 0; run < RUNS; run++) {
      const f = randomLedger(random);
      const r = deriveReceivables(f);
      const where = `seed ${SEED}, run ${run}`;
      for (const s of r.customers.values()) {
        // Every amount is whole cents.
        for (const value of Object.values(s)) if (typeof value === 'number') expect(Number.isInteger(value), where).toBe(true);
        // Balance = invoices − credit notes − payments + refunds, and credit is netted, never dropped.
        expect(s.balanceCents, where).toBe(s.invoicedCents - s.creditNotesCents - s.paidCents + s.refundedCents);
        expect(s.openInvoicesCents - s.creditCents, where).toBe(s.balanceCents);
        // The full-range statement closes on the balance.
        expect(customerStatement(r, f, s.customerId, '2000-01-01', '2100-12-31', 'America/Los_Angeles').closingCents, where).toBe(s.balanceCents);
      }
      // Aging: the net total is the sum of balances; buckets hold exactly the open balances.
      const aging = agingReport(r, '2026-06-10');
      const totalBalance = [...r.customers.values()].reduce((sum, s) => sum + s.balanceCents, 0);
      const totalOpen = [...r.customers.values()].reduce((sum, s) => sum + s.openInvoicesCents, 0);
      expect(aging.totals.netCents, where).toBe(totalBalance);
      expect(Object.values(aging.totals.buckets).reduce((a, b) => a + b, 0), where).toBe(totalOpen);
      // Deriving again from the same entries gives the same answer (idempotent, order-free).
      const shuffled = { ...f, payments: [...f.payments].reverse(), events: [...f.events].reverse(), invoices: [...f.invoices].reverse() };
      const again = deriveReceivables(shuffled);
      for (const s of r.customers.values()) expect(again.customers.get(s.customerId), where).toEqual(s);
    }
  });

  it(`a full credit note reverses its invoice, over ${RUNS} random invoices (seed ${SEED})`, () => {
    const random = mulberry32(SEED + 1);
    for (let run = 0; run < RUNS; run++) {
      const f = randomLedger(random);
      const before = deriveReceivables(f).customers.get('c1')?.balanceCents ?? 0;
      const id = f.invoice({ customerId: 'c1', totalCents: 1 + randomInt(random, 500_000), date: '2026-06-01' });
      const total = f.invoices.at(-1)!.totals.totalCents;
      f.invoice({ customerId: 'c1', kind: 'credit-note', creditOf: id, totalCents: total, date: '2026-06-02' });
      const r = deriveReceivables(f);
      expect(r.customers.get('c1')?.balanceCents, `seed ${SEED + 1}, run ${run}`).toBe(before);
      expect(r.byId.get(id), `seed ${SEED + 1}, run ${run}`).toMatchObject({ status: 'paid', balanceCents: 0 });
    }
  });
});
