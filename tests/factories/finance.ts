/**
 * Test factories for finance records (used by unit and integration tests; pure data).
 */
import type { FinanceData } from '../../src/lib/domain/receivables/ledger';
import type { CreditApplication, InvoiceEvent, InvoiceRecord, Payment, PaymentTerms, Refund } from '../../src/lib/domain/receivables/records';
import { dueDateFor } from '../../src/lib/domain/receivables/records';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(5, '0')}`;

export interface FixtureInvoice {
  id?: string;
  customerId?: string;
  date?: string;
  terms?: PaymentTerms;
  totalCents: number;
  kind?: 'invoice' | 'credit-note';
  creditOf?: string | null;
  number?: string | null;
  voidReason?: string;
  at?: string;
}

/** A finance data set built by hand: invoices (issued unless `number: null`), payments, refunds, credits. */
export class FinanceFixture implements FinanceData {
  invoices: InvoiceRecord[] = [];
  events: InvoiceEvent[] = [];
  payments: Payment[] = [];
  refunds: Refund[] = [];
  creditApplications: CreditApplication[] = [];
  #numbers = 0;

  invoice(spec: FixtureInvoice): string {
    const id = spec.id ?? nextId('inv');
    const date = spec.date ?? '2026-06-01';
    const terms = spec.terms ?? 'net-30';
    const at = spec.at ?? `${date}T18:00:00.000Z`;
    const totals = { subtotalCents: spec.totalCents, discountCents: 0, taxCents: 0, totalCents: spec.totalCents };
    const lines = [{ description: 'Work', amountCents: spec.totalCents }];
    const kind = spec.kind ?? 'invoice';
    this.invoices.push({ id, kind, customerId: spec.customerId ?? 'cust-a', customerName: spec.customerId ?? 'cust-a', officeId: null, jobId: null, revisionOf: null, creditOf: spec.creditOf ?? null, date, terms, dueDate: dueDateFor(date, terms), lines, totals, createdAt: at, createdBy: 'u1', updatedAt: at });
    if (spec.number !== null) {
      const number = spec.number ?? `${kind === 'invoice' ? 'INV' : 'CN'}-TEST-${String(++this.#numbers).padStart(4, '0')}`;
      this.events.push({ id: nextId('ev'), kind: 'issued', invoiceId: id, number, docKind: kind, customerId: spec.customerId ?? 'cust-a', date, dueDate: dueDateFor(date, terms), lines, totals, at, by: 'u1' });
    }
    if (spec.voidReason) this.events.push({ id: nextId('ev'), kind: 'voided', invoiceId: id, reason: spec.voidReason, at, stamp: new Date(Date.parse(at) + 1000).toISOString(), by: 'u1' });
    return id;
  }

  payment(amountCents: number, allocations: Array<[invoiceId: string, cents: number]>, options: { customerId?: string; receivedAt?: string } = {}): string {
    const id = nextId('pay');
    const receivedAt = options.receivedAt ?? '2026-06-05T18:00:00.000Z';
    this.payments.push({ id, customerId: options.customerId ?? 'cust-a', method: 'check', amountCents, receivedAt, allocations: allocations.map(([invoiceId, cents]) => ({ invoiceId, amountCents: cents })), reference: '', at: receivedAt, by: 'u1' });
    return id;
  }

  refund(amountCents: number, options: { customerId?: string; refundedAt?: string } = {}): void {
    const refundedAt = options.refundedAt ?? '2026-06-07T18:00:00.000Z';
    this.refunds.push({ id: nextId('ref'), customerId: options.customerId ?? 'cust-a', method: 'check', amountCents, refundedAt, reference: '', at: refundedAt, by: 'u1' });
  }

  applyCredit(allocations: Array<[invoiceId: string, cents: number]>, customerId = 'cust-a'): void {
    this.creditApplications.push({ id: nextId('cra'), customerId, allocations: allocations.map(([invoiceId, cents]) => ({ invoiceId, amountCents: cents })), at: '2026-06-08T18:00:00.000Z', by: 'u1' });
  }
}
