/**
 * Whole documents from the engine: an invoice draft from a completed job's work, credit notes
 * that reverse an invoice (fully, or some lines: a refund), quotes with good/better/best options.
 */
import type { Discount, PriceBook } from '../catalog/catalog';
import { itemDrafts, type BundleUseInput, type PartUseInput, type ServiceUseInput } from './items';
import { labourDrafts, type TimeEntryInput } from './labour';
import type { Coverage, LineDraft, PricedDocument } from './lines';
import { draftsOf, priceDocument, priceValidLines, type PricingResult } from './price-document';
import { roundHalfUp } from './money';

export interface JobWork {
  timeEntries: readonly TimeEntryInput[];
  parts?: readonly PartUseInput[];
  services?: readonly ServiceUseInput[];
  bundles?: readonly BundleUseInput[];
  /** Agreement or warranty coverage per kind of line. */
  coverage?: { labour?: Coverage | null; part?: Coverage | null; service?: Coverage | null; bundle?: Coverage | null };
}

export interface InvoiceContext {
  book: PriceBook;
  timeZone: string;
  technicianName?: (id: string) => string;
}

/** The draft invoice of a completed job: labour, then parts, services and bundles, priced. */
export function invoiceFromWork(work: JobWork, context: InvoiceContext, documentDiscount: Discount | null = null): PricingResult {
  const labour = labourDrafts(work.timeEntries, {
    rates: context.book.labourRates,
    taxRates: context.book.taxRates,
    settings: context.book.settings,
    timeZone: context.timeZone,
    ...(context.technicianName ? { technicianName: context.technicianName } : {}),
    coverage: work.coverage?.labour ?? null
  });
  const items = itemDrafts(context.book, { parts: work.parts ?? [], services: work.services ?? [], bundles: work.bundles ?? [] }, work.coverage ?? {});
  const errors = [...(labour.ok ? [] : labour.errors), ...(items.ok ? [] : items.errors)];
  if (errors.length || !labour.ok || !items.ok) return { ok: false, errors };
  return priceDocument([...labour.drafts, ...items.drafts], documentDiscount);
}

/** Prices a stored document again from its lines' inputs (must give the same document). */
export function repriced(document: PricedDocument): PricedDocument {
  return priceValidLines(draftsOf(document.lines), document.documentDiscount);
}

/** The credit note that fully reverses a document: every quantity negated, the same discounts. */
export function creditNote(document: PricedDocument): PricedDocument {
  const drafts = draftsOf(document.lines).map((line) => ({ ...line, id: `credit:${line.id}`, quantity: { ...line.quantity, n: -line.quantity.n } }));
  return priceValidLines(drafts, document.documentDiscount);
}

export interface RefundSelection {
  lineId: string;
  /** How much of the line to refund, in the line's own units (hours, each); absent = all of it. */
  quantity?: number;
}

/**
 * A credit note refunding some lines (a returned part, a disputed hour). Each refunded line is
 * the original negated (in part when a quantity is given); the document discount is refunded in
 * the same proportion as each line's share of it, so refunding every line in full equals the
 * full credit note.
 */
export function refundNote(document: PricedDocument, selection: readonly RefundSelection[]): PricingResult {
  const errors: string[] = [];
  const drafts: LineDraft[] = [];
  let discountBack = 0;
  for (const pick of selection) {
    const line = document.lines.find((l) => l.id === pick.lineId);
    if (!line) {
      errors.push(`No line ${pick.lineId} on this document`);
      continue;
    }
    const n = pick.quantity === undefined ? line.quantity.n : Math.round(pick.quantity * line.quantity.d);
    if (pick.quantity !== undefined && Math.abs(n - pick.quantity * line.quantity.d) > 1e-6) {
      errors.push(`${line.description}: refund a quantity in steps of 1/${line.quantity.d}`);
      continue;
    }
    if (n <= 0 || n > Math.abs(line.quantity.n)) {
      errors.push(`${line.description}: refund between 0 and the quantity billed`);
      continue;
    }
    const [draft] = draftsOf([line]);
    const amountDiscount = line.discount?.kind === 'amount' ? { kind: 'amount' as const, cents: roundHalfUp(BigInt(line.discount.cents) * BigInt(n), Math.abs(line.quantity.n)) } : line.discount;
    drafts.push({ ...draft!, id: `refund:${line.id}`, quantity: { ...line.quantity, n: -Math.sign(line.quantity.n) * n }, discount: amountDiscount });
    discountBack += roundHalfUp(BigInt(line.documentDiscountCents) * BigInt(n), Math.abs(line.quantity.n));
  }
  if (errors.length) return { ok: false, errors };
  if (!drafts.length) return { ok: false, errors: ['Choose at least one line to refund'] };
  return priceDocument(drafts, discountBack === 0 ? null : { kind: 'amount', cents: Math.abs(discountBack) });
}

export interface QuoteOption {
  id: string;
  /** "Good", "Better", "Best". */
  label: string;
  lines: readonly LineDraft[];
}

export interface PricedQuoteOption {
  id: string;
  label: string;
  document: PricedDocument;
}

/**
 * A quote's options, each priced by the same engine as invoices: the shared lines (in every
 * option) plus the option's own, with the quote's document discount.
 */
export function priceQuote(shared: readonly LineDraft[], options: readonly QuoteOption[], documentDiscount: Discount | null = null): { ok: true; options: PricedQuoteOption[] } | { ok: false; errors: string[] } {
  if (!options.length) {
    const single = priceDocument(shared, documentDiscount);
    return single.ok ? { ok: true, options: [{ id: 'only', label: 'Quote', document: single.document }] } : single;
  }
  const out: PricedQuoteOption[] = [];
  const errors: string[] = [];
  for (const option of options) {
    const result = priceDocument([...shared.map((l) => ({ ...l, optionId: null })), ...option.lines.map((l) => ({ ...l, optionId: option.id }))], documentDiscount);
    if (result.ok) out.push({ id: option.id, label: option.label, document: result.document });
    else errors.push(...result.errors.map((e) => `${option.label}: ${e}`));
  }
  return errors.length ? { ok: false, errors } : { ok: true, options: out };
}
