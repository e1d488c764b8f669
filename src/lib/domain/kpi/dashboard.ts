/**
 * The live dashboard's numbers from the reporting projection's rows: the KPIs whose inputs
 * the board holds today (job events, visits, links). Invoices, payments, time entries and
 * costs feed the other KPI functions once those areas land; they are not guessed here.
 */
import type { JobStatus } from '../jobs/status';
import { averageJobDuration, callbackRate, createdVsCompleted, firstTimeFix, openJobsByStatus, responseTime, timeToResolve, type CreatedCompletedBucket, type ResponseTime } from './job-kpis';
import type { JobSummary } from './job-summary';
import type { Granularity } from './periods';
import { OPEN_STATUSES } from './job-facts';
import { inRange, type KpiFilter, type KpiNumber } from './types';

export interface Dashboard {
  open: Map<JobStatus, KpiNumber>;
  /** The bucket size of `perDay` (named for its usual case). */
  granularity: Granularity;
  perDay: CreatedCompletedBucket[];
  firstTimeFix: KpiNumber & { firstTimeIds: string[] };
  callbackRate: KpiNumber & { completedIds: string[] };
  jobDuration: KpiNumber & { missing: string[] };
  timeToResolve: KpiNumber;
  response: ResponseTime;
}

/**
 * The rows any dashboard number can depend on for this period: open jobs, jobs created, first
 * on site or completed in it, and every callback (first-time fix looks at callbacks of any
 * date) with the job it calls back. On a year of history most rows are none of these, so the
 * KPIs run over a small subset with exactly the same results (tested).
 */
export function relevantRows(rows: readonly JobSummary[], filter: KpiFilter): JobSummary[] {
  const out: JobSummary[] = [];
  const originals = new Set<string>();
  const open = new Set<string>(OPEN_STATUSES);
  for (const r of rows) if (r.callbackOf) originals.add(r.callbackOf);
  for (const r of rows) {
    if (open.has(r.status) || r.callbackOf || originals.has(r.id) || inRange(r.createdAt, filter.range) || inRange(r.completedAt, filter.range) || inRange(r.firstOnSiteAt, filter.range)) out.push(r);
  }
  return out;
}

/** The bucket size that keeps a created/completed chart readable: days up to ~6 weeks, then weeks up to ~6 months, then months. */
export function granularityFor(range: KpiFilter['range']): Granularity {
  const days = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
  return days <= 45 ? 'day' : days <= 183 ? 'week' : 'month';
}

/** Every dashboard number for one filter; created vs completed per `granularity` (default: `granularityFor`), periods in `timeZone`. */
export function computeDashboard(allRows: readonly JobSummary[], filter: KpiFilter, timeZone: string, granularity: Granularity = granularityFor(filter.range)): Dashboard {
  const rows = relevantRows(allRows, filter);
  const onSite = rows.flatMap((r) => r.onSite);
  return {
    open: openJobsByStatus(rows, filter),
    granularity,
    perDay: createdVsCompleted(rows, filter, granularity, timeZone),
    firstTimeFix: firstTimeFix(rows, filter),
    callbackRate: callbackRate(rows, filter),
    jobDuration: averageJobDuration(rows, onSite, filter),
    timeToResolve: timeToResolve(rows, filter),
    response: responseTime(rows, filter)
  };
}
