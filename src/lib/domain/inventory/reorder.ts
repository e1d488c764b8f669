/**
 * Low stock and the purchase list. A location is low on a part when on-hand is below its
 * reorder point (negative stock included). The suggested quantity is the reorder quantity, or
 * more when that would still leave it below the point. Lines are grouped by supplier (the
 * setting's, else the part's last receipt's, else "No supplier") for one order each.
 */
import Papa from 'papaparse';
import type { LedgerPart, OnHand } from './ledger';
import type { StockSetting } from './stock-settings';

export const NO_SUPPLIER = 'No supplier';

export interface ReorderLine {
  locationId: string;
  partId: string;
  sku: string;
  description: string;
  unit: string;
  onHand: number;
  reorderPoint: number;
  suggestedQty: number;
  /** Estimated unit cost (moving average, else last receipt); null when never costed. */
  unitCostCents: number | null;
}

export interface SupplierOrder {
  supplier: string;
  lines: ReorderLine[];
  /** Sum of qty × unit cost over lines with a cost. */
  estimatedCents: number;
}

/** Every location/part below its reorder point. */
export function lowStock(onHand: OnHand, settings: Iterable<StockSetting>, parts: ReadonlyMap<string, LedgerPart>, averages: ReadonlyMap<string, { averageCents: number | null }>): Array<ReorderLine & { supplier: string }> {
  const lines: Array<ReorderLine & { supplier: string }> = [];
  for (const s of settings) {
    if (s.reorderPoint <= 0) continue;
    const qty = onHand.at(s.locationId, s.partId);
    if (qty >= s.reorderPoint) continue;
    const part = parts.get(s.partId);
    lines.push({
      locationId: s.locationId,
      partId: s.partId,
      sku: part?.sku ?? '',
      description: part?.description ?? s.partId,
      unit: part?.unit ?? 'each',
      onHand: qty,
      reorderPoint: s.reorderPoint,
      suggestedQty: Math.max(s.reorderQty, s.reorderPoint - qty),
      unitCostCents: averages.get(s.partId)?.averageCents ?? part?.lastUnitCostCents ?? null,
      supplier: s.supplier || part?.lastSupplier || NO_SUPPLIER
    });
  }
  return lines.sort((a, b) => a.sku.localeCompare(b.sku) || a.locationId.localeCompare(b.locationId));
}

/** The low-stock lines as one order per supplier, suppliers by name ("No supplier" last). */
export function purchaseList(lines: ReadonlyArray<ReorderLine & { supplier: string }>): SupplierOrder[] {
  const bySupplier = new Map<string, ReorderLine[]>();
  for (const { supplier, ...line } of lines) {
    const list = bySupplier.get(supplier) ?? [];
    list.push(line);
    bySupplier.set(supplier, list);
  }
  return [...bySupplier]
    .map(([supplier, group]) => ({ supplier, lines: group, estimatedCents: group.reduce((sum, l) => sum + (l.unitCostCents ?? 0) * l.suggestedQty, 0) }))
    .sort((a, b) => Number(a.supplier === NO_SUPPLIER) - Number(b.supplier === NO_SUPPLIER) || a.supplier.localeCompare(b.supplier));
}

/** The purchase list as CSV (one row per line, money in dollars with two decimals). */
export function purchaseListCsv(orders: readonly SupplierOrder[], locationName: (id: string) => string): string {
  const rows = orders.flatMap((order) =>
    order.lines.map((l) => ({
      supplier: order.supplier,
      sku: l.sku,
      description: l.description,
      unit: l.unit,
      location: locationName(l.locationId),
      on_hand: l.onHand,
      reorder_point: l.reorderPoint,
      order_qty: l.suggestedQty,
      unit_cost: l.unitCostCents === null ? '' : (l.unitCostCents / 100).toFixed(2),
      line_total: l.unitCostCents === null ? '' : ((l.unitCostCents * l.suggestedQty) / 100).toFixed(2)
    }))
  );
  return Papa.unparse(rows, { columns: ['supplier', 'sku', 'description', 'unit', 'location', 'on_hand', 'reorder_point', 'order_qty', 'unit_cost', 'line_total'] });
}
