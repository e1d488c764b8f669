/**
 * The pricing engine: line drafts → priced lines and totals, in integer cents.
 *
 * Order of operations, per line (every step rounded by THE rule, money.ts `roundHalfUp`):
 *   gross      = quantity × unit price (the override's when there is one)
 *   − line discount   (% of gross, or an amount capped at the gross)
 *   − coverage        (agreement %, warranty 100 %, of what is left after the discount)
 *   = net
 *   − document discount share (the document discount, % of Σ net or an amount capped at it,
 *     spread over the lines in proportion to their net by largest remainder, so the shares
 *     add up to it exactly)
 *   = taxable amount when the line is taxable (discounts come off before tax, DESIGN §5)
 *   + tax = taxable × the line's exact rate (ppm), rounded per line
 *   = line total.
 * Totals are sums of the lines' fields, so lines always add up to the totals. Every step is
 * odd-symmetric (rounding by magnitude, shares by the sign of the document), so a credit note
 * (quantities negated) is the exact negative of its invoice.
 */
import type { z } from 'zod';
import type { Discount } from '../catalog/catalog';
import { explainLine } from './explain';
import { lineDraftSchema, type DocumentTotals, type LineDraft, type LineDraftInput, type PricedDocument, type PricedLine, type TaxTotal } from './lines';
import { applyBp, applyPpm, roundHalfUp } from './money';

export type PricingResult = { ok: true; document: PricedDocument } | { ok: false; errors: string[] };

/** Prices a document. Drafts are validated first: a bad line is reported by its id, never priced. */
export function priceDocument(drafts: readonly LineDraftInput[], documentDiscount: Discount | null = null): PricingResult {
  const errors: string[] = [];
  const lines: LineDraft[] = [];
  const ids = new Set<string>();
  drafts.forEach((draft, index) => {
    const parsed = lineDraftSchema.safeParse(draft);
    if (!parsed.success) {
      errors.push(`Line ${index + 1}${typeof (draft as { id?: unknown }).id === 'string' ? ` (${(draft as { id: string }).id})` : ''}: ${describe(parsed.error)}`);
      return;
    }
    if (ids.has(parsed.data.id)) errors.push(`Line ${index + 1}: the id ${parsed.data.id} is used twice`);
    ids.add(parsed.data.id);
    lines.push(parsed.data);
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, document: priceValidLines(lines, documentDiscount) };
}

/** Prices drafts already validated (the stored lines of a document, re-priced). */
export function priceValidLines(drafts: readonly LineDraft[], documentDiscount: Discount | null): PricedDocument {
  const stage = drafts.map(priceOneLine);
  const shares = documentDiscountShares(
    stage.map((s) => s.netCents),
    documentDiscount
  );
  const lines: PricedLine[] = stage.map((s, i) => {
    const documentDiscountCents = shares[i]!;
    const taxableCents = s.draft.taxable ? s.netCents - documentDiscountCents : 0;
    const taxCents = applyPpm(taxableCents, linePpm(s.draft));
    return {
      ...s.draft,
      effectiveUnitPriceCents: s.unitPriceCents,
      grossCents: s.grossCents,
      lineDiscountCents: s.lineDiscountCents,
      coverageCents: s.coverageCents,
      netCents: s.netCents,
      documentDiscountCents,
      taxableCents,
      taxCents,
      totalCents: s.netCents - documentDiscountCents + taxCents,
      overridden: s.draft.override !== null,
      explanation: explainLine({
        kind: s.draft.kind,
        quantity: s.draft.quantity,
        unit: s.draft.unit,
        unitPriceCents: s.unitPriceCents,
        workedMinutes: s.draft.workedMinutes,
        note: s.draft.note,
        discount: s.draft.discount,
        lineDiscountCents: s.lineDiscountCents,
        coverage: s.draft.coverage,
        coverageCents: s.coverageCents,
        overrideReason: s.draft.override?.reason ?? null,
        listPriceCents: s.draft.unitPriceCents
      })
    };
  });
  return { lines, documentDiscount, totals: totalsOf(lines) };
}

interface Stage {
  draft: LineDraft;
  unitPriceCents: number;
  grossCents: number;
  lineDiscountCents: number;
  coverageCents: number;
  netCents: number;
}

function priceOneLine(draft: LineDraft): Stage {
  const unitPriceCents = draft.override?.unitPriceCents ?? draft.unitPriceCents;
  const grossCents = roundHalfUp(BigInt(draft.quantity.n) * BigInt(unitPriceCents), draft.quantity.d);
  const lineDiscountCents = discountOf(grossCents, draft.discount);
  const afterDiscount = grossCents - lineDiscountCents;
  const coverageCents = draft.coverage ? applyBp(afterDiscount, draft.coverage.bp) : 0;
  return { draft, unitPriceCents, grossCents, lineDiscountCents, coverageCents, netCents: afterDiscount - coverageCents };
}

/** A discount on `base`: a share of it, or an amount never larger than it (with the base's sign). */
export function discountOf(base: number, discount: Discount | null): number {
  if (!discount || base === 0) return 0;
  if (discount.kind === 'percent') return applyBp(base, discount.bp);
  return Math.sign(base) * Math.min(discount.cents, Math.abs(base)) || 0; // never -0
}

/**
 * The document discount spread over the lines in proportion to their net, by largest
 * remainder (ties to the earlier line), so the shares add up to the discount exactly. Lines
 * whose net has the document's opposite sign (a returned part on an invoice) take no share.
 */
export function documentDiscountShares(nets: readonly number[], discount: Discount | null): number[] {
  const shares = nets.map(() => 0);
  const sum = nets.reduce((a, b) => a + b, 0);
  const sign = Math.sign(sum);
  const total = Math.abs(discountOf(sum, discount));
  if (!discount || sign === 0 || total === 0) return shares;
  const weights = nets.map((n) => BigInt(Math.max(0, sign * n)));
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) return shares;
  const remainders: Array<{ index: number; rest: bigint }> = [];
  let given = 0n;
  weights.forEach((w, index) => {
    const exact = BigInt(total) * w;
    const floor = exact / weightSum;
    shares[index] = Number(floor);
    given += floor;
    remainders.push({ index, rest: exact % weightSum });
  });
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (let k = 0; k < Number(BigInt(total) - given); k++) shares[remainders[k]!.index]! += 1;
  return shares.map((s) => (s === 0 ? 0 : sign * s));
}

