/**
 * The accountant's exports as tables (pure): invoices, invoice lines, payments, AR aging and
 * the general journal (journal.ts). Amounts are decimal text with two places (`1234.50`, no
 * symbol or grouping) so a spreadsheet reads them as numbers; days are the organisation's
 * calendar days. src/lib/output/csv.ts writes a table as CSV with papaparse.
 */
import { AGING_BUCKETS, type AgingBucket, type AgingReport } from './aging';
import { journalEntries, ACCOUNTS } from './journal';
import type { FinanceData, Receivables } from './ledger';
import { STATUS_LABEL } from './ledger';
import { centsToText } from './money';
import { orgDay } from './records';

export interface Table {
  fields: string[];
  data: string[][];
}

export const EXPORT_KINDS = ['invoices', 'invoice-lines', 'payments', 'aging', 'journal'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_LABEL: Record<ExportKind, string> = { invoices: 'Invoices', 'invoice-lines': 'Invoice lines', payments: 'Payments', aging: 'AR aging', journal: 'Journal' };

export interface ExportInput {
  receivables: Receivables;
  data: Pick<FinanceData, 'payments' | 'refunds' | 'creditApplications'>;
  aging: AgingReport;
  customerNames: ReadonlyMap<string, string>;
  timeZone: string;
}

const money = centsToText;

function issuedDocs(input: ExportInput) {
  return input.receivables.invoices.filter((v) => v.issued && v.number).sort((a, b) => a.date.localeCompare(b.date) || (a.number ?? '').localeCompare(b.number ?? ''));
}

function nameOf(input: ExportInput, id: string, stored = ''): string {
  return input.customerNames.get(id) ?? (stored || id);
}

/** Issued documents (drafts are not the accountant's): one row each. */
export function invoicesTable(input: ExportInput): Table {
  return {
    fields: ['number', 'kind', 'status', 'customer', 'customer_id', 'date', 'due_date', 'subtotal', 'discount', 'tax', 'total', 'settled', 'balance', 'void_reason'],
    data: issuedDocs(input).map((v) => [v.number!, v.kind, STATUS_LABEL[v.status], nameOf(input, v.customerId, v.customerName), v.customerId, v.date, v.kind === 'invoice' ? v.dueDate : '', money(v.totals.subtotalCents), money(v.totals.discountCents), money(v.totals.taxCents), money(v.totals.totalCents), money(v.settledCents), money(v.balanceCents), v.voidReason ?? ''])
  };
}

/** Every line of every issued document, numbered from 1 within it. */
export function invoiceLinesTable(input: ExportInput): Table {
  const data: string[][] = [];
  for (const v of issuedDocs(input)) {
    v.lines.forEach((line, i) => {
      const tax = typeof line.taxCents === 'number' ? line.taxCents : 0;
      const explanation = typeof line.explanation === 'string' ? line.explanation : '';
      data.push([v.number!, String(i + 1), line.description, explanation, money(line.amountCents), money(tax), typeof line.taxRateName === 'string' ? line.taxRateName : '']);
    });
  }
  return { fields: ['number', 'line', 'description', 'explanation', 'amount', 'tax', 'tax_rate'], data };
}

/** Payments and refunds (refunds negative), with what each payment was applied to. */
export function paymentsTable(input: ExportInput): Table {
  const numberOf = new Map(input.receivables.invoices.map((v) => [v.id, v.number ?? v.id]));
  const rows = [
    ...input.data.payments.map((p) => {
      const allocated = p.allocations.reduce((sum, a) => sum + a.amountCents, 0);
      return [orgDay(new Date(p.receivedAt), input.timeZone), 'payment', nameOf(input, p.customerId), p.customerId, p.method, p.reference, money(p.amountCents), p.allocations.map((a) => `${numberOf.get(a.invoiceId) ?? a.invoiceId}:${money(a.amountCents)}`).join(' '), money(p.amountCents - allocated)];
    }),
    ...input.data.refunds.map((r) => [orgDay(new Date(r.refundedAt), input.timeZone), 'refund', nameOf(input, r.customerId), r.customerId, r.method, r.reference, money(-r.amountCents), '', ''])
  ];
  rows.sort((a, b) => a[0]!.localeCompare(b[0]!) || a[2]!.localeCompare(b[2]!));
  return { fields: ['date', 'type', 'customer', 'customer_id', 'method', 'reference', 'amount', 'applied_to', 'unapplied'], data: rows };
}

const AGING_FIELD: Record<AgingBucket, string> = { current: 'current', d1to30: 'days_1_30', d31to60: 'days_31_60', d61to90: 'days_61_90', d90plus: 'days_90_plus' };

/** The aging report as of its day, one row per customer and a total row. */
export function agingTable(input: ExportInput): Table {
  const { aging } = input;
  const row = (r: AgingReport['totals'], name: string, id: string) => [aging.asOf, name, id, ...AGING_BUCKETS.map((b) => money(r.buckets[b])), money(r.creditCents), money(r.netCents)];
  return {
    fields: ['as_of', 'customer', 'customer_id', ...AGING_BUCKETS.map((b) => AGING_FIELD[b]), 'credit', 'net'],
    data: [...aging.rows.map((r) => row(r, nameOf(input, r.customerId, r.customerName), r.customerId)), row(aging.totals, 'Total', '')]
  };
}

/** The general journal: one row per debit or credit line. */
export function journalTable(input: ExportInput): Table {
  const data: string[][] = [];
  for (const entry of journalEntries(input.receivables.invoices, input.data, input.timeZone)) {
    for (const l of entry.lines) data.push([entry.date, entry.id, ACCOUNTS[l.account].code, ACCOUNTS[l.account].name, l.debitCents ? money(l.debitCents) : '', l.creditCents ? money(l.creditCents) : '', entry.reference, entry.memo]);
  }
  return { fields: ['date', 'entry', 'account', 'account_name', 'debit', 'credit', 'reference', 'memo'], data };
}

export const EXPORT_TABLE: Record<ExportKind, (input: ExportInput) => Table> = { invoices: invoicesTable, 'invoice-lines': invoiceLinesTable, payments: paymentsTable, aging: agingTable, journal: journalTable };
