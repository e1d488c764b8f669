/**
 * From a job's record, its ordered status events and its further visits to the facts the KPIs
 * read (types.ts `JobFacts`), and the on-site time its events show. Pure: the reporting
 * projection (src/lib/local/reporting-projection.ts) stores what this returns per job.
 */
import type { Job } from '../jobs/job';
import type { JobEvent } from '../jobs/job-events';
import type { JobStatus } from '../jobs/status';
import type { VisitStatus } from '../scheduling/visit';
import { currentTimeEntries, type TimeEntry } from '../fieldwork/time-entries';
import { canonicalInstant, type JobFacts, type OnSiteInterval } from './types';

/** Statuses that mean the work was completed (completed and what follows it). */
export const COMPLETED_STATUSES: ReadonlySet<JobStatus> = new Set(['completed', 'invoiced', 'paid', 'closed']);

/** Statuses that count as open work on the dashboard. */
export const OPEN_STATUSES: readonly JobStatus[] = ['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold'];

/**
 * The facts of one job. `events` must be in causal order (`eventsByJob`). On-site visits count
 * each arrival of the job's own booking (every event into `on_site`: a job sent back and
 * returned to site was visited twice) plus each further visit that reached site (`on_site` or
 * `done`). A job whose latest status is `cancelled` is not completed, whatever came before.
 */
export function jobFacts(job: Job, events: readonly JobEvent[], furtherVisitStatuses: readonly VisitStatus[] = []): JobFacts {
  let firstOnSiteAt: string | null = null;
  let completedAt: string | null = null;
  let arrivals = 0;
  for (const event of events) {
    if (event.to === 'on_site') {
      arrivals++;
      firstOnSiteAt ??= event.at;
    }
    if (COMPLETED_STATUSES.has(event.to)) completedAt ??= event.at;
  }
  // Reopened or cancelled after completion: not completed now.
  if (!COMPLETED_STATUSES.has(job.status)) completedAt = null;
  const further = furtherVisitStatuses.filter((s) => s === 'on_site' || s === 'done').length;
  return {
    id: job.id,
    number: job.number,
    type: job.type,
    status: job.status,
    officeId: job.officeId,
    technicianIds: [...job.assignedTechIds],
    assetIds: [...job.assetIds],
    // Canonical UTC strings: the KPIs then compare instants as strings (types.ts inRange).
    createdAt: canonicalInstant(job.createdAt),
    firstOnSiteAt: canonicalInstant(firstOnSiteAt),
    completedAt: canonicalInstant(completedAt),
    slaDue: canonicalInstant(job.slaDue),
    callbackOf: job.callbackOf,
    followUpOf: job.followUpOf,
    onSiteVisits: arrivals + further,
    outcome: job.outcome
  };
}

/**
 * On-site time as the status events show it (jobs without time entries): each stretch from an
 * event into `on_site` to the next event (a still-open stretch is left out: it has no end).
 * The technician is not known from events: the interval is the job's (technicianId null).
 */
export function onSiteFromEvents(jobId: string, events: readonly JobEvent[]): OnSiteInterval[] {
  const out: OnSiteInterval[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const next = events[i + 1];
    if (event.to !== 'on_site' || !next) continue;
    if (Date.parse(next.at) > Date.parse(event.at)) out.push({ jobId, technicianId: null, start: canonicalInstant(event.at), end: canonicalInstant(next.at) });
  }
  return out;
}

/**
 * On-site time as the technicians' time clock records it (finished `on_site` entries as they
 * stand now, each with its technician): the source of job duration and revenue credit
 * wherever a job has such entries; running entries have no end yet and are left out.
 */
export function onSiteFromEntries(jobId: string, records: readonly TimeEntry[]): OnSiteInterval[] {
  return currentTimeEntries(records)
    .filter((e) => e.jobId === jobId && e.kind === 'on_site' && e.end !== null)
    .sort((a, b) => a.start.localeCompare(b.start) || a.rootId.localeCompare(b.rootId))
    .map((e) => ({ jobId, technicianId: e.technicianId, start: canonicalInstant(e.start), end: canonicalInstant(e.end!) }));
}
