import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';
import { FinanceDoc } from './finance';
import { followJobBilling, invoiceOfJob } from './job-billing';
import { jobInvoices } from '../domain/receivables/job-invoices';
import { mulberry32 } from '../demo/prng';
import { TEST_NOW } from '../../../tests/clock';

const later = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);
const totals = (cents: number) => ({ subtotalCents: cents, discountCents: 0, taxCents: 0, totalCents: cents });
const draftInput = (jobId: string, cents = 12_000) => ({ customerId: 'c1', jobId, date: '2026-06-10', lines: [{ description: 'Work', amountCents: cents }], totals: totals(cents) });

/**
 * Replicas that each record their own updates; `deliver` hands every update to every other
 * replica in a seeded shuffled order (duplicates and reordering included), as a relay would
 * after a long offline spell.
 */
function replicas(count: number, seed: number) {
  const random = mulberry32(seed);
  const devices = Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 100 + i * 13 + seed;
    const outbox: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') outbox.push(update);
    });
    return { finance: new FinanceDoc(doc), actor: { id: `u${i}`, name: `User ${i}` }, outbox };
  });
  const deliver = () => {
    const messages = devices.flatMap((from, i) => from.outbox.splice(0).flatMap((update) => devices.map((_, to) => ({ to, update })).filter((m) => m.to !== i)));
    // Some updates arrive twice; the order is shuffled (Fisher–Yates on the seeded stream).
    const all = [...messages, ...messages.filter(() => random() < 0.2)];
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    for (const m of all) Y.applyUpdate(devices[m.to]!.finance.doc, m.update, 'remote');
  };
  return { devices, random, deliver };
}

describe('two (or three) offline drafts of one job', () => {
  const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

  it.each(SEEDS)('every replica picks the same draft, refuses to issue the duplicates, and discarding them leaves one, seed %i', (seed) => {
    try {
      const { devices, random, deliver } = replicas(2 + (seed % 2), seed);
      // Each device drafts the job offline, at seeded minutes (ties on purpose: then the id decides).
      const ids = devices.map((d) => {
        const made = d.finance.createDraftInvoice(draftInput('job-1', 10_000 + Math.floor(random() * 5000)), d.actor, later(-Math.floor(random() * 3) * 10));
        if (!made.ok) throw new Error(made.error);
        return made.id;
      });
      deliver();
      const views = devices.map((d) => jobInvoices(d.finance.receivables().invoices, 'job-1'));
      const current = views[0]!.current!.id;
      for (const v of views) {
        expect(v.current?.id).toBe(current);
        expect(v.duplicates.map((d) => d.id).sort()).toEqual(ids.filter((id) => id !== current).sort());
      }
      // Issuing a duplicate is refused on any device, with a sentence; the job's draft issues.
      const duplicate = ids.find((id) => id !== current)!;
      const refused = devices[0]!.finance.issueInvoice(duplicate, devices[0]!.actor, 'AAAA', later(1));
      expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('duplicate draft') });
      const issuer = devices[Math.floor(random() * devices.length)]!;
      expect(issuer.finance.issueInvoice(current, issuer.actor, 'BBBB', later(2)).ok).toBe(true);
      // Another device discards the duplicates (void events, never deletes) before seeing the issue.
      const cleaner = devices.find((d) => d !== issuer)!;
      for (const id of ids.filter((x) => x !== current)) expect(cleaner.finance.voidInvoice(id, { reason: 'Duplicate draft' }, cleaner.actor, later(3)).ok).toBe(true);
      deliver();
      for (const d of devices) {
        const receivables = d.finance.receivables();
        expect(receivables.invoices).toHaveLength(ids.length);
        expect(invoiceOfJob(receivables, 'job-1')?.id).toBe(current);
        expect(invoiceOfJob(receivables, 'job-1')?.number).toMatch(/^INV-BBBB-/);
        expect(jobInvoices(receivables.invoices, 'job-1').duplicates).toEqual([]);
        expect(receivables.invoices.filter((v) => v.status === 'void').map((v) => v.voidReason)).toEqual(ids.slice(1).map(() => 'Duplicate draft'));
      }
    } catch (error) {
      throw new Error(`job drafts failed with seed ${seed}: ${String(error)}`, { cause: error });
    }
  });

  it('an issued invoice is the job’s invoice even when a draft of another device is older', () => {
    const { devices, deliver } = replicas(2, 99);
    const [a, b] = devices as [(typeof devices)[0], (typeof devices)[0]];
    const older = a.finance.createDraftInvoice(draftInput('job-1'), a.actor, later(-60));
    const newer = b.finance.createDraftInvoice(draftInput('job-1'), b.actor, later(-30));
    if (!older.ok || !newer.ok) throw new Error('setup');
    expect(b.finance.issueInvoice(newer.id, b.actor, 'BBBB', later(-20)).ok).toBe(true);
    deliver();
    for (const d of devices) expect(invoiceOfJob(d.finance.receivables(), 'job-1')?.id).toBe(newer.id);
    expect(a.finance.issueInvoice(older.id, a.actor, 'AAAA', later(-10))).toMatchObject({ ok: false, error: expect.stringContaining('INV-BBBB-') });
  });

  it('a revision of the job’s issued invoice is not a duplicate', () => {
    const { devices } = replicas(1, 7);
    const d = devices[0]!;
    const first = d.finance.createDraftInvoice(draftInput('job-1'), d.actor, later(-60));
    if (!first.ok) throw new Error('setup');
    d.finance.issueInvoice(first.id, d.actor, 'AAAA', later(-50));
    const revision = d.finance.createDraftInvoice({ ...draftInput('job-1', 9000), revisionOf: first.id }, d.actor, later(-40));
    if (!revision.ok) throw new Error(revision.error);
    expect(jobInvoices(d.finance.receivables().invoices, 'job-1').duplicates).toEqual([]);
    expect(d.finance.issueInvoice(revision.id, d.actor, 'AAAA', later(-30)).ok).toBe(true);
    expect(invoiceOfJob(d.finance.receivables(), 'job-1')?.id).toBe(revision.id);
  });
});

