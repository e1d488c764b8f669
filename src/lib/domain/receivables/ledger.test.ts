import { describe, expect, it } from 'vitest';
import { FinanceFixture } from '../../../../tests/factories/finance';
import { deriveReceivables, openInvoicesOf } from './ledger';
import { allocateInOrder, allocateOldestFirst, checkAllocations, planCreditApplication } from './allocation';

describe('invoice status and balance from the ledger', () => {
  it('keeps a draft out of every balance', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 10_000, number: null });
    const r = deriveReceivables(f);
    expect(r.byId.get(id)).toMatchObject({ status: 'draft', number: null, balanceCents: 0 });
    expect(r.customers.get('cust-a')).toMatchObject({ invoicedCents: 0, balanceCents: 0, creditCents: 0 });
  });

  it('moves issued → partially paid → paid as payments are allocated', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 10_000 });
    expect(deriveReceivables(f).byId.get(id)).toMatchObject({ status: 'issued', balanceCents: 10_000 });
    f.payment(4_000, [[id, 4_000]]);
    expect(deriveReceivables(f).byId.get(id)).toMatchObject({ status: 'partially-paid', balanceCents: 6_000, settledCents: 4_000 });
    f.payment(6_000, [[id, 6_000]]);
    expect(deriveReceivables(f).byId.get(id)).toMatchObject({ status: 'paid', balanceCents: 0 });
  });

  it('counts both payments two offices recorded offline against one invoice: the excess is credit', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 10_000 });
    f.payment(10_000, [[id, 10_000]]);
    f.payment(10_000, [[id, 10_000]]);
    const r = deriveReceivables(f);
    expect(r.byId.get(id)).toMatchObject({ status: 'paid', balanceCents: -10_000 });
    expect(r.customers.get('cust-a')).toMatchObject({ balanceCents: -10_000, openInvoicesCents: 0, creditCents: 10_000 });
  });

  it('reads what was issued from the issue event, not from later edits of the draft fields', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 10_000 });
    const record = f.invoices[0]!;
    record.totals = { ...record.totals, totalCents: 1, subtotalCents: 1 };
    expect(deriveReceivables(f).byId.get(id)?.totals.totalCents).toBe(10_000);
  });

  it('keeps the first issue of a document and lists a concurrent second issue as a burned number', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 5_000, number: 'INV-AAAA-0001', at: '2026-06-01T18:00:00.000Z' });
    const first = f.events[0]!;
    f.events.push({ ...first, id: 'zz-later', number: 'INV-BBBB-0001', at: '2026-06-01T18:00:05.000Z' } as typeof first);
    const view = deriveReceivables(f).byId.get(id)!;
    expect(view.number).toBe('INV-AAAA-0001');
    expect(view.duplicateNumbers).toEqual(['INV-BBBB-0001']);
    expect(deriveReceivables(f).customers.get('cust-a')?.invoicedCents).toBe(5_000);
  });

  it('voids an invoice: it counts for nothing and money paid on it becomes credit', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 8_000, voidReason: 'wrong customer' });
    f.payment(3_000, [[id, 3_000]]);
    const r = deriveReceivables(f);
    expect(r.byId.get(id)).toMatchObject({ status: 'void', voidReason: 'wrong customer', balanceCents: 0 });
    expect(r.customers.get('cust-a')).toMatchObject({ invoicedCents: 0, balanceCents: -3_000, creditCents: 3_000 });
  });

  it('reduces an invoice by an issued credit note against it, and the excess becomes credit', () => {
    const f = new FinanceFixture();
    const inv = f.invoice({ totalCents: 10_000 });
    f.payment(7_000, [[inv, 7_000]]);
    f.invoice({ kind: 'credit-note', creditOf: inv, totalCents: 5_000 });
    const r = deriveReceivables(f);
    expect(r.byId.get(inv)).toMatchObject({ status: 'paid', balanceCents: -2_000 });
    expect(r.customers.get('cust-a')).toMatchObject({ invoicedCents: 10_000, creditNotesCents: 5_000, paidCents: 7_000, balanceCents: -2_000, creditCents: 2_000 });
  });

  it('a credit note for the whole invoice fully reverses it', () => {
    const f = new FinanceFixture();
    const inv = f.invoice({ totalCents: 12_345 });
    f.invoice({ kind: 'credit-note', creditOf: inv, totalCents: 12_345 });
    const r = deriveReceivables(f);
    expect(r.byId.get(inv)).toMatchObject({ status: 'paid', balanceCents: 0 });
    expect(r.customers.get('cust-a')?.balanceCents).toBe(0);
  });
});

