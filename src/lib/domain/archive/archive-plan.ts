/**
 * Which closed work leaves the live board for a monthly archive doc (issue 13, sync README
 * "Archive moves"). Pure: the same jobs and events give the same plan on every device, so two
 * admins archiving at once move the same jobs into the same months.
 */
import type { JobEvent } from '../jobs/job-events';
import type { JobStatus } from '../jobs/status';
import { orgTimeZone } from '../time/org-time-zone';
import { zonedParts } from '../time/zoned';

/** Statuses that end a job's life: only jobs resting in one of these are ever archived. */
export const ARCHIVABLE_STATUSES: ReadonlySet<JobStatus> = new Set(['paid', 'closed', 'cancelled']);

/** Default age of closed work before it moves (the org setting `meta.archiveAfterDays` overrides). */
export const DEFAULT_ARCHIVE_AFTER_DAYS = 60;
/** Bounds of the setting: a week at least (a job reopened by mistake can still be found), ten years at most. */
export const MIN_ARCHIVE_AFTER_DAYS = 7;
export const MAX_ARCHIVE_AFTER_DAYS = 3650;

const DAY_MS = 86_400_000;

/** The setting as stored (any value from a peer) → a usable number of days. */
export function archiveAfterDays(stored: unknown): number {
  if (typeof stored !== 'number' || !Number.isInteger(stored)) return DEFAULT_ARCHIVE_AFTER_DAYS;
  return Math.min(MAX_ARCHIVE_AFTER_DAYS, Math.max(MIN_ARCHIVE_AFTER_DAYS, stored));
}

/**
 * When a job was closed: the `at` of its latest event when that event leaves it in an
 * archivable status, else null (open, or no history). Events are immutable, so every device
 * reads the same instant. `ordered` must be in causal order (eventsByJob).
 */
export function closedAt(ordered: readonly JobEvent[] | undefined): string | null {
  const last = ordered?.[ordered.length - 1];
  return last && ARCHIVABLE_STATUSES.has(last.to) ? last.at : null;
}

/**
 * The zone archive months are counted in: the organisation's (its offices', the rule of
 * `orgTimeZone`), else `UTC`. Never a device's own zone: two devices in different zones must
 * put one job into one month, and the relay checks the month in this same zone.
 */
export const ARCHIVE_FALLBACK_ZONE = 'UTC';

export function archiveTimeZone(offices: readonly { code: string; timeZone: string }[]): string {
  return orgTimeZone(offices, ARCHIVE_FALLBACK_ZONE);
}

/** `YYYY-MM` of an instant in the organisation's zone: the archive month of a job closed then. */
export function archiveMonthOf(instant: string, timeZone: string): string {
  return zonedParts(Date.parse(instant), timeZone).date.slice(0, 7);
}

/** The doc name of an archive month (`archive-2026-03`, DESIGN §2). */
export function archiveDocOf(month: string): `archive-${number}-${number}` {
  return `archive-${month}` as `archive-${number}-${number}`;
}

export interface ArchiveCandidate {
  jobId: string;
  closedAt: string;
  month: string;
}

/**
 * The jobs to move now: closed (paid, closed, cancelled) at least `afterDays` days before
 * `now`, each with its archive month. Grouped by month, months and jobs in order.
 */
export function planArchive(historyByJob: ReadonlyMap<string, readonly JobEvent[]>, jobIds: Iterable<string>, now: Date, afterDays: number, timeZone: string): Map<string, ArchiveCandidate[]> {
  const cutoff = now.getTime() - afterDays * DAY_MS;
  const found: ArchiveCandidate[] = [];
  for (const jobId of jobIds) {
    const at = closedAt(historyByJob.get(jobId));
    if (at === null || Date.parse(at) > cutoff) continue;
    found.push({ jobId, closedAt: at, month: archiveMonthOf(at, timeZone) });
  }
  found.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
  const byMonth = new Map<string, ArchiveCandidate[]>();
  for (const candidate of found) {
    const list = byMonth.get(candidate.month);
    if (list) list.push(candidate);
    else byMonth.set(candidate.month, [candidate]);
  }
  return byMonth;
}
