import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FinanceDoc } from './finance';
import { TEST_NOW } from '../../../tests/clock';

const ada = { id: 'ada', name: 'Ada' };
const priced = (cents: number) => ({ lines: [{ description: 'Work', amountCents: cents, quantityMilli: 1000 }], totals: { subtotalCents: cents, discountCents: 0, taxCents: 0, totalCents: cents } });
const draft = (over: Record<string, unknown> = {}) => ({ customerId: 'c1', customerName: 'Sam', date: '2026-06-10', terms: 'net-15', ...priced(10_000), ...over });

function setup() {
  const finance = new FinanceDoc(new Y.Doc());
  const create = (over: Record<string, unknown> = {}) => {
    const result = finance.createDraftInvoice(draft(over), ada, TEST_NOW);
    if (!result.ok) throw new Error(result.error);
    return result.id;
  };
  return { finance, create };
}

describe('finance documents', () => {
  it('creates drafts without a number and with the due date from the terms', () => {
    const { finance, create } = setup();
    const id = create();
    expect(finance.receivables().byId.get(id)).toMatchObject({ status: 'draft', number: null, dueDate: '2026-06-25' });
  });

  it('refuses bad input with field errors and writes nothing', () => {
    const { finance } = setup();
    const result = finance.createDraftInvoice(draft({ lines: [], totals: { subtotalCents: 1, discountCents: 0, taxCents: 0, totalCents: 2 } }), ada, TEST_NOW);
    expect(result).toMatchObject({ ok: false, errors: { lines: 'add at least one line', totals: 'total must be subtotal − discount + tax' } });
    expect(finance.invoices.size).toBe(0);
  });

  it('numbers at issue time from the tab’s series, invoices and credit notes apart, gap-free', () => {
    const { finance, create } = setup();
    const first = create();
    const second = create();
    expect(finance.issueInvoice(second, ada, 'K7QX', TEST_NOW)).toMatchObject({ ok: true, number: 'INV-K7QX-0001' });
    expect(finance.issueInvoice(first, ada, 'K7QX', TEST_NOW)).toMatchObject({ ok: true, number: 'INV-K7QX-0002' });
    const credit = create({ kind: 'credit-note', creditOf: first, ...priced(500) });
    expect(finance.issueInvoice(credit, ada, 'K7QX', TEST_NOW)).toMatchObject({ ok: true, number: 'CN-K7QX-0001' });
    expect(finance.issueInvoice(create(), ada, 'ZZ22', TEST_NOW)).toMatchObject({ ok: true, number: 'INV-ZZ22-0001' });
  });

  it('never reissues a number held by an unreadable event', () => {
    const { finance, create } = setup();
    finance.doc.transact(() => {
      const broken = new Y.Map<unknown>();
      broken.set('number', 'INV-K7QX-0001');
      broken.set('kind', 'issued'); // no invoiceId, no snapshot: unreadable
      finance.doc.getMap('invoiceEvents').set('broken', broken);
    });
    expect(finance.invoiceEvents.list()).toEqual([]);
    expect(finance.issueInvoice(create(), ada, 'K7QX', TEST_NOW)).toMatchObject({ ok: true, number: 'INV-K7QX-0002' });
  });

  it('locks an issued document: no edit, no second issue; what was issued stays as issued', () => {
    const { finance, create } = setup();
    const id = create();
    finance.issueInvoice(id, ada, 'K7QX', TEST_NOW);
    expect(finance.updateDraft(id, draft(priced(1)), TEST_NOW)).toEqual({ ok: false, error: 'It is issued: change it with a credit note or a revision.' });
    expect(finance.issueInvoice(id, ada, 'K7QX', TEST_NOW)).toEqual({ ok: false, error: 'It is already issued.' });
    expect(finance.receivables().byId.get(id)?.totals.totalCents).toBe(10_000);
  });

  it('issuing a revision voids the original in the same change, and the revision has its own number', () => {
    const { finance, create } = setup();
    const original = create();
    finance.issueInvoice(original, ada, 'K7QX', TEST_NOW);
    const revision = create({ revisionOf: original, ...priced(9_000) });
    const updates: Uint8Array[] = [];
    finance.doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(finance.issueInvoice(revision, ada, 'K7QX', TEST_NOW)).toMatchObject({ ok: true, number: 'INV-K7QX-0002' });
    expect(updates).toHaveLength(1);
    const r = finance.receivables();
    expect(r.byId.get(original)).toMatchObject({ status: 'void', voidReason: 'Revised by INV-K7QX-0002' });
    expect(r.customers.get('c1')?.balanceCents).toBe(9_000);
  });

  it('voids with a reason, and refuses voiding an invoice that money was received on', () => {
    const { finance, create } = setup();
    const a = create();
    const b = create();
    finance.issueInvoice(a, ada, 'K7QX', TEST_NOW);
    finance.issueInvoice(b, ada, 'K7QX', TEST_NOW);
    expect(finance.voidInvoice(a, { reason: '' }, ada, TEST_NOW)).toMatchObject({ ok: false, errors: { reason: 'say why it is void' } });
    expect(finance.voidInvoice(a, { reason: 'duplicate' }, ada, TEST_NOW)).toEqual({ ok: true });
    expect(finance.receivables().byId.get(a)).toMatchObject({ status: 'void', voidReason: 'duplicate' });
    finance.ledger.recordPayment({ customerId: 'c1', method: 'card', amountCents: 100, receivedAt: TEST_NOW.toISOString() }, ada, TEST_NOW);
    expect(finance.voidInvoice(b, { reason: 'oops' }, ada, TEST_NOW)).toEqual({ ok: false, error: 'Money was received on it: issue a credit note instead.' });
  });
});

