/**
 * The general-journal export for an accounting package (pure): one balanced entry per issued
 * document, void, payment, credit application and refund, in integer cents.
 *
 * Chart of accounts (codes an accountant maps on import):
 * - 1000 Cash and bank — money received and paid back;
 * - 1100 Accounts receivable — what customers owe on issued invoices;
 * - 2100 Sales tax payable — tax charged on invoices;
 * - 2200 Customer credits — money received that no invoice takes yet (a liability);
 * - 4000 Service revenue — invoice totals before tax (after discounts).
 *
 * Entries:
 * - invoice issued (on its date): Dr AR total; Cr revenue total − tax; Cr tax payable tax.
 * - credit note issued (on its date): the same, reversed (Dr revenue, Dr tax, Cr AR).
 * - document voided (on the void's day, org zone): the issue entry reversed.
 * - payment (received day): Dr cash amount; Cr AR what is allocated; Cr customer credits the rest.
 * - credit applied (its day): Dr customer credits; Cr AR.
 * - refund (refunded day): Dr customer credits; Cr cash.
 * So AR − customer credits always equals the sum of customer balances (ledger.ts).
 */
import type { FinanceData, InvoiceView } from './ledger';
import { orgDay } from './records';

export const ACCOUNTS = {
  cash: { code: '1000', name: 'Cash and bank' },
  receivable: { code: '1100', name: 'Accounts receivable' },
  taxPayable: { code: '2100', name: 'Sales tax payable' },
  customerCredits: { code: '2200', name: 'Customer credits' },
  revenue: { code: '4000', name: 'Service revenue' }
} as const;
export type Account = keyof typeof ACCOUNTS;

export interface JournalLine {
  account: Account;
  debitCents: number;
  creditCents: number;
}

export interface JournalEntry {
  /** Stable: the source record's id and what happened to it. */
  id: string;
  /** Calendar day in the organisation's zone. */
  date: string;
  /** Document number or payment reference. */
  reference: string;
  memo: string;
  lines: JournalLine[];
}

const dr = (account: Account, cents: number): JournalLine => ({ account, debitCents: cents, creditCents: 0 });
const cr = (account: Account, cents: number): JournalLine => ({ account, debitCents: 0, creditCents: cents });
/** A line with a negative amount goes to the other side; zero lines are left out. */
const line = (account: Account, signedDebit: number): JournalLine[] => (signedDebit === 0 ? [] : signedDebit > 0 ? [dr(account, signedDebit)] : [cr(account, -signedDebit)]);

function documentLines(view: InvoiceView, sign: 1 | -1): JournalLine[] {
  const { totalCents, taxCents } = view.totals;
  return [...line('receivable', sign * totalCents), ...line('revenue', -sign * (totalCents - taxCents)), ...line('taxPayable', -sign * taxCents)];
}

/** Every journal entry, ordered by date then reference. */
export function journalEntries(invoices: readonly InvoiceView[], data: Pick<FinanceData, 'payments' | 'refunds' | 'creditApplications'>, timeZone: string): JournalEntry[] {
  const numberOf = new Map(invoices.map((v) => [v.id, v.number ?? v.id]));
  const entries: JournalEntry[] = [];
  for (const view of invoices) {
    if (!view.issued || !view.number) continue;
    const sign = view.kind === 'credit-note' ? -1 : 1;
    const name = view.kind === 'credit-note' ? 'Credit note' : 'Invoice';
    entries.push({ id: `${view.id}:issued`, date: view.date, reference: view.number, memo: `${name} ${view.customerName || view.customerId}`, lines: documentLines(view, sign) });
    const voided = view.history.find((e) => e.kind === 'voided');
    if (voided?.kind === 'voided') {
      entries.push({ id: `${view.id}:voided`, date: orgDay(new Date(voided.at), timeZone), reference: view.number, memo: `${name} voided: ${voided.reason}`, lines: documentLines(view, sign === 1 ? -1 : 1) });
    }
  }
  for (const p of data.payments) {
    const allocated = p.allocations.reduce((sum, a) => sum + a.amountCents, 0);
    const paid = p.allocations.map((a) => numberOf.get(a.invoiceId) ?? a.invoiceId).join(' ');
    entries.push({
      id: `${p.id}:payment`,
      date: orgDay(new Date(p.receivedAt), timeZone),
      reference: p.reference || `PAY-${p.id.slice(0, 8)}`,
      memo: `Payment (${p.method})${paid ? ` on ${paid}` : ''}`,
      lines: [dr('cash', p.amountCents), ...line('receivable', -allocated), ...line('customerCredits', -(p.amountCents - allocated))]
    });
  }
  for (const c of data.creditApplications) {
    const amount = c.allocations.reduce((sum, a) => sum + a.amountCents, 0);
    entries.push({ id: `${c.id}:credit`, date: orgDay(new Date(c.at), timeZone), reference: `CR-${c.id.slice(0, 8)}`, memo: `Credit applied on ${c.allocations.map((a) => numberOf.get(a.invoiceId) ?? a.invoiceId).join(' ')}`, lines: [dr('customerCredits', amount), cr('receivable', amount)] });
  }
  for (const r of data.refunds) {
    entries.push({ id: `${r.id}:refund`, date: orgDay(new Date(r.refundedAt), timeZone), reference: r.reference || `REF-${r.id.slice(0, 8)}`, memo: `Refund (${r.method})`, lines: [dr('customerCredits', r.amountCents), cr('cash', r.amountCents)] });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference) || a.id.localeCompare(b.id));
}

/** Debits minus credits of an entry (0 when it balances). */
export function imbalanceCents(entry: JournalEntry): number {
  return entry.lines.reduce((sum, l) => sum + l.debitCents - l.creditCents, 0);
}
