/**
 * What a quote shows on paper, one layout per option, in the same `DocumentLayout` as invoices
 * (domain/billing/document-layout.ts), so the printable view, the PDF and the customer's link
 * page draw quotes with the invoice code.
 */
import type { BillingSettings } from '../catalog/catalog';
import { layoutLineOf, organisationBlock, type DocumentLayout } from '../billing/document-layout';
import type { PricedLine } from '../billing/lines';
import { formatCents } from '../receivables/money';
import { QUOTE_STATUS_LABEL, type QuoteView } from './quote-status';

/** A priced line as the layout reads stored lines: its amount is the line's net (before tax). */
function stored(line: PricedLine) {
  return { ...line, amountCents: line.netCents };
}

/** The layout of option `optionId` of `view` (the first option when it is unknown). */
export function quoteLayout(view: QuoteView, optionId: string | null, org: BillingSettings): DocumentLayout {
  const r = view.record;
  const option = r.priced.find((o) => o.id === optionId) ?? r.priced[0]!;
  const t = option.document.totals;
  const several = r.priced.length > 1;
  const totals: [string, string][] = [['Subtotal', formatCents(t.subtotalCents)]];
  const discount = t.lineDiscountCents + t.coverageCents + t.documentDiscountCents;
  if (discount) totals.push(['Discount', formatCents(-discount)]);
  if (t.taxes.length) totals.push(...t.taxes.map((tax): [string, string] => [`${tax.name || 'Tax'} (${tax.ratePpm / 10_000} %)`, formatCents(tax.taxCents)]));
  else if (t.taxCents) totals.push(['Tax', formatCents(t.taxCents)]);
  totals.push(['Total', formatCents(t.totalCents)]);
  const meta: [string, string][] = [['Quote number', r.number], ['Date', r.date], ['Valid until', r.validUntil]];
  if (several) meta.push(['Option', option.label]);
  return {
    title: 'Quote',
    number: r.number,
    status: QUOTE_STATUS_LABEL[view.status],
    organisation: organisationBlock(org),
    customer: [r.customerName || r.customerId, ...(r.siteAddress ? [r.siteAddress] : [])],
    customerLabel: 'Quote for',
    meta,
    lines: option.document.lines.map((line) => layoutLineOf(stored(line))),
    totals,
    total: formatCents(t.totalCents),
    balance: null,
    payBy: null,
    fileName: `${`${r.number}${several ? `-${option.label}` : ''}`.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`
  };
}
