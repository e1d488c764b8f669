/**
 * The live dashboard's numbers from the reporting projection's rows: the KPIs whose inputs
 * the board holds today (job events, visits, links). Invoices, payments, time entries and
 * costs feed the other KPI functions once those areas land; they are not guessed here.
 */
import { jobKpisInOnePass, type JobKpis } from './dashboard-pass';
import type { JobSummary } from './job-summary';
import { RowColumns } from './row-columns';
import type { Granularity } from './periods';
import type { KpiFilter } from './types';

export interface Dashboard extends JobKpis {
  /** The bucket size of `perDay` (named for its usual case). */
  granularity: Granularity;
}

/** The bucket size that keeps a created/completed chart readable: days up to ~6 weeks, then weeks up to ~6 months, then months. */
export function granularityFor(range: KpiFilter['range']): Granularity {
  const days = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
  return days <= 45 ? 'day' : days <= 183 ? 'week' : 'month';
}

/**
 * Every dashboard number for one filter; created vs completed per `granularity` (default:
 * `granularityFor`), periods in `timeZone`. The live dashboard passes the projection's columns
 * (kept in step with its rows); an array of rows is put in columns first.
 */
export function computeDashboard(rows: readonly JobSummary[] | RowColumns, filter: KpiFilter, timeZone: string, granularity: Granularity = granularityFor(filter.range)): Dashboard {
  const columns = rows instanceof RowColumns ? rows : RowColumns.of(rows);
  return { granularity, ...jobKpisInOnePass(columns, filter, granularity, timeZone) };
}
