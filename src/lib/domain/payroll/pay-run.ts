/**
 * A pay run (issue 12): an admin approves a pay period and the run records, per technician,
 * what was paid: minutes per bucket, gross, the adjustments carried from corrections to
 * earlier runs, the paid days (so later runs can tell what changed) and the time entries
 * (chain root and the version paid). Stored in `finance.payRuns`: authored and immutable
 * (COLLECTION_RULES), admins only. Approving also writes `payrollLocks` in the board room so
 * the paid entries cannot be edited (sync README "payrollLocks").
 */
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const minutes = z.number().int();

/** Minutes of one day at one rate, per bucket. `adjustment` rows are differences (may be negative) for a day of an earlier run. */
export const paidDaySchema = z.object({
  date: day,
  hourlyCents: z.number().int().min(0),
  regular: minutes,
  overtime: minutes,
  double: minutes,
  adjustment: z.boolean().catch(false).default(false)
});
export type PaidDay = z.infer<typeof paidDaySchema>;

export const paidEntrySchema = z.object({ rootId: z.string().min(1), versionId: z.string().min(1) });
export type PaidEntry = z.infer<typeof paidEntrySchema>;

export const payRunTechnicianSchema = z.object({
  technicianId: z.string().min(1),
  /** Minutes of the period's own days, per bucket (adjustments are apart). */
  regularMinutes: minutes,
  overtimeMinutes: minutes,
  doubleMinutes: minutes,
  periodCents: z.number().int(),
  adjustmentCents: z.number().int(),
  /** periodCents + adjustmentCents: what this run pays the technician. */
  grossCents: z.number().int(),
  entries: z.array(paidEntrySchema),
  days: z.array(paidDaySchema),
  /** Days with hours but no pay rate: not paid by this run (they come back as an adjustment once a rate exists). */
  unpricedDays: z.array(day).catch([]).default([])
});
export type PayRunTechnician = z.infer<typeof payRunTechnicianSchema>;

export const payRunSchema = z.object({
  id: z.string().min(1),
  /** The pay period, local days inclusive. */
  from: day,
  to: day,
  timeZone: z.string().min(1),
  technicians: z.array(payRunTechnicianSchema),
  totalCents: z.number().int(),
  /** When it was approved, and by whom. */
  at: instant,
  stamp: instant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional().catch(undefined)
});
export type PayRun = z.infer<typeof payRunSchema>;

/** Runs oldest period first. */
export function runsInOrder(runs: readonly PayRun[]): PayRun[] {
  return [...runs].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
