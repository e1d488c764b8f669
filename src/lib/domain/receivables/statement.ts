/**
 * A customer's statement for a range of calendar days (organisation zone): the balance
 * before `from`, every issued invoice, credit note, payment and refund dated in the range,
 * and the balance after `to`. Void documents are left out (they count for nothing), so the
 * closing balance after the last entry equals the customer balance of the ledger.
 */
import { zonedParts } from '../time/zoned';
import type { FinanceData, Receivables } from './ledger';

export type StatementKind = 'invoice' | 'credit-note' | 'payment' | 'refund';

export interface StatementLine {
  date: string;
  kind: StatementKind;
  /** Document number, or the payment's method and reference. */
  reference: string;
  /** Positive: the customer owes more; negative: less. */
  amountCents: number;
  balanceCents: number;
}

export interface Statement {
  customerId: string;
  from: string;
  to: string;
  openingCents: number;
  lines: StatementLine[];
  closingCents: number;
}

const KIND_ORDER: Record<StatementKind, number> = { invoice: 0, 'credit-note': 1, payment: 2, refund: 3 };

/** The customer's statement for `from`…`to` (inclusive days in `timeZone`). */
export function customerStatement(receivables: Receivables, data: Pick<FinanceData, 'payments' | 'refunds'>, customerId: string, from: string, to: string, timeZone: string): Statement {
  const entries: Omit<StatementLine, 'balanceCents'>[] = [];
  for (const view of receivables.invoices) {
    if (view.customerId !== customerId || !view.issued || view.status === 'void') continue;
    const credit = view.kind === 'credit-note';
    entries.push({ date: view.date, kind: credit ? 'credit-note' : 'invoice', reference: view.number ?? '', amountCents: credit ? -view.totals.totalCents : view.totals.totalCents });
  }
  const localDay = (instant: string) => zonedParts(Date.parse(instant), timeZone).date;
  for (const p of data.payments) {
    if (p.customerId === customerId) entries.push({ date: localDay(p.receivedAt), kind: 'payment', reference: [p.method, p.reference].filter(Boolean).join(' '), amountCents: -p.amountCents });
  }
  for (const r of data.refunds) {
    if (r.customerId === customerId) entries.push({ date: localDay(r.refundedAt), kind: 'refund', reference: [r.method, r.reference].filter(Boolean).join(' '), amountCents: r.amountCents });
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.reference.localeCompare(b.reference) || a.amountCents - b.amountCents);
  let openingCents = 0;
  let running = 0;
  const lines: StatementLine[] = [];
  for (const entry of entries) {
    if (entry.date > to) break;
    if (entry.date < from) {
      openingCents += entry.amountCents;
      running = openingCents;
      continue;
    }
    running += entry.amountCents;
    lines.push({ ...entry, balanceCents: running });
  }
  return { customerId, from, to, openingCents, lines, closingCents: running };
}
