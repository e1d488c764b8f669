/**
 * A quote's lines as the office enters them, and the engine's drafts they become.
 *
 * A line is typed by hand, or started from one price-book item: a service, a part (at its sell
 * price), a labour rate (quantity = hours) or a bundle (one line at the bundle's price, its
 * items listed: what invoices do, so a quote accepted into a job and later invoiced agrees).
 * A book line is priced and taxed by the book through the invoice code (billing/items.ts,
 * billing/labour.ts); a typed price that differs from the book's is an override with a reason.
 * The reference stays on the stored draft (`kind` + `refId`), so the line can be edited again
 * and the accepted job knows the parts it calls for (`quotedParts`).
 */
import { z } from 'zod';
import type { Bundle, PriceBook } from '../catalog/catalog';
import { itemDrafts } from '../billing/items';
import { labourRateDraft } from '../billing/labour';
import { lineDraftSchema, type LineDraft } from '../billing/lines';
import { MAX_REQUIRED_QTY, type RequiredPart } from '../jobs/required-parts';
import { centsSchema } from '../receivables/records';

const bookRef = z.string().min(1).max(200).nullable().default(null);

/** The price-book reference fields of a quote line: at most one is set. */
export const QUOTE_LINE_REFS = ['serviceId', 'partId', 'labourRateId', 'bundleId'] as const;
export type QuoteLineRef = (typeof QUOTE_LINE_REFS)[number];

/**
 * A line as the office enters it: description, quantity (thousandths; hours for a labour
 * rate), unit price (per hour for labour), and the price-book item it was started from, if any.
 */
export const quoteLineInputSchema = z
  .object({
    description: z.string().trim().min(1, 'describe the line').max(500),
    quantityMilli: z.number().int().positive('quantity must be more than zero').max(10_000_000),
    unitPriceCents: centsSchema.nonnegative('a price cannot be negative'),
    serviceId: bookRef,
    partId: bookRef,
    labourRateId: bookRef,
    bundleId: bookRef
  })
  .refine((line) => QUOTE_LINE_REFS.filter((ref) => line[ref] !== null).length <= 1, { path: ['description'], message: 'a line comes from one price-book item at most' });
export type QuoteLineInput = z.infer<typeof quoteLineInputSchema>;

/** The part of the price book a quote's lines are priced from. */
export type QuoteBook = Pick<PriceBook, 'parts' | 'services' | 'labourRates' | 'bundles' | 'taxRates' | 'settings'>;

/** The reason printed on a book line whose price the office changed for this quote. */
export const QUOTED_PRICE_REASON = 'price quoted for this job';

/** Quoted hours (thousandths) as the labour rule's worked minutes: a started minute counts. */
export function quotedMinutes(quantityMilli: number): number {
  return Math.ceil((quantityMilli * 60) / 1000);
}

/** The book's own draft of a line started from a price-book item; undefined when the book no longer has it. */
function bookDraft(line: QuoteLineInput, book: QuoteBook): LineDraft | undefined {
  if (line.labourRateId) {
    const rate = book.labourRates.find((r) => r.id === line.labourRateId);
    return rate && labourRateDraft(rate, quotedMinutes(line.quantityMilli), { id: 'labour', description: line.description, taxRates: book.taxRates, defaultTaxRateId: book.settings.defaultTaxRateId });
  }
  const quantity = line.quantityMilli / 1000;
  const uses = line.partId
    ? { parts: [{ partId: line.partId, quantity }] }
    : line.bundleId
      ? { bundles: [{ bundleId: line.bundleId, quantity }] }
      : line.serviceId
        ? { services: [{ serviceId: line.serviceId, quantity }] }
        : null;
  if (!uses) return undefined;
  const priced = itemDrafts(book, uses);
  return priced.ok ? priced.drafts[0] : undefined;
}

/**
 * A line as the engine's draft. Started from the price book (and the book at hand): the book's
 * line (its tax, its note), the office's description, and the typed price as an override with
 * a reason when it differs from the book's. Otherwise a service line at the typed price, not
 * taxable, so its explanation reads "2 each × $120.00".
 */
export function quoteLineDraft(line: QuoteLineInput, id: string, optionId: string | null, book: QuoteBook | null): LineDraft {
  const draft = book ? bookDraft(line, book) : undefined;
  if (draft) {
    const override = line.unitPriceCents === draft.unitPriceCents ? null : { unitPriceCents: line.unitPriceCents, reason: QUOTED_PRICE_REASON };
    return { ...draft, id, optionId, description: line.description, override };
  }
  return lineDraftSchema.parse({ id, kind: 'service', description: line.description, quantity: { n: line.quantityMilli, d: 1000 }, unit: 'each', unitPriceCents: line.unitPriceCents, taxable: false, optionId });
}

/** The price-book reference of a stored draft, as the form's line field it came from. */
export function quoteLineRefOf(line: Pick<LineDraft, 'kind' | 'refId'>): { ref: QuoteLineRef; id: string } | null {
  if (!line.refId) return null;
  const ref = ({ service: 'serviceId', part: 'partId', labour: 'labourRateId', bundle: 'bundleId' } as const)[line.kind as 'service' | 'part' | 'labour' | 'bundle'];
  return ref ? { ref, id: line.refId } : null;
}

/** A stored draft's quantity as the office typed it, in thousandths (labour: the quoted hours, before increment and minimum). */
export function quotedQuantityMilli(line: Pick<LineDraft, 'kind' | 'quantity' | 'workedMinutes'>): number {
  if (line.kind === 'labour' && line.workedMinutes !== null) return Math.round((line.workedMinutes * 1000) / 60);
  return Math.round((line.quantity.n * 1000) / line.quantity.d);
}

/** Most distinct parts a job may call for (the required-parts input's limit). */
const MAX_PARTS = 100;

/**
 * The price-book parts a priced option brings, in whole units: its part lines, and the parts
 * inside its bundles (bundle quantity × item quantity, contents as `bundles` holds them), summed
 * per part and rounded up (1.5 ft of pipe → 2), by part id. What the accepted job requires.
 */
export function quotedParts(lines: readonly Pick<LineDraft, 'kind' | 'refId' | 'quantity'>[], bundles: readonly Bundle[]): RequiredPart[] {
  const milli = new Map<string, number>();
  const add = (partId: string, amount: number) => milli.set(partId, (milli.get(partId) ?? 0) + amount);
  for (const line of lines) {
    if (!line.refId || line.quantity.n <= 0) continue;
    const lineMilli = (line.quantity.n * 1000) / line.quantity.d;
    if (line.kind === 'part') add(line.refId, lineMilli);
    if (line.kind === 'bundle') {
      const bundle = bundles.find((b) => b.id === line.refId);
      for (const item of bundle?.items ?? []) if (item.kind === 'part') add(item.refId, item.quantity * lineMilli);
    }
  }
  return [...milli]
    .map(([partId, amount]) => ({ partId, quantity: Math.min(MAX_REQUIRED_QTY, Math.ceil(Math.round(amount) / 1000)) }))
    .sort((a, b) => a.partId.localeCompare(b.partId))
    .slice(0, MAX_PARTS);
}
