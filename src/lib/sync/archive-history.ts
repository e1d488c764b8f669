/**
 * History that left the live board: the archived jobs of a customer, site or asset, read from
 * the archive months the board's markers name for it (only those months are opened).
 */
import type { Job } from '../domain/jobs/job';
import type { BoardDoc } from './board-doc';

export type HistoryOwner = { kind: 'customerIds' | 'siteIds' | 'assetIds'; id: string };

/** Whether an archived job belongs to the owner (the same fields the markers index). */
export function jobBelongsTo(job: Pick<Job, 'customerId' | 'siteId' | 'assetIds'>, owner: HistoryOwner): boolean {
  if (owner.kind === 'customerIds') return job.customerId === owner.id;
  if (owner.kind === 'siteIds') return job.siteId === owner.id;
  return (job.assetIds ?? []).includes(owner.id);
}

/** The months to open for an owner's history, newest first. */
export function archiveMonthsOf(board: BoardDoc, owner: HistoryOwner): string[] {
  return board.archiveMoves.monthsOf(owner.kind, owner.id);
}

/** The owner's jobs in the given loaded archive months, newest first. */
export function archivedJobsIn(archives: Iterable<BoardDoc>, owner: HistoryOwner): Job[] {
  const jobs: Job[] = [];
  for (const archive of archives) for (const job of archive.listJobs()) if (jobBelongsTo(job, owner)) jobs.push(job);
  return jobs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
