/**
 * The dashboard's job KPIs in one pass over the projection's columns (row-columns.ts: instants
 * as epoch ms, codes instead of strings; a row object is read only for a job it counts),
 * periods found by binary search over the range's period starts instead of formatting every
 * instant in the zone. Results equal the one-KPI-at-a-time
 * functions of job-kpis.ts exactly (same ids in the same order, same float sums; tested on
 * seeded data in dashboard.test.ts): those stay the readable statement of each formula.
 */
import type { JobStatus } from '../jobs/status';
import { zonedInstant } from '../time/zoned';
import { FORMULAS } from './formulas';
import { OPEN_STATUSES } from './job-facts';
import type { CreatedCompletedBucket, ResponseTime } from './job-kpis';
import { RowColumns, slotMatcher } from './row-columns';
import { periodKeys, type Granularity } from './periods';
import { kpiNumber, MINUTE_MS, percent, type KpiFilter, type KpiNumber } from './types';

/** The local instant each period key starts at (a week key is its Monday, a month key its 1st). */
function periodStart(key: string, granularity: Granularity, timeZone: string): number {
  return zonedInstant(granularity === 'month' ? `${key}-01` : key, 0, timeZone);
}

/** Buckets of the range and a lookup from an instant in the range to its bucket (binary search). */
function bucketsFor(filter: KpiFilter, granularity: Granularity, timeZone: string): { buckets: CreatedCompletedBucket[]; at: (t: number) => CreatedCompletedBucket } {
  const buckets = periodKeys(filter.range, granularity, timeZone).map((key) => ({ key, created: [] as string[], completed: [] as string[] }));
  const starts = buckets.map((b) => periodStart(b.key, granularity, timeZone));
  const at = (t: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return buckets[lo]!;
  };
  return { buckets, at };
}

export interface JobKpis {
  open: Map<JobStatus, KpiNumber>;
  perDay: CreatedCompletedBucket[];
  firstTimeFix: KpiNumber & { firstTimeIds: string[] };
  callbackRate: KpiNumber & { completedIds: string[] };
  jobDuration: KpiNumber & { missing: string[] };
  timeToResolve: KpiNumber;
  response: ResponseTime;
}

const MAINTENANCE = RowColumns.typeCode('maintenance');
const CANCELLED = RowColumns.statusCode('cancelled');
const OPEN_CODES = new Map(OPEN_STATUSES.map((s) => [RowColumns.statusCode(s), s]));

/** Every job KPI of the dashboard for one filter (no-fault maintenance excluded from first-time fix, the default). */
export function jobKpisInOnePass(c: RowColumns, filter: KpiFilter, granularity: Granularity, timeZone: string): JobKpis {
  const from = Date.parse(filter.range.start);
  const to = Date.parse(filter.range.end);
  const inside = (t: number) => t >= from && t < to; // false for NaN (none)
  const open = new Map<JobStatus, string[]>(OPEN_STATUSES.map((s) => [s, []]));
  const { buckets, at } = bucketsFor(filter, granularity, timeZone);
  const { rows, ids, created: createdAt, firstOnSite, completed: completedAt, slaDue, onSiteMinutes, status, type, visits } = c;
  const matches = slotMatcher(c, filter);

  // Callbacks: every link (first-time fix looks at callbacks of any date) and those created in the range.
  const calledBack = new Set<string>();
  const callbacks: string[] = [];
  for (const i of c.callbacks) {
    const row = rows[i]!;
    calledBack.add(row.callbackOf!);
    if (!inside(createdAt[i]!)) continue;
    // Filtered by the job it calls back when that job is known, else by itself.
    const original = c.slotOf(row.callbackOf!);
    if (matches(original ?? i)) callbacks.push(row.id);
  }

  const resolved: string[] = [];
  const firstTime: string[] = [];
  const completed: string[] = [];
  const durationIds: string[] = [];
  const missing: string[] = [];
  let durationSum = 0;
  let resolveSum = 0;
  const responseIds: string[] = [];
  let responseSum = 0;
  const withSla: string[] = [];
  const met: string[] = [];

  for (let i = 0; i < c.length; i++) {
    const created = createdAt[i]!;
    const onSite = firstOnSite[i]!;
    const done = completedAt[i]!;
    const openStatus = OPEN_CODES.get(status[i]!);
    if (!openStatus && !inside(created) && !inside(onSite) && !inside(done)) continue;
    if (!matches(i)) continue;
    const id = ids[i]!;
    if (openStatus) open.get(openStatus)!.push(id);
    if (inside(created)) at(created).created.push(id);
    if (inside(onSite)) {
      responseIds.push(id);
      responseSum += Math.max(0, (onSite - created) / MINUTE_MS);
      const due = slaDue[i]!;
      if (!Number.isNaN(due)) {
        withSla.push(id);
        if (onSite <= due) met.push(id);
      }
    }
    if (!inside(done)) continue;
    at(done).completed.push(id);
    if (status[i] === CANCELLED) continue;
    completed.push(id);
    resolveSum += Math.max(0, (done - created) / MINUTE_MS);
    const minutes = onSiteMinutes[i]!;
    if (Number.isNaN(minutes)) missing.push(id);
    else {
      durationIds.push(id);
      durationSum += minutes;
    }
    if (type[i] === MAINTENANCE && rows[i]!.outcome === 'no_fault_found') continue;
    resolved.push(id);
    if (visits[i]! <= 1 && !calledBack.has(id)) firstTime.push(id);
  }

  const avg = (sum: number, n: number) => (n === 0 ? null : sum / n);
  return {
    open: new Map([...open].map(([s, list]) => [s, kpiNumber(list.length, 'count', list, FORMULAS.openByStatus)])),
    perDay: buckets,
    firstTimeFix: { ...kpiNumber(percent(firstTime.length, resolved.length), 'percent', resolved, FORMULAS.firstTimeFix), firstTimeIds: firstTime },
    callbackRate: { ...kpiNumber(percent(callbacks.length, completed.length), 'percent', callbacks, FORMULAS.callbackRate), completedIds: completed },
    jobDuration: { ...kpiNumber(avg(durationSum, durationIds.length), 'minutes', durationIds, FORMULAS.jobDuration), missing },
    timeToResolve: kpiNumber(avg(resolveSum, completed.length), 'minutes', completed, FORMULAS.timeToResolve),
    response: {
      mean: kpiNumber(avg(responseSum, responseIds.length), 'minutes', responseIds, FORMULAS.responseTime),
      withinSla: { ...kpiNumber(percent(met.length, withSla.length), 'percent', withSla, FORMULAS.withinSla), metIds: met }
    }
  };
}
