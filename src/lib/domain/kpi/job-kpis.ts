/**
 * The KPIs computed from jobs alone (their events and visits): open jobs by status, created
 * vs completed, first-time fix, callback rate, job duration, time to resolve, response time.
 * Formulas: ../shared/KPI.md (and formulas.ts for the tooltip text).
 */
import type { JobStatus } from '../jobs/status';
import { OPEN_STATUSES } from './job-facts';
import { FORMULAS } from './formulas';
import { periodKey, periodKeys, type Granularity } from './periods';
import { inRange, kpiNumber, matchesJob, mean, minutesBetween, percent, type JobFacts, type KpiFilter, type KpiNumber, type OnSiteInterval } from './types';

/** Open jobs per status (filters apply; the period does not: open is "now"). */
export function openJobsByStatus(jobs: readonly JobFacts[], filter: Omit<KpiFilter, 'range'>): Map<JobStatus, KpiNumber> {
  const ids = new Map<JobStatus, string[]>(OPEN_STATUSES.map((s) => [s, []]));
  for (const job of jobs) if (matchesJob(job, filter)) ids.get(job.status)?.push(job.id);
  return new Map([...ids].map(([status, list]) => [status, kpiNumber(list.length, 'count', list, FORMULAS.openByStatus)]));
}

export interface CreatedCompletedBucket {
  key: string;
  created: string[];
  completed: string[];
}

/** Jobs created and jobs completed per period of the range, every period present (zeros included). */
export function createdVsCompleted(jobs: readonly JobFacts[], filter: KpiFilter, granularity: Granularity, timeZone: string): CreatedCompletedBucket[] {
  const buckets = new Map(periodKeys(filter.range, granularity, timeZone).map((key) => [key, { key, created: [] as string[], completed: [] as string[] }]));
  for (const job of jobs) {
    if (!matchesJob(job, filter)) continue;
    if (inRange(job.createdAt, filter.range)) buckets.get(periodKey(job.createdAt, granularity, timeZone))?.created.push(job.id);
    if (inRange(job.completedAt, filter.range)) buckets.get(periodKey(job.completedAt, granularity, timeZone))?.completed.push(job.id);
  }
  return [...buckets.values()];
}

export interface FirstTimeFixOptions {
  /** Maintenance visits that found no fault are left out (KPI.md: configurable; default on). */
  excludeNoFaultMaintenance?: boolean;
}

/**
 * First-time fix rate over jobs resolved (completed) in the range. Not first-time: more than
 * one on-site visit, or a callback job (any time) links to it through `callbackOf`.
 * Cancelled jobs are never resolved. `ids` are the resolved jobs; `firstTimeIds` the fixed ones.
 */
export function firstTimeFix(jobs: readonly JobFacts[], filter: KpiFilter, options: FirstTimeFixOptions = {}): KpiNumber & { firstTimeIds: string[] } {
  const excludeNoFault = options.excludeNoFaultMaintenance ?? true;
  const calledBack = new Set<string>();
  for (const j of jobs) if (j.callbackOf) calledBack.add(j.callbackOf);
  const resolved: string[] = [];
  const firstTime: string[] = [];
  for (const job of jobs) {
    if (job.status === 'cancelled' || !inRange(job.completedAt, filter.range) || !matchesJob(job, filter)) continue;
    if (excludeNoFault && job.type === 'maintenance' && job.outcome === 'no_fault_found') continue;
    resolved.push(job.id);
    if (job.onSiteVisits <= 1 && !calledBack.has(job.id)) firstTime.push(job.id);
  }
  return { ...kpiNumber(percent(firstTime.length, resolved.length), 'percent', resolved, FORMULAS.firstTimeFix), firstTimeIds: firstTime };
}

/**
 * Callback rate: callback jobs (explicitly linked through `callbackOf`) created in the range ÷
 * jobs completed in the range. A callback is filtered by the job it calls back when that job is
 * known (its own type is "callback"), else by itself. `ids` are the callbacks; `completedIds` the divisor.
 */
export function callbackRate(jobs: readonly JobFacts[], filter: KpiFilter): KpiNumber & { completedIds: string[] } {
  const inPeriod = jobs.filter((j) => j.callbackOf && inRange(j.createdAt, filter.range));
  const wanted = new Set(inPeriod.map((j) => j.callbackOf!));
  const originals = new Map<string, JobFacts>();
  const completed: string[] = [];
  for (const job of jobs) {
    if (wanted.has(job.id)) originals.set(job.id, job);
    if (job.status !== 'cancelled' && inRange(job.completedAt, filter.range) && matchesJob(job, filter)) completed.push(job.id);
  }
  const callbacks = inPeriod.filter((j) => matchesJob(originals.get(j.callbackOf!) ?? j, filter)).map((j) => j.id);
  return { ...kpiNumber(percent(callbacks.length, completed.length), 'percent', callbacks, FORMULAS.callbackRate), completedIds: completed };
}

