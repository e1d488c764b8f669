/**
 * The parts a PM visit takes: the plan's parts for any visit (`pmParts`) plus, for each covered
 * asset, the parts listed for its type (`pmPartsByType`: two rooftop units take two sets of
 * filters). Same part from several sources: quantities add up. These become the booked job's
 * required parts (sync/agreements.ts `book`), which feed tomorrow's truck check; a job already
 * booked keeps its own (a dispatcher may have changed them): regenerating updates the visit.
 *
 * Typed in the agreement form like the checklist, one line per part: `FLT-2025 × 2` for any
 * visit, `hvac: FLT-2025 × 2` per asset of a type (`x` or `*` work for ×; no quantity = 1), the
 * SKU looked up in the price book.
 */
import type { PartSnapshot } from '../inventory/stock-move';
import type { Agreement, PlanPart } from './agreement';

/** The parts one visit takes for the covered assets' types (one entry per asset, repeats count). */
export function planPartsFor(agreement: Pick<Agreement, 'pmParts' | 'pmPartsByType'>, assetTypes: readonly string[]): PlanPart[] {
  const out = new Map<string, PlanPart>();
  const add = (part: PlanPart) => {
    const seen = out.get(part.partId);
    out.set(part.partId, seen ? { ...seen, qty: seen.qty + part.qty } : { ...part });
  };
  for (const part of agreement.pmParts) add(part);
  for (const type of assetTypes) for (const part of agreement.pmPartsByType[type.toLowerCase()] ?? []) add(part);
  return [...out.values()];
}

const LINE = /^(?:([^:]+):)?\s*(\S+)\s*(?:[×x*]\s*(\d+))?$/i;

export type PlanPartsParse = { ok: true; pmParts: PlanPart[]; pmPartsByType: Record<string, PlanPart[]> } | { ok: false; error: string };

/** Reads the form's lines against the price book (by SKU, case-insensitive). */
export function parsePlanPartsText(text: string, catalog: readonly PartSnapshot[]): PlanPartsParse {
  const bySku = new Map(catalog.filter((p) => p.sku).map((p) => [p.sku.toLowerCase(), p]));
  const pmParts: PlanPart[] = [];
  const pmPartsByType: Record<string, PlanPart[]> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const match = LINE.exec(line);
    const part = match ? bySku.get(match[2]!.toLowerCase()) : undefined;
    if (!match || !part) return { ok: false, error: `"${line}": use a price-book SKU, e.g. "hvac: FLT-2025 × 2".` };
    const qty = match[3] === undefined ? 1 : Number(match[3]);
    if (qty < 1 || qty > 10_000) return { ok: false, error: `"${line}": the quantity must be from 1 to 10000.` };
    const entry: PlanPart = { partId: part.partId, sku: part.sku, description: part.description, unit: part.unit, qty };
    const list = match[1] ? (pmPartsByType[match[1].trim().toLowerCase()] ??= []) : pmParts;
    const same = list.find((p) => p.partId === entry.partId);
    if (same) same.qty += qty;
    else list.push(entry);
  }
  return { ok: true, pmParts, pmPartsByType };
}

/** The inverse of parsePlanPartsText, for editing. */
export function planPartsText(agreement: Pick<Agreement, 'pmParts' | 'pmPartsByType'>): string {
  const line = (p: PlanPart) => `${p.sku || p.partId} × ${p.qty}`;
  return [...agreement.pmParts.map(line), ...Object.entries(agreement.pmPartsByType).flatMap(([type, parts]) => parts.map((p) => `${type}: ${line(p)}`))].join('\n');
}
