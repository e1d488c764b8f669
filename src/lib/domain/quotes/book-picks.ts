/**
 * What "Add from the price book" offers on a quote: every active service, part (at its sell
 * price), labour rate (per hour) and bundle, searchable by code / SKU and name. Prices come
 * from the invoice code (billing/items.ts `partUnitPrice`), so the picker shows what the line
 * will be priced at.
 */
import { bundleContents, partUnitPrice } from '../billing/items';
import type { QuoteBook, QuoteLineRef } from './quote-lines';

export type BookPickKind = 'service' | 'part' | 'labour' | 'bundle';

export interface BookPick {
  kind: BookPickKind;
  /** The quote line's reference field and the item's id. */
  ref: QuoteLineRef;
  id: string;
  /** Service or bundle code, part SKU; empty for labour rates. */
  code: string;
  name: string;
  /** The book's price for one unit (labour: one hour). */
  unitPriceCents: number;
  unit: string;
  /** The line's description when picked. */
  description: string;
  /** A bundle's contents ("1 × Tune-up, 2 × Filter 16×25"); empty otherwise. */
  detail: string;
}

export const BOOK_PICK_LABEL: Record<BookPickKind, string> = { service: 'Service', part: 'Part', labour: 'Labour', bundle: 'Bundle' };

/** Every active item of the book a quote line can start from: services, parts, labour rates, bundles, each by code then name. */
export function bookPicks(book: Pick<QuoteBook, 'parts' | 'services' | 'labourRates' | 'bundles'>): BookPick[] {
  const byCode = (a: BookPick, b: BookPick) => a.code.localeCompare(b.code) || a.name.localeCompare(b.name);
  const active = <T extends { archived: boolean }>(records: readonly T[]) => records.filter((r) => !r.archived);
  return [
    ...active(book.services).map((s): BookPick => ({ kind: 'service', ref: 'serviceId', id: s.id, code: s.code, name: s.name, unitPriceCents: s.rateCents, unit: 'each', description: `${s.code} ${s.name}`, detail: '' })).sort(byCode),
    ...active(book.parts).map((p): BookPick => ({ kind: 'part', ref: 'partId', id: p.id, code: p.sku, name: p.description, unitPriceCents: partUnitPrice(p).cents, unit: p.unit, description: `${p.sku} ${p.description}`, detail: '' })).sort(byCode),
    ...active(book.labourRates).map((r): BookPick => ({ kind: 'labour', ref: 'labourRateId', id: r.id, code: '', name: r.name, unitPriceCents: r.centsPerHour, unit: 'h', description: `Labour — ${r.name}`, detail: '' })).sort(byCode),
    ...active(book.bundles).map((b): BookPick => ({ kind: 'bundle', ref: 'bundleId', id: b.id, code: b.code, name: b.name, unitPriceCents: b.priceCents, unit: 'each', description: `${b.code} ${b.name}`, detail: bundleContents(b, book) })).sort(byCode)
  ];
}

/**
 * The picks matching what was typed: every word found in the code, the name or the kind
 * ("labour"), ignoring case; a code or SKU that starts with the query comes first. At most `limit`.
 */
export function filterPicks(picks: readonly BookPick[], query: string, limit = 12): BookPick[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const wanted = query.trim().toLowerCase();
  const matching = picks.filter((p) => {
    const text = `${p.code} ${p.name} ${BOOK_PICK_LABEL[p.kind]}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const first = (p: BookPick) => (wanted && p.code.toLowerCase().startsWith(wanted) ? 0 : 1);
  return matching.map((p, i) => ({ p, i })).sort((a, b) => first(a.p) - first(b.p) || a.i - b.i).map(({ p }) => p).slice(0, limit);
}

/** The pick a line was started from (by its reference), if the book still offers it. */
export function pickOf(picks: readonly BookPick[], source: { ref: QuoteLineRef; id: string } | null | undefined): BookPick | undefined {
  return source ? picks.find((p) => p.ref === source.ref && p.id === source.id) : undefined;
}
