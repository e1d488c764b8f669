/**
 * Reading the stock ledger: on-hand per location and part is the sum of the entries' deltas
 * (never clamped: a negative result is flagged, DESIGN §3), the parts the ledger knows, and a
 * part's history in ledger order. Pure and order-independent: every replica holding the same
 * entries computes the same numbers.
 */
import { compareStamped } from '../jobs/event-order';
import { moveDeltas, type PartSnapshot, type StockMove } from './stock-move';

/** On-hand of one part at one location. */
export interface StockLevel {
  locationId: string;
  partId: string;
  qty: number;
  /** More used or moved out than the ledger holds: shown and flagged, never hidden. */
  negative: boolean;
}

const key = (locationId: string, partId: string) => `${locationId}\u0000${partId}`;

/** The ledger folded into levels; look one up with `at`. */
export class OnHand {
  readonly #qty = new Map<string, number>();

  constructor(moves: Iterable<Pick<StockMove, 'kind' | 'qty' | 'from' | 'to' | 'partId'>>) {
    for (const move of moves) {
      for (const { locationId, qty } of moveDeltas(move)) {
        const k = key(locationId, move.partId);
        this.#qty.set(k, (this.#qty.get(k) ?? 0) + qty);
      }
    }
  }

  at(locationId: string, partId: string): number {
    return this.#qty.get(key(locationId, partId)) ?? 0;
  }

  /** Every location/part the ledger has touched, sorted by location then part. */
  levels(): StockLevel[] {
    return [...this.#qty]
      .map(([k, qty]) => {
        const [locationId = '', partId = ''] = k.split('\u0000');
        return { locationId, partId, qty, negative: qty < 0 };
      })
      .sort((a, b) => a.locationId.localeCompare(b.locationId) || a.partId.localeCompare(b.partId));
  }

  /** Levels below zero: the flag every replica shows after a merge. */
  negatives(): StockLevel[] {
    return this.levels().filter((l) => l.negative);
  }

  /** The whole company's stock of a part. */
  total(partId: string): number {
    let sum = 0;
    for (const level of this.levels()) if (level.partId === partId) sum += level.qty;
    return sum;
  }
}

/** Entries in ledger order: (stamp ?? at, id), identical on every device. */
export function inLedgerOrder<T extends StockMove>(moves: readonly T[]): T[] {
  return [...moves].sort(compareStamped);
}

/** A part as the ledger knows it: its latest snapshot and its latest supplier and cost. */
export interface LedgerPart extends PartSnapshot {
  lastSupplier: string;
  lastUnitCostCents: number | null;
}

/** The parts the ledger has seen, by SKU then description. */
export function ledgerParts(moves: readonly StockMove[]): LedgerPart[] {
  const parts = new Map<string, LedgerPart>();
  for (const move of inLedgerOrder(moves)) {
    const previous = parts.get(move.partId);
    const receipt = move.kind === 'receive';
    parts.set(move.partId, {
      partId: move.partId,
      sku: move.sku || previous?.sku || '',
      description: move.description || previous?.description || '',
      unit: move.unit,
      lastSupplier: receipt && move.supplier ? move.supplier : (previous?.lastSupplier ?? ''),
      lastUnitCostCents: receipt ? move.unitCostCents : (previous?.lastUnitCostCents ?? null)
    });
  }
  return [...parts.values()].sort((a, b) => a.sku.localeCompare(b.sku) || a.description.localeCompare(b.description) || a.partId.localeCompare(b.partId));
}

/** A price-book part as stock needs it (the catalog's `Part`, narrowed: domain/catalog). */
export interface CatalogPartRef {
  id: string;
  sku: string;
  description: string;
  unit: string;
  costCents: number;
  supplier: string;
}

/**
 * The parts a stock form offers: every price-book part (stock keys it by the catalog's id, the
 * same id the technician app's parts-used records carry, so a use takes it off the right
 * shelf) and every part the ledger has seen that is not in the price book (older or one-off
 * parts), by SKU then description.
 */
export function pickableParts(ledger: readonly LedgerPart[], catalog: readonly CatalogPartRef[]): LedgerPart[] {
  const byId = new Map(ledger.map((p) => [p.partId, p]));
  for (const part of catalog) {
    const seen = byId.get(part.id);
    byId.set(part.id, {
      partId: part.id,
      sku: part.sku,
      description: part.description,
      unit: part.unit,
      lastSupplier: seen?.lastSupplier || part.supplier,
      lastUnitCostCents: seen?.lastUnitCostCents ?? part.costCents
    });
  }
  return [...byId.values()].sort((a, b) => a.sku.localeCompare(b.sku) || a.description.localeCompare(b.description) || a.partId.localeCompare(b.partId));
}

/** A part's movement history, newest first, with the running on-hand per location after each entry. */
export function partHistory(moves: readonly StockMove[], partId: string): Array<{ move: StockMove; after: Record<string, number> }> {
  const running: Record<string, number> = {};
  const rows: Array<{ move: StockMove; after: Record<string, number> }> = [];
  for (const move of inLedgerOrder(moves.filter((m) => m.partId === partId))) {
    const after: Record<string, number> = {};
    for (const { locationId, qty } of moveDeltas(move)) {
      running[locationId] = (running[locationId] ?? 0) + qty;
      after[locationId] = running[locationId];
    }
    rows.push({ move, after });
  }
  return rows.reverse();
}
