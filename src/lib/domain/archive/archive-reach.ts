/**
 * Reaching archived months from reports and search (issue 13): which `archive-YYYY-MM` rooms a
 * report range or a board search has to open, decided from the live board's markers alone, so
 * a device opens only months that can change its answer.
 */
import type { Job } from '../jobs/job';
import { matchesSearch, searchTerms } from '../board/filters';
import { periodKey } from '../kpi/periods';
import type { InstantRange } from '../kpi/types';
import type { ArchiveMove } from './archive-move';

/** An archive month a report needs, with the jobs it holds that have no report row yet. */
export interface MonthNeed {
  month: string;
  missingJobIds: string[];
}

/**
 * The archive months a report over `range` must open, newest first: months from the one the
 * range starts in onwards whose markers name a job without a row on this device. Later months
 * count too: a job's month is that of its closing event, which comes after everything else the
 * job did, so a job active in the range can only be in the range's first month or a later one.
 * Rows already present are never derived again.
 */
export function monthsForReport(moves: readonly ArchiveMove[], range: InstantRange, timeZone: string, hasRow: (jobId: string) => boolean): MonthNeed[] {
  const first = periodKey(range.start, 'month', timeZone);
  const missing = new Map<string, Set<string>>();
  for (const move of moves) {
    if (move.month < first) continue;
    for (const jobId of move.jobIds) {
      if (hasRow(jobId)) continue;
      const ids = missing.get(move.month) ?? new Set<string>();
      ids.add(jobId);
      missing.set(move.month, ids);
    }
  }
  return [...missing]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([month, ids]) => ({ month, missingJobIds: [...ids].sort() }));
}

/** A job's number shape (`J-AB23-0042`, or its start with fewer digits): matches nothing but a number. */
const NUMBER_TERM = /^[a-z]+-[2-9a-z]{4}-\d+$/;

/** The archive months a search opens (newest first) and those its markers rule out. */
export interface SearchPlan {
  open: string[];
  skipped: string[];
}

/**
 * Plans a search of archived work. A month can be ruled out only when the query has a term
 * shaped like a job number and every marker of the month lists its jobs' `numbers` with none
 * containing that term; markers written before `numbers` existed leave their month to open.
 */
export function monthsForSearch(moves: readonly ArchiveMove[], query: string): SearchPlan {
  const numberTerms = searchTerms(query).filter((term) => NUMBER_TERM.test(term));
  const numbers = new Map<string, string[] | null>();
  for (const move of moves) {
    const held = numbers.get(move.month);
    if (held === null) continue;
    numbers.set(move.month, move.numbers ? [...(held ?? []), ...move.numbers.map((n) => n.toLowerCase())] : null);
  }
  const plan: SearchPlan = { open: [], skipped: [] };
  for (const month of [...numbers.keys()].sort().reverse()) {
    const held = numbers.get(month);
    const ruledOut = held != null && numberTerms.some((term) => !held.some((n) => n.includes(term)));
    (ruledOut ? plan.skipped : plan.open).push(month);
  }
  return plan;
}

/** One archived job found by a search. */
export interface ArchivedMatch {
  id: string;
  number: string;
  customerName: string;
  siteAddress: string;
  /** The archive month holding it (`YYYY-MM`, the month it closed in). */
  month: string;
}

/** The jobs of one archive month matching the query the way the board search does, newest first. */
export function archivedMatches(jobs: readonly Job[], query: string, month: string): ArchivedMatch[] {
  return jobs
    .filter((job) => matchesSearch(job, query))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map((job) => ({ id: job.id, number: job.number, customerName: job.customerName, siteAddress: job.siteAddress, month }));
}
