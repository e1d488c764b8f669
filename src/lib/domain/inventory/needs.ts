/**
 * "Will the technician have what they need": the parts tomorrow's visits call for against the
 * technician's truck, and the transfer from their office's warehouse that would cover the
 * shortfall.
 *
 * What a job calls for (`jobPartNeeds`): its own required parts once they have been set (a
 * booked PM job gets its plan's parts there, and a dispatcher may change them for that visit);
 * a job whose required parts were never set falls back to its agreement visit's plan parts
 * (PM jobs booked before jobs had required parts). Minus what is already used on the job: the
 * stock ledger's uses less returns for that job (`netUsedByJob`), so a second visit asks only
 * for what is still missing.
 */
import type { OnHand } from './ledger';
import { truckId, warehouseId } from './locations';
import type { PartSnapshot, StockMove } from './stock-move';

export interface PartNeed {
  partId: string;
  sku: string;
  description: string;
  unit: string;
  qty: number;
}

export interface NeedLine extends PartNeed {
  onTruck: number;
  /** Needed minus on the truck (0 when covered). */
  short: number;
  /** What the warehouse holds for the transfer. */
  inWarehouse: number;
}

export interface TechnicianNeeds {
  technicianId: string;
  truckId: string;
  warehouseId: string | null;
  jobIds: string[];
  lines: NeedLine[];
  /** Lines with a shortfall: what one click would transfer (capped at nothing: a short warehouse goes negative and is flagged). */
  transfer: Array<PartNeed>;
}

/** Sums the parts of each technician's visits and compares them with their truck. */
export function technicianNeeds(
  visits: ReadonlyArray<{ technicianId: string; jobId: string }>,
  partsFor: (jobId: string) => readonly PartNeed[],
  officeOf: (technicianId: string) => string | null,
  onHand: OnHand
): TechnicianNeeds[] {
  const byTech = new Map<string, Set<string>>();
  for (const v of visits) {
    const jobs = byTech.get(v.technicianId) ?? new Set<string>();
    jobs.add(v.jobId);
    byTech.set(v.technicianId, jobs);
  }
  const out: TechnicianNeeds[] = [];
  for (const [technicianId, jobs] of byTech) {
    const needed = new Map<string, PartNeed>();
    for (const jobId of jobs) {
      for (const part of partsFor(jobId)) {
        const seen = needed.get(part.partId);
        needed.set(part.partId, seen ? { ...seen, qty: seen.qty + part.qty } : { ...part });
      }
    }
    if (!needed.size) continue;
    const truck = truckId(technicianId);
    const office = officeOf(technicianId);
    const warehouse = office ? warehouseId(office) : null;
    const lines = [...needed.values()]
      .map((need): NeedLine => {
        const onTruck = onHand.at(truck, need.partId);
        return { ...need, onTruck, short: Math.max(0, need.qty - Math.max(0, onTruck)), inWarehouse: warehouse ? onHand.at(warehouse, need.partId) : 0 };
      })
      .sort((a, b) => a.sku.localeCompare(b.sku) || a.partId.localeCompare(b.partId));
    const transfer = lines.filter((l) => l.short > 0).map(({ partId, sku, description, unit, short }) => ({ partId, sku, description, unit, qty: short }));
    out.push({ technicianId, truckId: truck, warehouseId: warehouse, jobIds: [...jobs].sort(), lines, transfer });
  }
  return out.sort((a, b) => a.technicianId.localeCompare(b.technicianId));
}

/** Whole units of each part used on each job so far: the ledger's uses less its returns. */
export function netUsedByJob(moves: readonly StockMove[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const move of moves) {
    if (!move.jobId || (move.kind !== 'use' && move.kind !== 'return')) continue;
    const parts = out.get(move.jobId) ?? new Map<string, number>();
    parts.set(move.partId, (parts.get(move.partId) ?? 0) + (move.kind === 'use' ? move.qty : -move.qty));
    out.set(move.jobId, parts);
  }
  return out;
}

/**
 * The parts one job still calls for (see the file comment): required parts when set, else the
 * plan's, less what is used on it; described from `describe` (price book, ledger), else from
 * the plan's snapshot, else by id alone.
 */
export function jobPartNeeds(
  requiredParts: Readonly<Record<string, number>> | undefined,
  planParts: readonly PartNeed[],
  used: ReadonlyMap<string, number> | undefined,
  describe: (partId: string) => PartSnapshot | undefined
): PartNeed[] {
  const planned = new Map(planParts.map((p) => [p.partId, p]));
  const wanted: Array<[string, number]> = requiredParts ? Object.entries(requiredParts) : planParts.map((p) => [p.partId, p.qty]);
  const out: PartNeed[] = [];
  for (const [partId, qty] of wanted) {
    const left = qty - Math.max(0, used?.get(partId) ?? 0);
    if (left <= 0) continue;
    const known = describe(partId) ?? planned.get(partId);
    out.push({ partId, sku: known?.sku || partId, description: known?.description || 'Part not in the price book', unit: known?.unit || 'each', qty: left });
  }
  return out.sort((a, b) => a.sku.localeCompare(b.sku) || a.partId.localeCompare(b.partId));
}