/**
 * A possible callback the dispatcher may link (never counted by itself): a new repair or
 * emergency job on the same asset within 30 days of an earlier job's completion.
 */
export function suggestedCallbacks(jobs: readonly JobFacts[], days = 30): Array<{ jobId: string; earlierJobId: string }> {
  const out: Array<{ jobId: string; earlierJobId: string }> = [];
  const window = days * 86_400_000;
  const completedByAsset = new Map<string, JobFacts[]>();
  for (const job of jobs) if (job.completedAt) for (const asset of job.assetIds) completedByAsset.set(asset, [...(completedByAsset.get(asset) ?? []), job]);
  for (const job of jobs) {
    if (job.callbackOf || (job.type !== 'repair' && job.type !== 'emergency')) continue;
    const created = Date.parse(job.createdAt);
    const earlier = job.assetIds
      .flatMap((a) => completedByAsset.get(a) ?? [])
      .filter((e) => e.id !== job.id && Date.parse(e.completedAt!) <= created && created - Date.parse(e.completedAt!) <= window)
      .sort((a, b) => Date.parse(b.completedAt!) - Date.parse(a.completedAt!))[0];
    if (earlier) out.push({ jobId: job.id, earlierJobId: earlier.id });
  }
  return out;
}

/**
 * Average job duration: mean over jobs completed in the range of their summed on-site time
 * (minutes). A completed job with no on-site time recorded is left out (and counted in `missing`).
 */
export function averageJobDuration(jobs: readonly JobFacts[], onSite: readonly OnSiteInterval[], filter: KpiFilter): KpiNumber & { missing: string[] } {
  const minutes = new Map<string, number>();
  for (const i of onSite) minutes.set(i.jobId, (minutes.get(i.jobId) ?? 0) + Math.max(0, minutesBetween(i.start, i.end)));
  const ids: string[] = [];
  const values: number[] = [];
  const missing: string[] = [];
  for (const job of jobs) {
    if (job.status === 'cancelled' || !inRange(job.completedAt, filter.range) || !matchesJob(job, filter)) continue;
    const m = minutes.get(job.id);
    if (m === undefined) missing.push(job.id);
    else {
      ids.push(job.id);
      values.push(m);
    }
  }
  return { ...kpiNumber(mean(values), 'minutes', ids, FORMULAS.jobDuration), missing };
}

/** Mean time to resolve (minutes from creation to completion) over jobs completed in the range. */
export function timeToResolve(jobs: readonly JobFacts[], filter: KpiFilter): KpiNumber {
  const ids: string[] = [];
  const values: number[] = [];
  for (const job of jobs) {
    if (job.status === 'cancelled' || !inRange(job.completedAt, filter.range) || !matchesJob(job, filter)) continue;
    ids.push(job.id);
    values.push(Math.max(0, minutesBetween(job.createdAt, job.completedAt)));
  }
  return kpiNumber(mean(values), 'minutes', ids, FORMULAS.timeToResolve);
}

export interface ResponseTime {
  /** Mean minutes from creation to first on site, over jobs first on site in the range. */
  mean: KpiNumber;
  /** Of those with an SLA due: share on site by it. Jobs without an SLA never count here. */
  withinSla: KpiNumber & { metIds: string[] };
}

export function responseTime(jobs: readonly JobFacts[], filter: KpiFilter): ResponseTime {
  const ids: string[] = [];
  const values: number[] = [];
  const withSla: string[] = [];
  const met: string[] = [];
  for (const job of jobs) {
    if (!inRange(job.firstOnSiteAt, filter.range) || !matchesJob(job, filter)) continue;
    ids.push(job.id);
    values.push(Math.max(0, minutesBetween(job.createdAt, job.firstOnSiteAt)));
    if (job.slaDue) {
      withSla.push(job.id);
      if (Date.parse(job.firstOnSiteAt) <= Date.parse(job.slaDue)) met.push(job.id);
    }
  }
  return {
    mean: kpiNumber(mean(values), 'minutes', ids, FORMULAS.responseTime),
    withinSla: { ...kpiNumber(percent(met.length, withSla.length), 'percent', withSla, FORMULAS.withinSla), metIds: met }
  };
}
