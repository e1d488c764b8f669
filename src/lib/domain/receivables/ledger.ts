/**
 * What is owed, derived from the finance ledgers on every device the same way (DESIGN §3:
 * amounts several people change are immutable entries; the number shown is derived).
 *
 * - A document's status: `void` once any void event exists; `draft` until issued; issued
 *   documents are `paid` when nothing is left to pay, `partially-paid` when something was
 *   paid or credited, else `issued`. What was issued is the first issue event's snapshot in
 *   (stamp ?? at, id) order: later edits of the draft fields never change it. A second issue
 *   event (two devices issuing one draft offline) keeps its number in the doc (never reused)
 *   and is listed as a duplicate.
 * - Invoice balance = issued total − allocations (payments, credit applications) − issued
 *   credit notes against it. It may go below zero (two offices paid it offline): the excess
 *   is the customer's credit, never dropped.
 * - Customer balance = issued invoices − credit notes − payments + refunds. Its credit is
 *   the open invoices' balances minus that: money held (unallocated payments, overpayments,
 *   payments on voided invoices) that can be applied later or refunded.
 */
import { compareStamped } from '../jobs/event-order';
import type { CreditApplication, InvoiceEvent, InvoiceLine, InvoiceRecord, InvoiceTotals, IssuedEvent, Payment, PaymentMethod, Refund } from './records';

