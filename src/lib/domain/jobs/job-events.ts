/**
 * Job status history as immutable events (DESIGN §3). The current status is the `to` of the
 * latest event in causal order (`event-order.ts`: by (stamp ?? at, id)), so every device
 * derives the same answer after a merge, whatever its clock said.
 */
import { z } from 'zod';
import { JOB_STATUSES, type JobStatus } from './status';
import { compareStamped } from './event-order';

export const jobEventSchema = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  kind: z.enum(['created', 'status']).catch('status'),
  from: z.enum(JOB_STATUSES).nullable(),
  to: z.enum(JOB_STATUSES),
  /** The acting device's wall clock: display and KPIs. */
  at: z.iso.datetime({ offset: true }),
  /** Ordering instant (event-order.ts); absent on events written before it existed. */
  stamp: z.iso.datetime({ offset: true }).optional().catch(undefined),
  by: z.string(),
  byName: z.string().optional(),
  /**
   * Imported history (demo data, other tools): `by` is whoever imported it, as the relay
   * requires (room-rules.ts), and these name the person the record was written for.
   */
  recordedFor: z.string().optional(),
  recordedForName: z.string().optional()
});
export type JobEvent = z.infer<typeof jobEventSchema>;

/** Causal order of events: by (stamp ?? at, id). */
export function compareEvents(a: JobEvent, b: JobEvent): number {
  return compareStamped(a, b);
}

/** Groups events by job, each list in order. */
export function eventsByJob(events: Iterable<JobEvent>): Map<string, JobEvent[]> {
  const byJob = new Map<string, JobEvent[]>();
  for (const event of events) {
    const list = byJob.get(event.jobId);
    if (list) list.push(event);
    else byJob.set(event.jobId, [event]);
  }
  for (const list of byJob.values()) list.sort(compareEvents);
  return byJob;
}

/** The status a job's ordered events lead to; `new` for a job with no events yet. */
export function currentStatus(orderedEvents: readonly JobEvent[] | undefined): JobStatus {
  const last = orderedEvents?.[orderedEvents.length - 1];
  return last ? last.to : 'new';
}
