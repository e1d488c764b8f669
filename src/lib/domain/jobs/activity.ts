/**
 * Job activity other than status changes (assignments, priority, schedule, edits, feedback),
 * kept as immutable entries so the job page can show who did what and when.
 */
import { z } from 'zod';

export const JOB_ACTIONS = ['assigned', 'priority', 'scheduled', 'edited', 'reordered', 'feedback', 'callback_created', 'visit', 'quote_accepted'] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

const jsonValue: z.ZodType<unknown> = z.unknown();

export const jobActivitySchema = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  action: z.enum(JOB_ACTIONS).catch('edited'),
  /** Field name → values before and after. */
  changes: z.record(z.string(), z.object({ from: jsonValue, to: jsonValue })).catch({}).default({}),
  at: z.iso.datetime({ offset: true }),
  /** Ordering instant, the same rule as job events (event-order.ts). */
  stamp: z.iso.datetime({ offset: true }).optional().catch(undefined),
  by: z.string(),
  byName: z.string().optional()
});
export type JobActivity = z.infer<typeof jobActivitySchema>;

/** The changed fields between two versions of a record, for an activity entry. */
export function diffFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = before[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from: from ?? null, to };
  }
  return out;
}
