/**
 * Pure board layout: jobs → filtered, rank-ordered columns (and technician swimlanes), and the
 * mapping from a drop position among the *visible* cards to the index `moveJob` expects among
 * *all* cards of that status (filters hide cards, but ranks are shared by everyone).
 */
import { compareRanked, compareTriage } from '../domain/board/ordering';
import { matchesFilter, searchText, type BoardFilter } from '../domain/board/filters';
import type { Job, JobStatus } from '../domain/jobs/job';
import type { Booking } from '../domain/scheduling/conflicts';

/** Columns shown by default: the work that is still moving. */
export const OPEN_STATUSES: readonly JobStatus[] = ['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold', 'completed'];
/** Added when "finished" columns are switched on. */
export const FINISHED_STATUSES: readonly JobStatus[] = ['invoiced', 'paid', 'closed', 'cancelled'];
/** Statuses where a job still needs someone (wall screen, conflicts). */
export const ACTIVE_STATUSES: ReadonlySet<JobStatus> = new Set(['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'on_hold']);

export const UNASSIGNED_LANE = 'unassigned';

/** The slots jobs hold, for double-booking detection: every job, active or not, with its duration. */
export function jobBookings(jobs: readonly Job[]): Booking[] {
  return jobs.map((j) => ({
    jobId: j.id,
    number: j.number,
    technicianIds: j.assignedTechIds,
    start: j.scheduledStart,
    end: j.scheduledEnd,
    active: ACTIVE_STATUSES.has(j.status),
    minutes: j.estimatedMinutes
  }));
}

/**
 * Columns ordered by urgency instead of by hand (docs/board-views.md): in New, priority, SLA
 * deadline and age decide; a drag inside New changes nothing (raise the priority instead).
 * Every other column keeps the manual (fractional rank) order dispatchers drag into.
 */
export const TRIAGED_STATUSES: ReadonlySet<JobStatus> = new Set(['new']);

/** How the cards of one column are ordered. */
export function columnOrder(status: JobStatus): (a: Job, b: Job) => number {
  return TRIAGED_STATUSES.has(status) ? compareTriage : compareRanked;
}

/** Jobs of one status in the order that column shows them. */
export function sortColumn(status: JobStatus, jobs: Job[]): Job[] {
  return jobs.sort(columnOrder(status));
}

// Search text per job object: unchanged jobs keep their object, so this is computed once.
const textCache = new WeakMap<Job, string>();
function cachedText(job: Job): string {
  let text = textCache.get(job);
  if (text === undefined) {
    text = searchText(job);
    textCache.set(job, text);
  }
  return text;
}

export function isFilterActive(filter: BoardFilter): boolean {
  return Boolean(filter.officeId || filter.technicianId || filter.type || filter.priority || filter.overdueOnly || filter.search?.trim());
}

/** Every status in `statuses` with its matching jobs in column order (empty columns included). */
export function buildColumns(jobs: readonly Job[], filter: BoardFilter, now: number, statuses: readonly JobStatus[]): Map<JobStatus, Job[]> {
  const columns = new Map<JobStatus, Job[]>(statuses.map((s) => [s, []]));
  const active = isFilterActive(filter);
  for (const job of jobs) {
    const column = columns.get(job.status);
    if (!column) continue;
    if (active && !matchesFilter(job, filter, now, cachedText(job))) continue;
    column.push(job);
  }
  for (const [status, column] of columns) sortColumn(status, column);
  return columns;
}

export interface Lane {
  /** A technician id, or `UNASSIGNED_LANE`. */
  id: string;
  cells: Map<JobStatus, Job[]>;
  count: number;
}

/**
 * Splits columns into one lane per technician (a job with two technicians shows in both) plus
 * an "unassigned" lane first. Lanes keep the columns' order.
 */
export function buildLanes(columns: ReadonlyMap<JobStatus, readonly Job[]>, technicianIds: readonly string[]): Lane[] {
  const statuses = [...columns.keys()];
  const lanes = new Map<string, Lane>();
  for (const id of [UNASSIGNED_LANE, ...technicianIds]) lanes.set(id, { id, cells: new Map(statuses.map((s) => [s, []])), count: 0 });
  for (const [status, jobs] of columns) {
    for (const job of jobs) {
      const ids = job.assignedTechIds.length ? job.assignedTechIds : [UNASSIGNED_LANE];
      for (const id of ids) {
        const lane = lanes.get(id);
        if (!lane) continue; // a technician missing from the directory (or filtered out)
        lane.cells.get(status)!.push(job);
        lane.count++;
      }
    }
  }
  return [...lanes.values()];
}

/**
 * Where a drop lands in `moveJob` terms. `visible` is the target cell as shown (it may contain
 * the moving card), `position` the gap the user chose among those cards (0 … visible.length).
 * `fullColumn` is every job of the target status in rank order. Returns the index among the
 * full column without the moving card, or null when the card would not move at all.
 */
export function dropIndex(visible: readonly Job[], position: number, fullColumn: readonly Job[], movingId: string): number | null {
  const own = visible.findIndex((j) => j.id === movingId);
  if (own >= 0 && (position === own || position === own + 1)) return null;
  const others = visible.filter((j) => j.id !== movingId);
  const gap = own >= 0 && position > own ? position - 1 : position;
  const full = fullColumn.filter((j) => j.id !== movingId);
  const after = others[gap];
  if (after) {
    const at = full.findIndex((j) => j.id === after.id);
    if (at >= 0) return at;
  }
  const before = others[gap - 1];
  if (before) {
    const at = full.findIndex((j) => j.id === before.id);
    if (at >= 0) return at + 1;
  }
  return full.length;
}

/** New technician list when a card moves from one swimlane to another. */
export function reassignForLane(current: readonly string[], fromLane: string, toLane: string): string[] | null {
  if (fromLane === toLane) return null;
  if (toLane === UNASSIGNED_LANE) return current.filter((id) => id !== fromLane);
  const kept = current.filter((id) => id !== fromLane && id !== toLane);
  return [...kept, toLane];
}
