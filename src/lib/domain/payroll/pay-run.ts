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

/**
 * The runs that count, oldest period first. Two admins approving the same period offline both
 * keep their record (ids are random per device); the first approved (by `at`, then id) counts
 * and a run overlapping an earlier counted one is shown as a duplicate and pays nothing.
 */
export function countedRuns(runs: readonly PayRun[]): PayRun[] {
  const ordered = [...runs].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  const out: PayRun[] = [];
  for (const run of ordered) if (!out.length || run.from > (out.at(-1) as PayRun).to) out.push(run);
  return out;
}

/**
 * A `payrollLocks` record in the board room: entries of `technicianId` starting in
 * [from, to) (UTC instants) were paid by run `runId` and cannot be edited. Written by the
 * approving admin with the run; authored, immutable, admins only.
 */
export const payrollLockSchema = z.object({
  id: z.string().min(1),
  technicianId: z.string().min(1),
  from: instant,
  to: instant,
  runId: z.string().min(1),
  /** The run's pay period (local days), for the message. */
  periodFrom: day.optional().catch(undefined),
  periodTo: day.optional().catch(undefined),
  at: instant,
  stamp: instant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional().catch(undefined)
});
export type PayrollLock = z.infer<typeof payrollLockSchema>;

/** A time entry added after the fact (a forgotten hour): a new chain, with the reason. */
export const lateEntryInputSchema = z
  .object({
    technicianId: z.string().min(1, 'Choose a technician.'),
    kind: z.enum(['travel', 'on_site', 'break']),
    jobId: z.string().min(1).nullable().default(null),
    visitId: z.string().min(1).nullable().default(null),
    start: instant,
    end: instant,
    reason: z
      .string()
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().min(3, 'Say why the time is added late (at least 3 characters).').max(500, 'Keep the reason under 500 characters.'))
  })
  .refine((e) => Date.parse(e.end) > Date.parse(e.start), { message: 'The entry must end after it starts.', path: ['end'] });
