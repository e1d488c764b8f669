/**
 * "Will the technician have what they need": the parts tomorrow's visits call for (the job's
 * required parts or its agreement's PM plan) against the technician's truck, and the transfer
 * from their office's warehouse that would cover the shortfall.
 */
import type { OnHand } from './ledger';
import { truckId, warehouseId } from './locations';

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
