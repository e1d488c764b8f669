/**
 * What an invoice or credit note shows on paper, as formatted strings (pure): the organisation
 * block (name, address, tax id, contact), the customer, number and dates, each line with how
 * its amount was computed, totals, tax per rate, balance and "Pay by …". The printable view
 * and the PDF (src/lib/output/invoice-pdf.ts) both draw this, so they never disagree.
 *
 * Stored lines are either priced by the engine (`PricedLine`: quantity {n, d}, explanation,
 * tax rate) or typed by hand (`quantityMilli`, `unitPriceCents`); both read here, loosely,
 * because a document must print whatever an older or newer client stored.
 */
import type { BillingSettings } from '../catalog/catalog';
import { formatCents } from '../receivables/money';
import type { InvoiceView } from '../receivables/ledger';
import { STATUS_LABEL } from '../receivables/ledger';
import { TERMS_LABEL, type InvoiceLine } from '../receivables/records';
import { formatQuantity } from './explain';

export interface LayoutLine {
  description: string;
  /** How the amount was computed ("2 h 15 min → 2.25 h × $120.00 (15-min increment)"); '' when not stored. */
  explanation: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface DocumentLayout {
  /** "Invoice", "Credit note", "Quote". */
  title: string;
  /** The issued number, else "Draft". */
  number: string;
  status: string;
  /** Name first, then address lines, tax id and contact (empty ones left out). */
  organisation: string[];
  customer: string[];
  /** The heading above the customer; absent = "Bill to" (a quote says "Quote for"). */
  customerLabel?: string;
  /** [label, value] pairs: number, date, due date, terms. */
  meta: [string, string][];
  lines: LayoutLine[];
  /** [label, value] pairs under the lines: subtotal, discount, tax per rate, total. */
  totals: [string, string][];
  total: string;
  /** Balance due (issued invoices only), else null. */
  balance: string | null;
  /** "Pay by: …" from the organisation's settings; null when none is set or nothing is owed. */
  payBy: string | null;
  /** The download's name: `INV-AB12-0001.pdf`. */
  fileName: string;
}

const num = (line: InvoiceLine, key: string): number | null => (typeof line[key] === 'number' && Number.isFinite(line[key]) ? (line[key] as number) : null);

function quantityOf(line: InvoiceLine): string {
  const q = line.quantity as { n?: unknown; d?: unknown } | undefined;
  if (q && typeof q.n === 'number' && (q.d === 1 || q.d === 60 || q.d === 1000)) {
    const unit = typeof line.unit === 'string' && line.unit ? ` ${line.unit}` : '';
    return `${formatQuantity({ n: q.n, d: q.d })}${unit}`;
  }
  const milli = num(line, 'quantityMilli');
  return milli === null ? '' : String(milli / 1000);
}

function unitPriceOf(line: InvoiceLine): string {
  const cents = num(line, 'effectiveUnitPriceCents') ?? num(line, 'unitPriceCents');
  return cents === null ? '' : formatCents(cents);
}

function explanationOf(line: InvoiceLine): string {
  const parts = [typeof line.explanation === 'string' ? line.explanation : '', line.overridden === true ? 'price overridden' : ''];
  const override = line.override as { reason?: unknown } | null | undefined;
  if (line.overridden === true && override && typeof override.reason === 'string') parts[1] = `price overridden: ${override.reason}`;
  return parts.filter(Boolean).join(' · ');
}

/** Tax per rate from the lines that carry a rate; one "Tax" row when the lines do not say. */
function taxRows(view: InvoiceView): [string, string][] {
  const byRate = new Map<string, number>();
  let named = 0;
  for (const line of view.lines) {
    const tax = num(line, 'taxCents');
    if (tax === null || tax === 0) continue;
    // The exact rate (ppm: 8.625 % = 86 250) when stored, else the rounded basis points.
    const ppm = num(line, 'taxRatePpm') ?? (num(line, 'taxRateBp') === null ? null : num(line, 'taxRateBp')! * 100);
    const name = typeof line.taxRateName === 'string' && line.taxRateName ? line.taxRateName : 'Tax';
    const label = ppm === null ? name : `${name} (${trimZeros(ppm / 10_000)} %)`;
    byRate.set(label, (byRate.get(label) ?? 0) + tax);
    named += tax;
  }
  if (byRate.size === 0 || named !== view.totals.taxCents) return [['Tax', formatCents(view.totals.taxCents)]];
  return [...byRate].sort(([a], [b]) => a.localeCompare(b)).map(([label, cents]) => [label, formatCents(cents)]);
}

const trimZeros = (n: number) => String(Number(n.toFixed(4)));

/** The layout of `view` with the organisation's billing settings and the customer's name. */
export function documentLayout(view: InvoiceView, org: BillingSettings, customerName: string): DocumentLayout {
  const title = view.kind === 'credit-note' ? 'Credit note' : 'Invoice';
  const number = view.number ?? 'Draft';
  const isInvoice = view.kind === 'invoice';
  const organisation = organisationBlock(org);
  const meta: [string, string][] = [
    [`${title} number`, number],
    ['Date', view.date],
    ...(isInvoice ? ([['Due date', view.dueDate], ['Terms', TERMS_LABEL[view.record.terms]]] as [string, string][]) : [])
  ];
  const totals: [string, string][] = [['Subtotal', formatCents(view.totals.subtotalCents)]];
  if (view.totals.discountCents) totals.push(['Discount', formatCents(-view.totals.discountCents)]);
  totals.push(...taxRows(view), ['Total', formatCents(view.totals.totalCents)]);
  const balance = isInvoice && view.issued ? formatCents(view.balanceCents) : null;
  const owes = isInvoice && view.status !== 'void' && view.status !== 'paid';
  const payBy = owes && org.paymentInstructions.trim() ? `Pay by: ${org.paymentInstructions.trim()}` : null;
  return {
    title,
    number,
    status: STATUS_LABEL[view.status],
    organisation,
    customer: [customerName || view.customerName || view.customerId],
    meta,
    lines: view.lines.map(layoutLineOf),
    totals,
    total: formatCents(view.totals.totalCents),
    balance,
    payBy,
    fileName: `${number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`
  };
}

/** The organisation block: name first, then address lines, tax id and contact (empty ones left out). */
export function organisationBlock(org: BillingSettings): string[] {
  const lines = [org.name, ...splitLines(org.address), org.taxId ? `Tax id: ${org.taxId}` : '', [org.phone, org.email].filter(Boolean).join(' · ')].filter(Boolean);
  return lines.length ? lines : ['(organisation name not set: Settings › Price book)'];
}

/** One stored line as printed (quotes and invoices alike). */
export function layoutLineOf(line: InvoiceLine): LayoutLine {
  return { description: line.description, explanation: explanationOf(line), quantity: quantityOf(line), unitPrice: unitPriceOf(line), amount: formatCents(line.amountCents) };
}

/** A one-paragraph summary for a `mailto:` body or a share's text. */
export function documentSummary(layout: DocumentLayout): string {
  return [
    `${layout.title} ${layout.number} from ${layout.organisation[0] ?? ''}`,
    `Total: ${layout.total}`,
    ...layout.meta.filter(([label]) => label === 'Due date').map(([label, value]) => `${label}: ${value}`),
    ...(layout.balance !== null ? [`Balance due: ${layout.balance}`] : []),
    ...(layout.payBy ? [layout.payBy] : [])
  ].join('\n');
}

/** `mailto:` link with the summary (no address: the user picks the recipient). */
export function mailtoLink(layout: DocumentLayout): string {
  return `mailto:?subject=${encodeURIComponent(`${layout.title} ${layout.number}`)}&body=${encodeURIComponent(documentSummary(layout))}`;
}

/**
 * Text the PDF's built-in fonts can draw (WinAnsi): typographic characters outside it become
 * their ASCII equivalents, anything else unknown becomes "?".
 */
export function pdfText(text: string): string {
  return text
    .replace(/[→⟶]/g, '->')
    .replace(/[−‒]/g, '-')
    .replace(/≈/g, '~')
    .replace(/›/g, '>')
    .replace(/ /g, ' ')
    .replace(/[^\u0000-\u00ff–—‘’“”•…€]/g, '?');
}

function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