describe('voiding a job’s issued invoice', () => {
  it('moves the job back from invoiced to completed through its event log, so it can be invoiced again', () => {
    const board = new BoardDoc(new Y.Doc());
    const finance = new FinanceDoc(new Y.Doc());
    const ada = { id: 'u-ada', name: 'Ada' };
    const created = board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm', type: 'repair' }, ada, 'AB23', later(-300));
    if (!created.ok) throw new Error('setup');
    const jobId = created.job.id;
    for (const [i, to] of (['dispatched', 'on_site', 'completed'] as const).entries()) board.transitionJob(jobId, to, ada, later(-200 + i));
    const draft = finance.createDraftInvoice(draftInput(jobId), ada, later(-100));
    if (!draft.ok) throw new Error('setup');
    finance.issueInvoice(draft.id, ada, 'AB23', later(-90));
    expect(followJobBilling(board, finance.receivables(), jobId, ada, later(-90))).toEqual(['invoiced']);
    expect(finance.voidInvoice(draft.id, { reason: 'Wrong customer' }, ada, later(-80)).ok).toBe(true);
    expect(followJobBilling(board, finance.receivables(), jobId, ada, later(-80))).toEqual(['completed']);
    expect(board.getJob(jobId)?.status).toBe('completed');
    expect(board.historyOf(jobId).slice(-2).map((e) => e.to)).toEqual(['invoiced', 'completed']);
    expect(invoiceOfJob(finance.receivables(), jobId)).toBeUndefined();
    // Invoiced again: a new draft issues and the job follows once more.
    const again = finance.createDraftInvoice(draftInput(jobId, 11_000), ada, later(-70));
    if (!again.ok) throw new Error('again');
    expect(finance.issueInvoice(again.id, ada, 'AB23', later(-60)).ok).toBe(true);
    expect(followJobBilling(board, finance.receivables(), jobId, ada, later(-60))).toEqual(['invoiced']);
  });

  it('refuses to void a paid invoice: money received needs a credit note', () => {
    const finance = new FinanceDoc(new Y.Doc());
    const ada = { id: 'u-ada', name: 'Ada' };
    const draft = finance.createDraftInvoice(draftInput('job-1'), ada, later(-100));
    if (!draft.ok) throw new Error('setup');
    finance.issueInvoice(draft.id, ada, 'AB23', later(-90));
    finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 12_000, receivedAt: later(-80).toISOString() }, ada, later(-80));
    expect(finance.voidInvoice(draft.id, { reason: 'Wrong customer' }, ada, later(-70))).toEqual({ ok: false, error: 'Money was received on it: issue a credit note instead.' });
  });

  it('refuses to issue a draft whose PRICE NEEDED line has no price, naming the line', () => {
    const finance = new FinanceDoc(new Y.Doc());
    const ada = { id: 'u-ada', name: 'Ada' };
    const draft = finance.createDraftInvoice({ ...draftInput('job-1'), lines: [{ description: 'Work', amountCents: 12_000 }, { description: 'PRICE NEEDED: Odd gasket', amountCents: 0 }] }, ada, later(-100));
    if (!draft.ok) throw new Error('setup');
    expect(finance.issueInvoice(draft.id, ada, 'AB23', later(-90))).toEqual({ ok: false, error: 'Set the price of “Odd gasket” before issuing: it is still $0.00 (PRICE NEEDED).' });
  });
});
