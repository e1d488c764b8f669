/**
 * Technicians' pay rates (issue 12 "Payroll"), kept in the `finance` room as an authored,
 * immutable ledger: a raise is a new record from its first day, never an edit, so two admins
 * setting rates offline both keep their record and history shows who set what.
 *
 * The rate in force on a day is the record with the latest `effectiveFrom` on or before that
 * day; several records from the same day: the latest by stamp (causal order, README "stamp"),
 * then `at`, then id, so every device picks the same one.
 */
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day (YYYY-MM-DD)');

export const payRateSchema = z.object({
  id: z.string().min(1),
  technicianId: z.string().min(1),
  /** Regular hourly pay in integer cents (gross, before overtime multipliers). */
  hourlyCents: z.number().int().min(0).max(100_000),
  /** The first calendar day (organisation's zone) the rate applies to. */
  effectiveFrom: daySchema,
  at: instant,
  stamp: instant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional()
});
export type PayRate = z.infer<typeof payRateSchema>;

/** What an admin enters to set a rate (validated at the form and in the sync layer). */
export const payRateInputSchema = z.object({
  technicianId: z.string().min(1, 'Choose a technician.'),
  hourlyCents: z.number({ error: 'Enter an hourly rate.' }).int('Whole cents only.').min(0, 'A rate cannot be negative.').max(100_000, 'That is over $1,000 an hour.'),
  effectiveFrom: daySchema
});
export type PayRateInput = z.infer<typeof payRateInputSchema>;

function later(a: PayRate, b: PayRate): boolean {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom > b.effectiveFrom;
  const sa = a.stamp ?? a.at;
  const sb = b.stamp ?? b.at;
  if (sa !== sb) return sa > sb;
  if (a.at !== b.at) return a.at > b.at;
  return a.id > b.id;
}

/** The rate of `technicianId` in force on `day` (YYYY-MM-DD, org zone), or null when none starts by then. */
export function rateOn(rates: readonly PayRate[], technicianId: string, day: string): PayRate | null {
  let best: PayRate | null = null;
  for (const r of rates) {
    if (r.technicianId !== technicianId || r.effectiveFrom > day) continue;
    if (!best || later(r, best)) best = r;
  }
  return best;
}

/** Each technician's rate history, newest first (what the pay-rate settings list shows). */
export function rateHistory(rates: readonly PayRate[], technicianId: string): PayRate[] {
  return rates.filter((r) => r.technicianId === technicianId).sort((a, b) => (later(a, b) ? -1 : later(b, a) ? 1 : 0));
}
