/**
 * The reporting projection's row: one per job, everything the KPIs read about it (its facts
 * and the on-site time its events show), plus a signature of its inputs so a device that
 * reopens the dashboard re-derives only the jobs that changed since it last saved the row.
 * Rows are derived data (sync README: history lives in the doc), so a bad row is rebuilt, never trusted.
 */
import { z } from 'zod';
import { JOB_OUTCOMES, JOB_TYPES, type Job } from '../jobs/job';
import type { JobEvent } from '../jobs/job-events';
import { JOB_STATUSES } from '../jobs/status';
import type { VisitStatus } from '../scheduling/visit';
import { jobFacts, onSiteFromEvents } from './job-facts';
import type { JobFacts, OnSiteInterval } from './types';

export interface JobSummary extends JobFacts {
  /** On-site stretches from the status events (until time entries land). */
  onSite: OnSiteInterval[];
  /** What the row was derived from (summarySignature): equal signature, equal row. */
  sig: string;
}

const instant = z.iso.datetime({ offset: true });

/** Validates a row loaded from IndexedDB (a device can hold rows of an older or damaged build). */
export const jobSummarySchema: z.ZodType<JobSummary> = z.object({
  id: z.string().min(1),
  number: z.string(),
  type: z.enum(JOB_TYPES),
  status: z.enum(JOB_STATUSES),
  officeId: z.string().nullable(),
  technicianIds: z.array(z.string()),
  assetIds: z.array(z.string()),
  createdAt: instant,
  firstOnSiteAt: instant.nullable(),
  completedAt: instant.nullable(),
  slaDue: instant.nullable(),
  callbackOf: z.string().nullable(),
  followUpOf: z.string().nullable(),
  onSiteVisits: z.number().int().min(0),
  outcome: z.enum(JOB_OUTCOMES).nullable(),
  onSite: z.array(z.object({ jobId: z.string(), technicianId: z.string().nullable(), start: instant, end: instant })),
  sig: z.string()
});

/**
 * The inputs a row depends on, as one string: the job's reported fields, its events (count and
 * latest id: events are add-only, so a new one changes both) and its further visits' statuses.
 */
export function summarySignature(job: Job, events: readonly JobEvent[], furtherVisitStatuses: readonly VisitStatus[]): string {
  return JSON.stringify([
    job.status, job.type, job.officeId, job.assignedTechIds, job.assetIds, job.slaDue, job.callbackOf, job.followUpOf, job.outcome, job.createdAt, job.number,
    events.length, events.at(-1)?.id ?? '', events.at(-1)?.at ?? '', furtherVisitStatuses
  ]);
}

/** The row of one job. `events` in causal order. */
export function summarise(job: Job, events: readonly JobEvent[], furtherVisitStatuses: readonly VisitStatus[]): JobSummary {
  return { ...jobFacts(job, events, furtherVisitStatuses), onSite: onSiteFromEvents(job.id, events), sig: summarySignature(job, events, furtherVisitStatuses) };
}
