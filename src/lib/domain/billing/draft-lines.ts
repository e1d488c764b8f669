/**
 * Changing a job draft's engine lines before it is issued, and what keeps it from being issued.
 *
 * THE PRICE-NEEDED RULE: a line whose description starts with "PRICE NEEDED" (a free-text
 * part from the field, job-invoice.ts) has no real price yet, so a draft holding one cannot be
 * issued; the refusal names every such line. Setting its price on the draft is a price
 * override, so it needs a reason (lines.ts `overrideSchema`); the line drops the "PRICE
 * NEEDED: " prefix, keeps its coverage and tax, and the whole draft is priced again by the
 * engine (`priceValidLines`), so totals always come from the lines. A price of $0.00 with a
 * reason is allowed (a part given for free): the reason is the decision.
 */
import type { InvoiceLine, InvoiceTotals } from '../receivables/records';
import { pricedLineSchema, type PricedLine } from './lines';
import { draftsOf, priceValidLines } from './price-document';
import { PRICE_NEEDED, storedLine, storedTotals } from './job-invoice';

/** "PRICE NEEDED: Gasket (G-1)" → "Gasket (G-1)"; other descriptions unchanged. */
function pricedDescription(description: string): string {
  if (!description.startsWith(PRICE_NEEDED)) return description;
  return description.slice(PRICE_NEEDED.length).replace(/^:\s*/, '') || 'Part';
}

/** Lines still waiting for a price. */
export function priceNeededLines(lines: readonly InvoiceLine[]): InvoiceLine[] {
  return lines.filter((line) => line.description.startsWith(PRICE_NEEDED));
}

/** Why the draft cannot be issued yet, or null. */
export function priceNeededBlock(lines: readonly InvoiceLine[]): string | null {
  const waiting = priceNeededLines(lines);
  if (!waiting.length) return null;
  const names = waiting.map((l) => `“${pricedDescription(l.description)}”`).join(', ');
  return `Set the price of ${names} before issuing: ${waiting.length === 1 ? 'it is' : 'they are'} still $0.00 (PRICE NEEDED).`;
}

export type RepriceResult = { ok: true; lines: InvoiceLine[]; totals: InvoiceTotals } | { ok: false; error: string };

/** The draft's lines as engine lines, or null when some line was typed by hand (no engine inputs). */
function engineLines(lines: readonly InvoiceLine[]): PricedLine[] | null {
  const out: PricedLine[] = [];
  for (const line of lines) {
    const parsed = pricedLineSchema.safeParse(line);
    if (!parsed.success) return null;
    out.push(parsed.data);
  }
  return out;
}

/** Sets the unit price of line `lineId` (an override with `reason`) and prices the draft again. */
export function setDraftLinePrice(lines: readonly InvoiceLine[], lineId: string, unitPriceCents: number, reason: string): RepriceResult {
  if (!Number.isSafeInteger(unitPriceCents) || unitPriceCents < 0) return { ok: false, error: 'Enter a price of $0.00 or more.' };
  const why = reason.trim();
  if (!why) return { ok: false, error: 'Say why this price: an overridden price needs a reason.' };
  if (why.length > 300) return { ok: false, error: 'Keep the reason under 300 characters.' };
  const priced = engineLines(lines);
  if (!priced) return { ok: false, error: 'This draft’s lines were typed by hand: use Edit to change them.' };
  if (!priced.some((l) => l.id === lineId)) return { ok: false, error: 'That line is no longer on the draft.' };
  if (priced.some((l) => l.documentDiscountCents !== 0)) return { ok: false, error: 'This draft has a document discount: use Edit to change it.' };
  const drafts = draftsOf(priced).map((d) => (d.id === lineId ? { ...d, description: pricedDescription(d.description), override: { unitPriceCents, reason: why } } : d));
  const document = priceValidLines(drafts, null);
  return { ok: true, lines: document.lines.map(storedLine), totals: storedTotals(document.totals) };
}