/** The document's totals: every figure is the sum of its lines' figures. */
export function totalsOf(lines: readonly PricedLine[]): DocumentTotals {
  const sum = (pick: (l: PricedLine) => number) => lines.reduce((a, l) => a + pick(l), 0);
  const taxes = new Map<string, TaxTotal>();
  for (const line of lines) {
    const ppm = linePpm(line);
    if (!line.taxable || ppm === 0) continue;
    const key = `${line.taxRateId ?? ''}\0${ppm}`;
    const row = taxes.get(key) ?? { taxRateId: line.taxRateId, name: line.taxRateName, rateBp: line.taxRateBp, ratePpm: ppm, taxableCents: 0, taxCents: 0 };
    row.taxableCents += line.taxableCents;
    row.taxCents += line.taxCents;
    taxes.set(key, row);
  }
  return {
    subtotalCents: sum((l) => l.grossCents),
    lineDiscountCents: sum((l) => l.lineDiscountCents),
    coverageCents: sum((l) => l.coverageCents),
    documentDiscountCents: sum((l) => l.documentDiscountCents),
    netCents: sum((l) => l.netCents - l.documentDiscountCents),
    taxes: [...taxes.values()].sort((a, b) => a.name.localeCompare(b.name) || a.ratePpm - b.ratePpm),
    taxCents: sum((l) => l.taxCents),
    totalCents: sum((l) => l.totalCents),
    overriddenLines: lines.filter((l) => l.overridden).length
  };
}

/** The inputs of priced lines, to price a stored document again. */
export function draftsOf(lines: readonly PricedLine[]): LineDraft[] {
  return lines.map((line) => ({
    id: line.id,
    kind: line.kind,
    description: line.description,
    refId: line.refId,
    quantity: line.quantity,
    unit: line.unit,
    unitPriceCents: line.unitPriceCents,
    workedMinutes: line.workedMinutes,
    note: line.note,
    taxable: line.taxable,
    taxRateId: line.taxRateId,
    taxRateBp: line.taxRateBp,
    taxRatePpm: line.taxRatePpm,
    taxRateName: line.taxRateName,
    discount: line.discount,
    coverage: line.coverage,
    override: line.override,
    optionId: line.optionId
  }));
}

/** The exact rate a line is taxed at, in parts per million. */
export function linePpm(line: Pick<LineDraft, 'taxRateBp' | 'taxRatePpm'>): number {
  return line.taxRatePpm ?? line.taxRateBp * 100;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