export const INVOICE_STATUSES = ['draft', 'issued', 'partially-paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const STATUS_LABEL: Record<InvoiceStatus, string> = { draft: 'Draft', issued: 'Issued', 'partially-paid': 'Partially paid', paid: 'Paid', void: 'Void' };

export interface FinanceData {
  invoices: readonly InvoiceRecord[];
  events: readonly InvoiceEvent[];
  payments: readonly Payment[];
  refunds: readonly Refund[];
  creditApplications: readonly CreditApplication[];
}

/** One settlement of an invoice: a payment's allocation, credit applied, or a credit note. */
export interface Settlement {
  source: 'payment' | 'credit' | 'credit-note';
  sourceId: string;
  amountCents: number;
  at: string;
  method: PaymentMethod | null;
  reference: string;
}

export interface InvoiceView {
  id: string;
  record: InvoiceRecord;
  kind: InvoiceRecord['kind'];
  number: string | null;
  customerId: string;
  customerName: string;
  officeId: string | null;
  date: string;
  dueDate: string;
  lines: readonly InvoiceLine[];
  totals: InvoiceTotals;
  status: InvoiceStatus;
  issued: IssuedEvent | null;
  voidReason: string | null;
  /** Status history, oldest first. */
  history: InvoiceEvent[];
  /** Numbers of further issue events of this document (burned, never reused). */
  duplicateNumbers: string[];
  settlements: Settlement[];
  settledCents: number;
  /** What is still owed; 0 for drafts, voids and credit notes; below 0 when overpaid. */
  balanceCents: number;
}

export interface CustomerSummary {
  customerId: string;
  customerName: string;
  invoicedCents: number;
  creditNotesCents: number;
  paidCents: number;
  refundedCents: number;
  /** invoiced − credit notes − paid + refunded. */
  balanceCents: number;
  /** Sum of the open invoices' positive balances. */
  openInvoicesCents: number;
  /** Credit held: openInvoicesCents − balanceCents (negative: owed outside any invoice, e.g. a refund beyond credit). */
  creditCents: number;
}

export interface Receivables {
  invoices: InvoiceView[];
  byId: Map<string, InvoiceView>;
  customers: Map<string, CustomerSummary>;
}

/** Derives every document's status and balance and every customer's balance. */
export function deriveReceivables(data: FinanceData): Receivables {
  const eventsOf = new Map<string, InvoiceEvent[]>();
  for (const event of [...data.events].sort(compareStamped)) {
    const list = eventsOf.get(event.invoiceId);
    if (list) list.push(event);
    else eventsOf.set(event.invoiceId, [event]);
  }
  const settlementsOf = new Map<string, Settlement[]>();
  const settle = (invoiceId: string, s: Settlement) => {
    const list = settlementsOf.get(invoiceId);
    if (list) list.push(s);
    else settlementsOf.set(invoiceId, [s]);
  };
  for (const p of data.payments) for (const a of p.allocations) settle(a.invoiceId, { source: 'payment', sourceId: p.id, amountCents: a.amountCents, at: p.receivedAt, method: p.method, reference: p.reference });
  for (const c of data.creditApplications) for (const a of c.allocations) settle(a.invoiceId, { source: 'credit', sourceId: c.id, amountCents: a.amountCents, at: c.at, method: null, reference: '' });

  const base = data.invoices.map((record) => baseView(record, eventsOf.get(record.id) ?? []));
  for (const view of base) {
    if (view.kind === 'credit-note' && view.issued && view.status !== 'void' && view.record.creditOf) {
      settle(view.record.creditOf, { source: 'credit-note', sourceId: view.id, amountCents: view.totals.totalCents, at: view.issued.at, method: null, reference: view.number ?? '' });
    }
  }
  const invoices = base.map((view) => withSettlements(view, settlementsOf.get(view.id) ?? []));
  const byId = new Map(invoices.map((v) => [v.id, v]));
  return { invoices, byId, customers: summarise(invoices, data) };
}

function baseView(record: InvoiceRecord, history: InvoiceEvent[]): InvoiceView {
  const issues = history.filter((e): e is IssuedEvent => e.kind === 'issued');
  const issued = issues[0] ?? null;
  const voided = history.find((e) => e.kind === 'voided');
  return {
    id: record.id,
    record,
    kind: issued?.docKind ?? record.kind,
    number: issued?.number ?? null,
    customerId: issued?.customerId ?? record.customerId,
    customerName: record.customerName,
    officeId: record.officeId,
    date: issued?.date ?? record.date,
    dueDate: issued?.dueDate ?? record.dueDate,
    lines: issued?.lines ?? record.lines,
    totals: issued?.totals ?? record.totals,
    status: voided ? 'void' : issued ? 'issued' : 'draft',
    issued,
    voidReason: voided?.kind === 'voided' ? voided.reason : null,
    history,
    duplicateNumbers: issues.slice(1).map((e) => e.number),
    settlements: [],
    settledCents: 0,
    balanceCents: 0
  };
}

function withSettlements(view: InvoiceView, settlements: Settlement[]): InvoiceView {
  const settledCents = settlements.reduce((sum, s) => sum + s.amountCents, 0);
  if (view.status !== 'issued' || view.kind === 'credit-note') return { ...view, settlements, settledCents };
  const balanceCents = view.totals.totalCents - settledCents;
  const status: InvoiceStatus = balanceCents <= 0 ? 'paid' : settledCents > 0 ? 'partially-paid' : 'issued';
  return { ...view, settlements, settledCents, balanceCents, status };
}

/** Money received on a document (payments and credit applied; credit notes left out). */
export function moneyReceivedCents(view: Pick<InvoiceView, 'settlements'>): number {
  return view.settlements.reduce((sum, s) => (s.source === 'credit-note' ? sum : sum + s.amountCents), 0);
}

/** Issued, not void, not a credit note: what counts as invoiced. */
export function isOpenInvoice(view: InvoiceView): boolean {
  return view.kind === 'invoice' && (view.status === 'issued' || view.status === 'partially-paid');
}

function isCounted(view: InvoiceView): boolean {
  return view.issued !== null && view.status !== 'void';
}

function summarise(invoices: readonly InvoiceView[], data: FinanceData): Map<string, CustomerSummary> {
  const out = new Map<string, CustomerSummary>();
  const of = (customerId: string, name = ''): CustomerSummary => {
    let s = out.get(customerId);
    if (!s) {
      s = { customerId, customerName: name, invoicedCents: 0, creditNotesCents: 0, paidCents: 0, refundedCents: 0, balanceCents: 0, openInvoicesCents: 0, creditCents: 0 };
      out.set(customerId, s);
    }
    if (!s.customerName && name) s.customerName = name;
    return s;
  };
  for (const view of invoices) {
    const s = of(view.customerId, view.customerName);
    if (!isCounted(view)) continue;
    if (view.kind === 'credit-note') s.creditNotesCents += view.totals.totalCents;
    else s.invoicedCents += view.totals.totalCents;
    if (view.kind === 'invoice' && view.balanceCents > 0) s.openInvoicesCents += view.balanceCents;
  }
  for (const p of data.payments) of(p.customerId).paidCents += p.amountCents;
  for (const r of data.refunds) of(r.customerId).refundedCents += r.amountCents;
  for (const s of out.values()) {
    s.balanceCents = s.invoicedCents - s.creditNotesCents - s.paidCents + s.refundedCents;
    s.creditCents = s.openInvoicesCents - s.balanceCents;
  }
  return out;
}

/** Open invoices of a customer, oldest first (due date, date, number, id): the default allocation order. */
export function openInvoicesOf(receivables: Receivables, customerId: string): InvoiceView[] {
  return receivables.invoices.filter((v) => v.customerId === customerId && isOpenInvoice(v) && v.balanceCents > 0).sort(oldestFirst);
}

export function oldestFirst(a: InvoiceView, b: InvoiceView): number {
  return a.dueDate.localeCompare(b.dueDate) || a.date.localeCompare(b.date) || (a.number ?? '').localeCompare(b.number ?? '') || a.id.localeCompare(b.id);
}

/**
 * Where a job stands in billing, for the job's status events (`invoiced`, `paid`): from its
 * issued, non-void invoices. Null when none is issued. `paid` once every one is paid.
 */
export function jobBillingStatus(receivables: Receivables, jobId: string): 'invoiced' | 'paid' | null {
  const invoices = receivables.invoices.filter((v) => v.record.jobId === jobId && v.kind === 'invoice' && v.issued && v.status !== 'void');
  if (!invoices.length) return null;
  return invoices.every((v) => v.status === 'paid') ? 'paid' : 'invoiced';
}
