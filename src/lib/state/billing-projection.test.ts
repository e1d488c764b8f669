import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEST_NOW, TEST_TIME_ZONE } from '../../../tests/clock';
import { Random } from '../demo/prng';
import { BillingIndex } from '../domain/kpi/billing-index';
import { billingSnapshot } from '../domain/kpi/fixtures';
import type { Receivables } from '../domain/receivables/ledger';
import { FinanceDoc } from '../sync/finance';
import { followInvoiceViews } from '../sync/finance-changes';
import { BillingProjection, ReceivablesChanges } from './billing-projection';
import { billedInvoicesOf } from './report-money';

const ada = { id: 'ada', name: 'Ada' };
const CUSTOMERS = ['c1', 'c2', 'c3'];
const priced = (cents: number) => ({ lines: [{ description: 'Work', amountCents: cents, quantityMilli: 1000 }], totals: { subtotalCents: cents, discountCents: 0, taxCents: 0, totalCents: cents } });

/** What finance.svelte.ts does for one doc: touched invoices gathered per transaction, a receivables snapshot published with them. */
function publisher(finance: FinanceDoc) {
  const changes = new ReceivablesChanges();
  let touched: Set<string> | null = null;
  followInvoiceViews(finance, (ids) => {
    if (!ids) touched = null;
    else if (touched) for (const id of ids) touched.add(id);
  });
  return {
    changes,
    publish(): Receivables {
      const next = finance.receivables();
      changes.record(next, touched);
      touched = new Set();
      return next;
    }
  };
}

/** One random finance command on `finance` (drafts for a few jobs, credit note drafts, issue, void, payments, applied credit, refunds). */
function randomCommand(r: Random, finance: FinanceDoc, device: string, now: Date): void {
  const views = finance.receivables().invoices;
  const issued = views.filter((v) => v.kind === 'invoice' && v.issued && v.status !== 'void');
  const drafts = views.filter((v) => v.status === 'draft');
  const customerId = r.pick(CUSTOMERS);
  const at = now.toISOString();
  const command = r.weighted([['draft', 3], ['issue', 4], ['void', 1], ['pay', 3], ['credit', 1], ['credit note', 1], ['refund', 1]] as const);
  if (command === 'draft' || !drafts.length) {
    finance.createDraftInvoice({ customerId, customerName: customerId, jobId: r.chance(0.8) ? `job-${r.int(1, 6)}` : null, date: '2026-06-10', terms: r.pick(['on-receipt', 'net-15'] as const), ...priced(r.int(1, 50) * 1000) }, ada, now);
  } else if (command === 'issue') finance.issueInvoice(r.pick(drafts).id, ada, device, now);
  else if (command === 'void' && issued.length) finance.voidInvoice(r.pick(issued).id, { reason: 'Entered twice' }, ada, now);
  else if (command === 'pay') finance.ledger.recordPayment({ customerId, method: 'card', amountCents: r.int(1, 40) * 1000, receivedAt: at }, ada, now);
  else if (command === 'credit') finance.ledger.applyCredit(customerId, ada, now);
  else if (command === 'credit note' && issued.length) {
    // A draft only: issuing it is a later step (the 'issue' command), as it is for a person.
    const target = r.pick(issued);
    finance.createDraftInvoice({ kind: 'credit-note', creditOf: target.id, customerId: target.customerId, date: '2026-06-10', ...priced(r.int(1, 5) * 500) }, ada, now);
  } else if (command === 'refund') finance.ledger.recordRefund({ customerId, method: 'check', amountCents: 500, refundedAt: at }, ada, now);
}

describe('billing projection', () => {
  it('keeps the index equal to a rebuild after local and remote finance changes, re-deriving only the invoices touched (seeded)', () => {
    let indexed = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = new Random(seed);
      const here = new FinanceDoc(new Y.Doc());
      const there = new FinanceDoc(new Y.Doc());
      here.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(there.doc, u, 'peer'));
      there.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(here.doc, u, 'peer'));
      const { changes, publish } = publisher(here);
      const projection = new BillingProjection();
      let synced = 0;
      for (let step = 0; step < 40; step++) {
        const now = new Date(TEST_NOW.getTime() - (40 - step) * 60_000);
        randomCommand(r, r.chance(0.5) ? here : there, r.chance(0.5) ? 'HERE' : 'THRE', now);
        const receivables = publish();
        // Readers do not look at every snapshot: some changes reach the projection several snapshots later.
        if (r.chance(0.6) || step === 39) {
          const index = projection.sync(receivables, TEST_TIME_ZONE, changes);
          expect(billingSnapshot(index), `seed ${seed}, step ${step}`).toEqual(billingSnapshot(BillingIndex.build(billedInvoicesOf(receivables, TEST_TIME_ZONE))));
          synced++;
        }
      }
      expect(synced).toBeGreaterThan(8);
      expect(projection.rebuilds, `seed ${seed}`).toBe(1);
      indexed += projection.sync(publish(), TEST_TIME_ZONE, changes).size;
    }
    expect(indexed).toBeGreaterThan(80);
  }, 30_000);

  it('re-derives everything when a touched record is unreadable, when it skipped past the change log, and when the zone changes', () => {
    const finance = new FinanceDoc(new Y.Doc());
    const { changes, publish } = publisher(finance);
    const projection = new BillingProjection();
    const made = finance.createDraftInvoice({ customerId: 'c1', date: '2026-06-10', ...priced(1000) }, ada, TEST_NOW);
    if (!made.ok) throw new Error(made.error);
    finance.issueInvoice(made.id, ada, 'HERE', TEST_NOW);
    projection.sync(publish(), TEST_TIME_ZONE, changes);
    finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 400, receivedAt: TEST_NOW.toISOString() }, ada, TEST_NOW);
    expect(projection.sync(publish(), TEST_TIME_ZONE, changes).paidAll).toEqual([400]);
    expect(projection.rebuilds).toBe(1);

    // A peer writes a payment nobody can read: which invoice it paid is unknown.
    finance.doc.transact(() => finance.doc.getMap('payments').set('broken', new Y.Map()));
    projection.sync(publish(), TEST_TIME_ZONE, changes);
    expect(projection.rebuilds).toBe(2);

    // More snapshots than the log keeps went by without the projection looking.
    const previous = finance.receivables();
    changes.record(previous, new Set());
    let latest = publish();
    for (let k = 0; k < 40; k++) {
      finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 1, receivedAt: TEST_NOW.toISOString() }, ada, TEST_NOW);
      latest = publish();
    }
    expect(changes.between(previous, latest)).toBeNull();
    expect(projection.sync(latest, TEST_TIME_ZONE, changes).paidAll).toEqual([440]);
    expect(projection.rebuilds).toBe(3);

    finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 1, receivedAt: TEST_NOW.toISOString() }, ada, TEST_NOW);
    latest = publish();
    expect(projection.sync(latest, TEST_TIME_ZONE, changes).paidAll).toEqual([441]);
    expect(projection.rebuilds).toBe(3);
    projection.sync(latest, 'Europe/Berlin', changes);
    expect(projection.rebuilds).toBe(4);
  });
});
