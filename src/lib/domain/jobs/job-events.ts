/**
 * Job status history as immutable events (DESIGN §3). The current status is the `to` of the
 * latest event, ordered by (at, id) so every device derives the same answer after a merge.
 */
import { z } from 'zod';
import { JOB_STATUSES, type JobStatus } from './status';

export const jobEventSchema = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  kind: z.enum(['created', 'status']).catch('status'),
  from: z.enum(JOB_STATUSES).nullable(),
  to: z.enum(JOB_STATUSES),
  at: z.iso.datetime({ offset: true }),
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

export function compareEvents(a: JobEvent, b: JobEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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
