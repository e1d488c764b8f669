/**
 * Accounts-receivable aging (KPI.md): issued invoices' balances by days past their due date
 * on `asOf` (a calendar day in the organisation's zone): current (not yet past due), 1–30,
 * 31–60, 61–90, 90+. Each customer's credit is netted on their row and in the totals, never
 * dropped, so the net column equals the customer balance.
 */
import { isOpenInvoice, type Receivables } from './ledger';
import { daysBetween } from './records';

export const AGING_BUCKETS = ['current', 'd1to30', 'd31to60', 'd61to90', 'd90plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const BUCKET_LABEL: Record<AgingBucket, string> = { current: 'Current', d1to30: '1–30', d31to60: '31–60', d61to90: '61–90', d90plus: '90+' };

export type BucketAmounts = Record<AgingBucket, number>;

export interface AgingRow {
  customerId: string;
  customerName: string;
  buckets: BucketAmounts;
  /** Credit held (subtracted in `netCents`). */
  creditCents: number;
  netCents: number;
}

export interface AgingReport {
  asOf: string;
  rows: AgingRow[];
  totals: AgingRow;
}

/** The bucket of an invoice `daysPastDue` days past due (0 or less: current). */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'd1to30';
  if (daysPastDue <= 60) return 'd31to60';
  if (daysPastDue <= 90) return 'd61to90';
  return 'd90plus';
}

/** Days past due on `asOf` (both calendar days in the organisation's zone). */
export function daysPastDue(dueDate: string, asOf: string): number {
  return daysBetween(dueDate, asOf);
}

const emptyBuckets = (): BucketAmounts => ({ current: 0, d1to30: 0, d31to60: 0, d61to90: 0, d90plus: 0 });

/** The aging report on `asOf`; customers with nothing owed and no credit are left out. */
export function agingReport(receivables: Receivables, asOf: string): AgingReport {
  const rows = new Map<string, AgingRow>();
  for (const summary of receivables.customers.values()) {
    rows.set(summary.customerId, { customerId: summary.customerId, customerName: summary.customerName, buckets: emptyBuckets(), creditCents: summary.creditCents, netCents: summary.balanceCents });
  }
  for (const invoice of receivables.invoices) {
    if (!isOpenInvoice(invoice) || invoice.balanceCents <= 0) continue;
    const row = rows.get(invoice.customerId);
    if (row) row.buckets[agingBucket(daysPastDue(invoice.dueDate, asOf))] += invoice.balanceCents;
  }
  const kept = [...rows.values()].filter((r) => r.netCents !== 0 || r.creditCents !== 0 || AGING_BUCKETS.some((b) => r.buckets[b] !== 0));
  kept.sort((a, b) => b.netCents - a.netCents || a.customerName.localeCompare(b.customerName) || a.customerId.localeCompare(b.customerId));
  const totals: AgingRow = { customerId: '', customerName: 'Total', buckets: emptyBuckets(), creditCents: 0, netCents: 0 };
  for (const row of kept) {
    for (const b of AGING_BUCKETS) totals.buckets[b] += row.buckets[b];
    totals.creditCents += row.creditCents;
    totals.netCents += row.netCents;
  }
  return { asOf, rows: kept, totals };
}

/** Whether an open invoice is past due on `asOf`. */
export function isOverdue(invoice: { status: string; kind: string; dueDate: string; balanceCents: number }, asOf: string): boolean {
  return invoice.kind === 'invoice' && (invoice.status === 'issued' || invoice.status === 'partially-paid') && invoice.balanceCents > 0 && daysPastDue(invoice.dueDate, asOf) > 0;
}
