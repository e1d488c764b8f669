/**
 * What a job's labour cost the business (job costing, monthly gross profit, agreement
 * profitability): each finished time entry's minutes × the technician's regular hourly rate in
 * force on the entry's local start day, rounded half-up to a cent per entry. Breaks cost
 * nothing here (paid breaks are payroll's business, not a job's); travel counts unless the
 * caller says travel is unpaid. Overtime premiums are not spread onto jobs: they come from the
 * week, not from a job, and are in payroll's gross pay. Entries of technicians without a rate
 * are returned in `unpriced` so a view can say the cost is incomplete rather than guess.
 */
import type { CurrentTimeEntry } from '../fieldwork/time-entries';
import { zonedParts } from '../time/zoned';
import { rateOn, type PayRate } from './pay-rates';

export interface LabourCost {
  /** Entry (chain root) id. */
  entryId: string;
  jobId: string | null;
  technicianId: string;
  /** When the entry started (UTC instant): which month the cost belongs to. */
  at: string;
  minutes: number;
  costCents: number;
}

export interface LabourCosts {
  lines: LabourCost[];
  /** Finished entries whose technician had no rate on that day (their cost is unknown, not zero). */
  unpriced: CurrentTimeEntry[];
}

/** Half-up by magnitude: minutes × cents per hour ÷ 60, exact in integers. */
export function minutesCostCents(minutes: number, hourlyCents: number): number {
  return Math.floor((minutes * hourlyCents * 2 + 60) / 120);
}

/** Labour cost of finished, non-break entries (running entries are not cost yet). */
export function labourCosts(entries: readonly CurrentTimeEntry[], rates: readonly PayRate[], timeZone: string, options: { travelPaid?: boolean } = {}): LabourCosts {
  const travelPaid = options.travelPaid ?? true;
  const lines: LabourCost[] = [];
  const unpriced: CurrentTimeEntry[] = [];
  for (const e of entries) {
    if (e.end === null || e.kind === 'break' || (e.kind === 'travel' && !travelPaid)) continue;
    const minutes = Math.max(0, Math.floor((Date.parse(e.end) - Date.parse(e.start)) / 60_000));
    const day = zonedParts(Date.parse(e.start), timeZone).date;
    const rate = rateOn(rates, e.technicianId, day);
    if (!rate) {
      unpriced.push(e);
      continue;
    }
    lines.push({ entryId: e.rootId, jobId: e.jobId, technicianId: e.technicianId, at: e.start, minutes, costCents: minutesCostCents(minutes, rate.hourlyCents) });
  }
  return { lines, unpriced };
}
