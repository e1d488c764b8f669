/**
 * Part, service and bundle lines from the price book.
 * - Parts bill at their price, or at cost × (1 + markup) rounded to a whole-cent unit price by
 *   the rounding rule; the line then multiplies that unit price by the quantity.
 * - Quantities have at most three decimals (1.5 ft, 0.25 gal) and are stored exactly as thousandths.
 * - Archived records still price (a part used before it was retired), flagged in the note.
 */
import type { Bundle, Part, PriceBook, Service } from '../catalog/catalog';
import type { DraftsResult } from './labour';
import type { Coverage, LineDraft, Quantity } from './lines';
import { formatBp, formatMoney, roundHalfUp, BP_PER_WHOLE } from './money';
import { taxOf } from './tax';

export interface PartUseInput {
  /** The part's id, or its SKU / barcode when the id is not known. */
  partId?: string;
  sku?: string;
  /** Shown instead of the catalogue description when given. */
  description?: string;
  quantity: number;
}

export interface ServiceUseInput {
  serviceId?: string;
  code?: string;
  quantity?: number;
}

export interface BundleUseInput {
  bundleId?: string;
  code?: string;
  quantity?: number;
}

/** An exact thousandths quantity from a typed number; null when it has more than three decimals or is out of range. */
export function quantityOf(value: number): Quantity | null {
  if (!Number.isFinite(value)) return null;
  const n = Math.round(value * 1000);
  if (Math.abs(n - value * 1000) > 1e-6 || Math.abs(n) > 1_000_000_000 || n === 0) return null;
  return { n, d: 1000 };
}

/** A part's unit sell price and how it was reached. */
export function partUnitPrice(part: Part): { cents: number; note: string } {
  if (part.pricing.kind === 'price') return { cents: part.pricing.priceCents, note: '' };
  const cents = roundHalfUp(BigInt(part.costCents) * BigInt(BP_PER_WHOLE + part.pricing.markupBp), BP_PER_WHOLE);
  return { cents, note: `(cost ${formatMoney(part.costCents)} + ${formatBp(part.pricing.markupBp)} markup)` };
}

function findBy<T extends { id: string; archived: boolean }>(records: readonly T[], id: string | undefined, code: string | undefined, codeOf: (r: T) => string[]): T | undefined {
  if (id) return records.find((r) => r.id === id);
  const wanted = code?.trim().toLowerCase();
  if (!wanted) return undefined;
  const matches = records.filter((r) => codeOf(r).some((c) => c.toLowerCase() === wanted));
  return matches.find((r) => !r.archived) ?? matches[0];
}

const retired = (archived: boolean) => (archived ? '(retired item)' : '');
const joinNotes = (...notes: string[]) => notes.filter(Boolean).join(' ');

/** What a bundle holds, as its line lists it: "1 × Tune-up, 2 × Filter 16×25". */
export function bundleContents(bundle: Bundle, book: Pick<PriceBook, 'parts' | 'services'>): string {
  return bundle.items
    .map((item) => {
      const name = item.kind === 'part' ? book.parts.find((p) => p.id === item.refId)?.description : book.services.find((s) => s.id === item.refId)?.name;
      return `${item.quantity} × ${name ?? 'removed item'}`;
    })
    .join(', ');
}

/** Lines for parts used, services and bundles, priced from the book. Unknown items are errors naming them. */
export function itemDrafts(
  book: Pick<PriceBook, 'parts' | 'services' | 'bundles' | 'taxRates' | 'settings'>,
  uses: { parts?: readonly PartUseInput[]; services?: readonly ServiceUseInput[]; bundles?: readonly BundleUseInput[] },
  coverage: { part?: Coverage | null; service?: Coverage | null; bundle?: Coverage | null } = {}
): DraftsResult {
  const errors: string[] = [];
  const drafts: LineDraft[] = [];
  const defaultTax = book.settings.defaultTaxRateId;
  const base = (id: string, taxable: boolean, taxRateId: string | null, cover: Coverage | null | undefined) => ({
    id,
    workedMinutes: null,
    taxable,
    ...taxOf(taxable, taxRateId, book.taxRates, defaultTax),
    discount: null,
    coverage: cover ?? null,
    override: null,
    optionId: null
  });

  (uses.parts ?? []).forEach((use, i) => {
    const part: Part | undefined = findBy(book.parts, use.partId, use.sku, (p) => [p.sku, ...(p.barcode ? [p.barcode] : [])]);
    const quantity = quantityOf(use.quantity);
    if (!part) return errors.push(`Part ${use.partId ?? use.sku ?? i + 1} is not in the price book: add it, or bill it as a manual line with a reason`);
    if (!quantity) return errors.push(`Part ${part.sku}: quantity must be a non-zero number with at most three decimals`);
    const price = partUnitPrice(part);
    drafts.push({
      ...base(`part:${i}:${part.id}`, part.taxable, part.taxRateId, coverage.part),
      kind: 'part',
      description: use.description?.trim() || `${part.sku} ${part.description}`,
      refId: part.id,
      quantity,
      unit: part.unit,
      unitPriceCents: price.cents,
      note: joinNotes(price.note, retired(part.archived))
    });
  });

  (uses.services ?? []).forEach((use, i) => {
    const service: Service | undefined = findBy(book.services, use.serviceId, use.code, (s) => [s.code]);
    const quantity = quantityOf(use.quantity ?? 1);
    if (!service) return errors.push(`Service ${use.serviceId ?? use.code ?? i + 1} is not in the price book`);
    if (!quantity) return errors.push(`Service ${service.code}: quantity must be a non-zero number with at most three decimals`);
    drafts.push({
      ...base(`service:${i}:${service.id}`, service.taxable, service.taxRateId, coverage.service),
      kind: 'service',
      description: `${service.code} ${service.name}`,
      refId: service.id,
      quantity,
      unit: 'each',
      unitPriceCents: service.rateCents,
      note: joinNotes('(flat rate)', retired(service.archived))
    });
  });

  (uses.bundles ?? []).forEach((use, i) => {
    const bundle: Bundle | undefined = findBy(book.bundles, use.bundleId, use.code, (b) => [b.code]);
    const quantity = quantityOf(use.quantity ?? 1);
    if (!bundle) return errors.push(`Bundle ${use.bundleId ?? use.code ?? i + 1} is not in the price book`);
    if (!quantity) return errors.push(`Bundle ${bundle.code}: quantity must be a non-zero number with at most three decimals`);
    const contents = bundleContents(bundle, book);
    drafts.push({
      ...base(`bundle:${i}:${bundle.id}`, bundle.taxable, bundle.taxRateId, coverage.bundle),
      kind: 'bundle',
      description: `${bundle.code} ${bundle.name}`,
      refId: bundle.id,
      quantity,
      unit: 'each',
      unitPriceCents: bundle.priceCents,
      note: joinNotes(`(bundle at one price: ${contents})`, retired(bundle.archived))
    });
  });

  return errors.length ? { ok: false, errors } : { ok: true, drafts };
}