describe('allocation of a payment', () => {
  it('allocates oldest first by due date, then date, and leaves the rest as credit', () => {
    const f = new FinanceFixture();
    const newer = f.invoice({ totalCents: 5_000, date: '2026-05-20', terms: 'on-receipt' });
    const older = f.invoice({ totalCents: 3_000, date: '2026-05-01', terms: 'net-30' }); // due 05-31
    const oldest = f.invoice({ totalCents: 2_000, date: '2026-05-10', terms: 'on-receipt' }); // due 05-10
    const r = deriveReceivables(f);
    expect(openInvoicesOf(r, 'cust-a').map((v) => v.id)).toEqual([oldest, newer, older]);
    expect(allocateOldestFirst(r, 'cust-a', 6_000)).toEqual({ allocations: [{ invoiceId: oldest, amountCents: 2_000 }, { invoiceId: newer, amountCents: 4_000 }], remainderCents: 0 });
    expect(allocateOldestFirst(r, 'cust-a', 11_000)).toEqual({
      allocations: [{ invoiceId: oldest, amountCents: 2_000 }, { invoiceId: newer, amountCents: 5_000 }, { invoiceId: older, amountCents: 3_000 }],
      remainderCents: 1_000
    });
  });

  it('skips settled invoices and allocates nothing from nothing', () => {
    expect(allocateInOrder(0, [{ id: 'a', balanceCents: 100 }])).toEqual({ allocations: [], remainderCents: 0 });
    expect(allocateInOrder(50, [{ id: 'a', balanceCents: 0 }, { id: 'b', balanceCents: 100 }])).toEqual({ allocations: [{ invoiceId: 'b', amountCents: 50 }], remainderCents: 0 });
  });

  it('turns an overpayment into customer credit that later pays a new invoice', () => {
    const f = new FinanceFixture();
    const first = f.invoice({ totalCents: 4_000 });
    f.payment(6_000, [[first, 4_000]]);
    let r = deriveReceivables(f);
    expect(r.customers.get('cust-a')).toMatchObject({ balanceCents: -2_000, creditCents: 2_000 });
    const second = f.invoice({ totalCents: 3_000, date: '2026-06-02' });
    r = deriveReceivables(f);
    const plan = planCreditApplication(r, 'cust-a');
    expect(plan).toEqual({ allocations: [{ invoiceId: second, amountCents: 2_000 }], remainderCents: 0 });
    f.applyCredit([[second, 2_000]]);
    r = deriveReceivables(f);
    expect(r.byId.get(second)).toMatchObject({ status: 'partially-paid', balanceCents: 1_000 });
    expect(r.customers.get('cust-a')).toMatchObject({ balanceCents: 1_000, creditCents: 0 });
  });

  it('refuses hand allocations over a balance, to another customer, to a draft, twice, or over the amount', () => {
    const f = new FinanceFixture();
    const a = f.invoice({ totalCents: 1_000 });
    const other = f.invoice({ totalCents: 1_000, customerId: 'cust-b' });
    const draft = f.invoice({ totalCents: 1_000, number: null });
    const r = deriveReceivables(f);
    expect(checkAllocations(r, 'cust-a', 1_000, [{ invoiceId: a, amountCents: 1_000 }])).toEqual([]);
    const messages = (allocs: Array<[string, number]>, amount = 5_000) => checkAllocations(r, 'cust-a', amount, allocs.map(([invoiceId, amountCents]) => ({ invoiceId, amountCents }))).map((p) => p.message);
    expect(messages([[a, 1_001]])[0]).toMatch(/only 1000 cents left/);
    expect(messages([[other, 10]])[0]).toMatch(/not an invoice of this customer/);
    expect(messages([[draft, 10]])[0]).toMatch(/not open \(draft\)/);
    expect(messages([[a, 10], [a, 10]])[0]).toMatch(/listed twice/);
    expect(messages([[a, 600]], 500)).toEqual(['the allocations add up to more than the amount']);
  });
});

describe('refunds', () => {
  it('a refund of credit brings the customer back to zero', () => {
    const f = new FinanceFixture();
    const id = f.invoice({ totalCents: 1_000 });
    f.payment(1_500, [[id, 1_000]]);
    f.refund(500);
    const s = deriveReceivables(f).customers.get('cust-a');
    expect(s).toMatchObject({ paidCents: 1_500, refundedCents: 500, balanceCents: 0, creditCents: 0 });
  });

  it('a refund beyond the credit shows as owed outside any invoice, never lost', () => {
    const f = new FinanceFixture();
    f.refund(700);
    expect(deriveReceivables(f).customers.get('cust-a')).toMatchObject({ balanceCents: 700, openInvoicesCents: 0, creditCents: -700 });
  });
});

describe('a job’s billing status', () => {
  it('is invoiced once an invoice of the job is issued, paid once all are paid, and ignores drafts and voids', async () => {
    const { jobBillingStatus } = await import('./ledger');
    const f = new FinanceFixture();
    const draft = f.invoice({ totalCents: 100, number: null });
    f.invoices.at(-1)!.jobId = 'j1';
    expect(jobBillingStatus(deriveReceivables(f), 'j1')).toBeNull();
    const first = f.invoice({ totalCents: 100 });
    f.invoices.at(-1)!.jobId = 'j1';
    f.invoice({ totalCents: 900, voidReason: 'wrong job' });
    f.invoices.at(-1)!.jobId = 'j1';
    expect(jobBillingStatus(deriveReceivables(f), 'j1')).toBe('invoiced');
    f.payment(100, [[first, 100]]);
    expect(jobBillingStatus(deriveReceivables(f), 'j1')).toBe('paid');
    expect(draft).toBeTruthy();
  });
});
