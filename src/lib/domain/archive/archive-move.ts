/**
 * The `archiveMoves` marker (sync README "Archive moves"): one immutable, authored record per
 * archiving run and month, written in the same transaction as the removal of the jobs it
 * names from the live board. It is the explicit exception to "only add": the relay accepts
 * the removal of a job's records only when a marker names the job, the writer may archive,
 * and the named archive month (the job's, as the relay counts it) already holds each record
 * durably with equal fields (room-rules.ts,
 * server/relay/update-guard.ts). Markers stay in the live board as its small index of what
 * left: job → month (open `/jobs/<id>` from its archive), customers/sites/assets → months
 * (history pages load only those), and the highest job number of each series (never reused).
 */
import { z } from 'zod';
import { SERIES_NUMBER } from '../numbering/series';

/** Roles that may archive (and so write markers and remove archived records). */
export const ARCHIVING_ROLES: readonly string[] = ['admin', 'dispatcher'];

/**
 * The board collections that move with a job, and the field naming the job (`jobs`: the
 * key itself). Everything else stays: the stock ledger (`stockMoves`, on-hand is the sum of
 * every entry), the directory, agreements, availability.
 */
export const ARCHIVED_COLLECTIONS: Readonly<Record<string, 'key' | 'jobId'>> = {
  jobs: 'key',
  visits: 'jobId',
  jobEvents: 'jobId',
  jobActivity: 'jobId',
  timeEntries: 'jobId',
  partUses: 'jobId',
  fieldNotes: 'jobId',
  statusTaps: 'jobId',
  checklistChecks: 'jobId',
  attachments: 'jobId'
};

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const ids = z.array(z.string().min(1)).max(100_000);

export const archiveMoveSchema = z.object({
  id: z.string().min(1),
  /** The archive month (`YYYY-MM`, org zone) the jobs were copied into: doc `archive-<month>`. */
  month,
  jobIds: ids,
  /** Customers, sites and assets of those jobs: the history pages' month index. */
  customerIds: ids.catch([]).default([]),
  siteIds: ids.catch([]).default([]),
  assetIds: ids.catch([]).default([]),
  /** The highest job number of each series among the moved jobs (numbering high-water mark). */
  lastNumbers: z.array(z.string()).catch([]).default([]),
  /**
   * Every moved job's number (added after the first release): a search by number opens only
   * the month holding it. Absent on older markers (undefined: the month may hold anything).
   */
  numbers: z.array(z.string()).max(100_000).optional().catch(undefined),
  at: z.iso.datetime({ offset: true }),
  by: z.string().min(1),
  byName: z.string().optional()
});
export type ArchiveMove = z.infer<typeof archiveMoveSchema>;

/** The highest number of each series among `numbers` (non-series values ignored), sorted. */
export function seriesHighWater(numbers: Iterable<string>): string[] {
  const best = new Map<string, { n: number; value: string }>();
  for (const value of numbers) {
    const m = SERIES_NUMBER.exec(value);
    if (!m) continue;
    const series = `${m[1]}-${m[2]}`;
    const n = Number(m[3]);
    const held = best.get(series);
    if (!held || n > held.n) best.set(series, { n, value });
  }
  return [...best.values()].map((b) => b.value).sort();
}

/** Job id → archive month, from every marker (the first marker naming a job wins; all name the same month). */
export function archiveIndex(moves: readonly ArchiveMove[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const move of moves) for (const jobId of move.jobIds) if (!index.has(jobId)) index.set(jobId, move.month);
  return index;
}

/** The months holding archived jobs of a customer, site or asset, newest first. */
export function monthsNaming(moves: readonly ArchiveMove[], kind: 'customerIds' | 'siteIds' | 'assetIds', id: string): string[] {
  const months = new Set<string>();
  for (const move of moves) if (move[kind].includes(id)) months.add(move.month);
  return [...months].sort().reverse();
}
