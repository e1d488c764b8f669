import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';
import { FinanceDoc } from './finance';
import { billingSteps, followJobBilling, invoiceOfJob } from './job-billing';
import { TEST_NOW } from '../../../tests/clock';

const ada = { id: 'u-ada', name: 'Ada' };
const bob = { id: 'u-bob', name: 'Bob' };
const later = (minutes: number) => new Date(TEST_NOW.getTime() + minutes * 60_000);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Two devices, each with a board doc and a finance doc, holding one completed job and its draft invoice. */
function twoDevices() {
  const a = { board: new BoardDoc(new Y.Doc()), finance: new FinanceDoc(new Y.Doc()) };
  const b = { board: new BoardDoc(new Y.Doc()), finance: new FinanceDoc(new Y.Doc()) };
  const created = a.board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm', type: 'repair' }, ada, 'AB23', later(-300));
  if (!created.ok) throw new Error('setup');
  const jobId = created.job.id;
  for (const [i, to] of (['dispatched', 'on_site', 'completed'] as const).entries()) a.board.transitionJob(jobId, to, ada, later(-200 + i));
  const draft = a.finance.createDraftInvoice({ customerId: 'c1', jobId, date: '2026-06-10', lines: [{ description: 'Work', amountCents: 12_000 }], totals: { subtotalCents: 12_000, discountCents: 0, taxCents: 0, totalCents: 12_000 } }, ada, later(-100));
  if (!draft.ok) throw new Error(draft.error);
  const syncAll = () => {
    sync(a.board.doc, b.board.doc);
    sync(a.finance.doc, b.finance.doc);
  };
  syncAll();
  return { a, b, jobId, invoiceId: draft.id, syncAll };
}

const statusEvents = (board: BoardDoc, jobId: string) => board.historyOf(jobId).filter((e) => e.to === 'invoiced' || e.to === 'paid').map((e) => e.to);

describe('job status follows billing', () => {
  it('finds the job’s one open invoice, and none once it is void', () => {
    const { a, jobId, invoiceId } = twoDevices();
    expect(invoiceOfJob(a.finance.receivables(), jobId)?.id).toBe(invoiceId);
    expect(a.finance.voidInvoice(invoiceId, { reason: 'wrong customer' }, ada, TEST_NOW).ok).toBe(true);
    expect(invoiceOfJob(a.finance.receivables(), jobId)).toBeUndefined();
  });

  it('plans only the missing steps', () => {
    expect(billingSteps('completed', null)).toEqual([]);
    expect(billingSteps('completed', 'invoiced')).toEqual(['invoiced']);
    expect(billingSteps('completed', 'paid')).toEqual(['invoiced', 'paid']);
    expect(billingSteps('invoiced', 'paid')).toEqual(['paid']);
    expect(billingSteps('paid', 'paid')).toEqual([]);
    expect(billingSteps('closed', 'invoiced')).toEqual([]);
  });

  it('issue on one device → invoiced, payment on the other → paid; written once, and both devices agree', () => {
    const { a, b, jobId, invoiceId, syncAll } = twoDevices();
    // A draft alone changes nothing.
    expect(followJobBilling(a.board, a.finance.receivables(), jobId, ada, later(-50))).toEqual([]);
    expect(a.finance.issueInvoice(invoiceId, ada, 'AB23', later(-40)).ok).toBe(true);
    expect(followJobBilling(a.board, a.finance.receivables(), jobId, ada, later(-40))).toEqual(['invoiced']);
    expect(followJobBilling(a.board, a.finance.receivables(), jobId, ada, later(-39))).toEqual([]);
    syncAll();
    expect(b.board.getJob(jobId)?.status).toBe('invoiced');
    // B saw the issue via sync: nothing left for it to write.
    expect(followJobBilling(b.board, b.finance.receivables(), jobId, bob, later(-30))).toEqual([]);
    const paid = b.finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 12_000, receivedAt: later(-20).toISOString() }, bob, later(-20));
    expect(paid.ok).toBe(true);
    expect(followJobBilling(b.board, b.finance.receivables(), jobId, bob, later(-20))).toEqual(['paid']);
    syncAll();
    for (const device of [a, b]) {
      expect(device.board.getJob(jobId)?.status).toBe('paid');
      expect(statusEvents(device.board, jobId)).toEqual(['invoiced', 'paid']);
    }
  });

  it('converges when two offline devices both write the step, and a partial payment keeps it invoiced', () => {
    const { a, b, jobId, invoiceId, syncAll } = twoDevices();
    a.finance.issueInvoice(invoiceId, ada, 'AB23', later(-40));
    sync(a.finance.doc, b.finance.doc); // finance synced, boards not yet
    expect(followJobBilling(a.board, a.finance.receivables(), jobId, ada, later(-40))).toEqual(['invoiced']);
    expect(followJobBilling(b.board, b.finance.receivables(), jobId, bob, later(-39))).toEqual(['invoiced']);
    b.finance.ledger.recordPayment({ customerId: 'c1', method: 'card', amountCents: 5_000, receivedAt: later(-10).toISOString() }, bob, later(-10));
    expect(followJobBilling(b.board, b.finance.receivables(), jobId, bob, later(-10))).toEqual([]);
    syncAll();
    expect(a.board.getJob(jobId)?.status).toBe('invoiced');
    expect(b.board.getJob(jobId)?.status).toBe('invoiced');
    // The rest paid offline on A, whose board had not seen B's events: the steps still converge.
    a.finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 7_000, receivedAt: later(-5).toISOString() }, ada, later(-5));
    expect(followJobBilling(a.board, a.finance.receivables(), jobId, ada, later(-5))).toEqual(['paid']);
    syncAll();
    expect(a.board.getJob(jobId)?.status).toBe('paid');
    expect(b.board.getJob(jobId)?.status).toBe('paid');
    expect(a.board.historyOf(jobId).map((e) => e.id)).toEqual(b.board.historyOf(jobId).map((e) => e.id));
  });

  it('a payment recorded before the device saw the issue step still writes both steps in order', () => {
    const { a, jobId, invoiceId } = twoDevices();
    a.finance.issueInvoice(invoiceId, ada, 'AB23', later(-40));
    a.finance.ledger.recordPayment({ customerId: 'c1', method: 'cash', amountCents: 12_000, receivedAt: later(-30).toISOString() }, ada, later(-30));
    expect(followJobBilling(a.board, a.finance.receivables(), jobId, ada, later(-30))).toEqual(['invoiced', 'paid']);
    expect(a.board.getJob(jobId)?.status).toBe('paid');
  });
});
