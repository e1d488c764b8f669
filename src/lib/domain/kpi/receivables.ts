/**
 * Accounts receivable with aging, DSO and money owed vs paid. A balance is an invoice's total
 * less the payments applied to it up to the moment asked about; credits and unapplied payments
 * stay with their customer (netted per customer, never dropped). Formulas: ../shared/KPI.md.
 */
import { FORMULAS } from './formulas';
import { daysIn } from './periods';
import { DAY_MS, inRange, kpiNumber, type CreditFacts, type InstantRange, type InvoiceFacts, type KpiNumber, type PaymentFacts } from './types';

export const AGING_BUCKETS = ['current', '1–30', '31–60', '61–90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Bucket by whole days past due (due date = `dueAt`, or issue when no terms). */
export function agingBucket(daysPastDue: number): AgingBucket {
  const d = Math.floor(daysPastDue);
  return d <= 0 ? 'current' : d <= 30 ? '1–30' : d <= 60 ? '31–60' : d <= 90 ? '61–90' : '90+';
}

export interface CustomerReceivable {
  customerId: string;
  buckets: Record<AgingBucket, number>;
  /** Payments not applied to an invoice, and credit notes, up to `asOf`. */
  unappliedCents: number;
  creditsCents: number;
  /** Open balances − unapplied − credits: what the customer owes, net (negative = we owe them). */
  netCents: number;
  invoiceIds: string[];
}

export interface Receivables {
  totals: Record<AgingBucket, number>;
  /** Sum of every customer's net. */
  netCents: number;
  customers: CustomerReceivable[];
}

export interface ReceivableInputs {
  invoices: readonly InvoiceFacts[];
  payments: readonly PaymentFacts[];
  credits?: readonly CreditFacts[];
}

function emptyBuckets(): Record<AgingBucket, number> {
  return { current: 0, '1–30': 0, '31–60': 0, '61–90': 0, '90+': 0 };
}

/** Receivables as of an instant: invoices issued by then, payments and credits received by then. */
export function receivables(input: ReceivableInputs, asOf: string): Receivables {
  const at = Date.parse(asOf);
  const paid = new Map<string, number>();
  const customers = new Map<string, CustomerReceivable>();
  const customer = (id: string) => {
    let c = customers.get(id);
    if (!c) customers.set(id, (c = { customerId: id, buckets: emptyBuckets(), unappliedCents: 0, creditsCents: 0, netCents: 0, invoiceIds: [] }));
    return c;
  };
  for (const p of input.payments) {
    if (Date.parse(p.at) > at) continue;
    if (p.invoiceId) paid.set(p.invoiceId, (paid.get(p.invoiceId) ?? 0) + p.amountCents);
    else customer(p.customerId).unappliedCents += p.amountCents;
  }
  for (const c of input.credits ?? []) if (Date.parse(c.at) <= at) customer(c.customerId).creditsCents += c.amountCents;
  for (const inv of input.invoices) {
    if (inv.voided || Date.parse(inv.issuedAt) > at) continue;
    let balance = inv.totalCents - (paid.get(inv.id) ?? 0);
    const c = customer(inv.customerId);
    // Overpaid: the excess is the customer's money, kept as unapplied rather than dropped.
    if (balance < 0) {
      c.unappliedCents -= balance;
      balance = 0;
    }
    if (balance === 0) continue;
    const due = Date.parse(inv.dueAt ?? inv.issuedAt);
    c.buckets[agingBucket((at - due) / DAY_MS)] += balance;
    c.invoiceIds.push(inv.id);
  }
  const totals = emptyBuckets();
  let net = 0;
  for (const c of customers.values()) {
    const open = Object.values(c.buckets).reduce((a, b) => a + b, 0);
    c.netCents = open - c.unappliedCents - c.creditsCents;
    net += c.netCents;
    for (const b of Object.keys(totals) as AgingBucket[]) totals[b] += c.buckets[b];
  }
  return { totals, netCents: net, customers: [...customers.values()].sort((a, b) => a.customerId.localeCompare(b.customerId)) };
}

/** DSO: receivables (net) at the period's end ÷ invoiced revenue (totals) in the period × its days; null without revenue. */
export function dso(input: ReceivableInputs, range: InstantRange, timeZone: string): KpiNumber {
  const issued = input.invoices.filter((i) => !i.voided && inRange(i.issuedAt, range));
  const revenue = issued.reduce((n, i) => n + i.totalCents, 0);
  const open = receivables(input, new Date(Date.parse(range.end) - 1).toISOString()).netCents;
  return kpiNumber(revenue === 0 ? null : (open / revenue) * daysIn(range, timeZone), 'days', issued.map((i) => i.id), FORMULAS.dso);
}

export interface OwedVsPaid {
  issuedCents: number;
  paidCents: number;
  outstandingCents: number;
  invoiceIds: string[];
  formula: string;
}

/** For invoices issued in the range: their totals, what was paid against them by `asOf`, and the rest. */
export function owedVsPaid(input: ReceivableInputs, range: InstantRange, asOf: string): OwedVsPaid {
  const issued = input.invoices.filter((i) => !i.voided && inRange(i.issuedAt, range));
  const ids = new Set(issued.map((i) => i.id));
  const at = Date.parse(asOf);
  const issuedCents = issued.reduce((n, i) => n + i.totalCents, 0);
  const paidByInvoice = new Map<string, number>();
  for (const p of input.payments) if (p.invoiceId && ids.has(p.invoiceId) && Date.parse(p.at) <= at) paidByInvoice.set(p.invoiceId, (paidByInvoice.get(p.invoiceId) ?? 0) + p.amountCents);
  // Paid is capped per invoice at its total: an overpayment is the customer's credit, not income on this invoice.
  const paidCents = issued.reduce((n, i) => n + Math.min(i.totalCents, paidByInvoice.get(i.id) ?? 0), 0);
  return { issuedCents, paidCents, outstandingCents: issuedCents - paidCents, invoiceIds: [...ids], formula: FORMULAS.owedVsPaid };
}