describe('finance ledger commands', () => {
  it('records a payment oldest first by default and keeps the overpayment as credit, then applies and refunds credit', () => {
    const { finance, create } = setup();
    const older = create({ date: '2026-06-01' });
    const newer = create({ date: '2026-06-05' });
    finance.issueInvoice(newer, ada, 'K7QX', TEST_NOW);
    finance.issueInvoice(older, ada, 'K7QX', TEST_NOW);
    const paid = finance.ledger.recordPayment({ customerId: 'c1', method: 'check', amountCents: 25_000, receivedAt: TEST_NOW.toISOString(), reference: '1042' }, ada, TEST_NOW);
    expect(paid).toMatchObject({ ok: true, allocations: [{ invoiceId: older, amountCents: 10_000 }, { invoiceId: newer, amountCents: 10_000 }], creditCents: 5_000 });
    expect(finance.receivables().customers.get('c1')).toMatchObject({ balanceCents: -5_000, creditCents: 5_000 });
    expect(finance.ledger.applyCredit('c1', ada, TEST_NOW)).toEqual({ ok: false, error: 'There is no credit, or no open invoice, to apply it to.' });
    const third = create();
    finance.issueInvoice(third, ada, 'K7QX', TEST_NOW);
    expect(finance.ledger.applyCredit('c1', ada, TEST_NOW)).toMatchObject({ ok: true, allocations: [{ invoiceId: third, amountCents: 5_000 }] });
    expect(finance.ledger.recordRefund({ customerId: 'c1', method: 'check', amountCents: 1, refundedAt: TEST_NOW.toISOString() }, ada, TEST_NOW)).toMatchObject({ ok: false });
    expect(finance.receivables().customers.get('c1')).toMatchObject({ balanceCents: 5_000, creditCents: 0 });
  });

  it('records a partial payment on chosen invoices and refuses allocations over a balance', () => {
    const { finance, create } = setup();
    const id = create();
    finance.issueInvoice(id, ada, 'K7QX', TEST_NOW);
    const input = (cents: number) => ({ customerId: 'c1', method: 'cash', amountCents: cents, receivedAt: TEST_NOW.toISOString(), allocations: [{ invoiceId: id, amountCents: cents }] });
    expect(finance.ledger.recordPayment(input(10_001), ada, TEST_NOW)).toMatchObject({ ok: false });
    expect(finance.ledger.recordPayment(input(4_000), ada, TEST_NOW)).toMatchObject({ ok: true, creditCents: 0 });
    expect(finance.receivables().byId.get(id)).toMatchObject({ status: 'partially-paid', balanceCents: 6_000 });
    expect(finance.ledger.recordPayment({ ...input(1), receivedAt: new Date(TEST_NOW.getTime() + 3_600_000).toISOString() }, ada, TEST_NOW)).toMatchObject({ ok: false, error: 'That is in the future.' });
  });
});

describe('pay rates', () => {
  const admin = { ...ada, role: 'admin' as const };

  it('records an admin\'s rate as a new authored record and finds the one in force', async () => {
    const { rateOn } = await import('../domain/payroll/pay-rates');
    const { finance } = setup();
    expect(finance.setPayRate({ technicianId: 't1', hourlyCents: 3000, effectiveFrom: '2026-01-01' }, admin, TEST_NOW)).toMatchObject({ ok: true });
    expect(finance.setPayRate({ technicianId: 't1', hourlyCents: 3300, effectiveFrom: '2026-07-01' }, admin, TEST_NOW)).toMatchObject({ ok: true });
    expect(finance.payRates.size).toBe(2);
    expect(finance.payRates.list().every((r) => r.by === 'ada' && r.byName === 'Ada')).toBe(true);
    expect(rateOn(finance.payRates.list(), 't1', '2026-06-30')?.hourlyCents).toBe(3000);
    expect(rateOn(finance.payRates.list(), 't1', '2026-07-01')?.hourlyCents).toBe(3300);
  });

  it('refuses a dispatcher and invalid input, writing nothing', () => {
    const { finance } = setup();
    expect(finance.setPayRate({ technicianId: 't1', hourlyCents: 3000, effectiveFrom: '2026-01-01' }, { ...ada, role: 'dispatcher' }, TEST_NOW)).toMatchObject({ ok: false, error: 'Only an admin can set pay rates.' });
    expect(finance.setPayRate({ technicianId: 't1', hourlyCents: 30.5, effectiveFrom: '2026-01-01' }, admin, TEST_NOW)).toMatchObject({ ok: false, errors: { hourlyCents: 'Whole cents only.' } });
    expect(finance.payRates.size).toBe(0);
  });
});
