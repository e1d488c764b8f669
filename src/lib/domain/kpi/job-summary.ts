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
import type { TimeEntry } from '../fieldwork/time-entries';
import { jobFacts, onSiteFromEntries, onSiteFromEvents } from './job-facts';
import { MINUTE_MS, type JobFacts, type OnSiteInterval } from './types';

export interface JobSummary extends JobFacts {
  /** On-site time: the job's finished on-site time entries (with technicians) where it has any, else stretches from its status events. */
  onSite: OnSiteInterval[];
  /** The instants as epoch ms and the summed on-site minutes, so the dashboard never parses strings. */
  times: RowTimes;
  /** What the row was derived from (summarySignature): equal signature, equal row. */
  sig: string;
}

/** A row's instants in epoch ms (null = none) and its on-site minutes summed (null = no on-site time). */
export interface RowTimes {
  created: number;
  firstOnSite: number | null;
  completed: number | null;
  slaDue: number | null;
  onSiteMinutes: number | null;
}

const msOf = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The numbers of a row (summed in the intervals' order, as averageJobDuration sums them: equal floats). */
export function rowTimesOf(facts: Pick<JobFacts, 'createdAt' | 'firstOnSiteAt' | 'completedAt' | 'slaDue'>, onSite: readonly OnSiteInterval[]): RowTimes {
  let minutes: number | null = null;
  for (const i of onSite) minutes = (minutes ?? 0) + Math.max(0, (Date.parse(i.end) - Date.parse(i.start)) / MINUTE_MS);
  return { created: Date.parse(facts.createdAt), firstOnSite: msOf(facts.firstOnSiteAt), completed: msOf(facts.completedAt), slaDue: msOf(facts.slaDue), onSiteMinutes: minutes };
}

/** A row from facts and on-site time (the projection, tests and the bench build rows the same way). */
export function summaryRow(facts: JobFacts, onSite: OnSiteInterval[], sig: string): JobSummary {
  return { ...facts, onSite, times: rowTimesOf(facts, onSite), sig };
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
  times: z.object({ created: z.number(), firstOnSite: z.number().nullable(), completed: z.number().nullable(), slaDue: z.number().nullable(), onSiteMinutes: z.number().nullable() }),
  sig: z.string()
});

/**
 * The inputs a row depends on, as one string: the job's reported fields, its events (count and
 * latest id: events are add-only, so a new one changes both) and its further visits' statuses.
 */
export function summarySignature(job: Job, events: readonly JobEvent[], furtherVisitStatuses: readonly VisitStatus[], timeRecords: readonly TimeEntry[] = []): string {
  return JSON.stringify([
    job.status, job.type, job.officeId, job.assignedTechIds, job.assetIds, job.slaDue, job.callbackOf, job.followUpOf, job.outcome, job.createdAt, job.number,
    events.length, events.at(-1)?.id ?? '', events.at(-1)?.at ?? '', furtherVisitStatuses,
    // Time-entry records are add-only (a stop or an edit is a new record): their count changes with them.
    timeRecords.length
  ]);
}

/** The row of one job. `events` in causal order; `timeRecords` every time-entry record of the job (any order). */
export function summarise(job: Job, events: readonly JobEvent[], furtherVisitStatuses: readonly VisitStatus[], timeRecords: readonly TimeEntry[] = []): JobSummary {
  const fromEntries = timeRecords.length ? onSiteFromEntries(job.id, timeRecords) : [];
  const onSite = fromEntries.length ? fromEntries : onSiteFromEvents(job.id, events);
  return summaryRow(jobFacts(job, events, furtherVisitStatuses), onSite, summarySignature(job, events, furtherVisitStatuses, timeRecords));
}
