/**
 * Which parts of a job a user may still change, and why not. Paid, closed and cancelled jobs
 * are settled records: their details and dispatch are read-only, and only the moves the
 * lifecycle still allows (close a paid job, reopen a cancelled one) are offered.
 */
import { allowedNextStatuses, STATUS_LABELS, type JobStatus } from './status';

/** Statuses whose details are frozen (the work is settled or called off). */
export const SETTLED_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['paid', 'closed', 'cancelled']);

export interface JobEditability {
  /** Details, priority, technicians and the visit window may be changed. */
  canEdit: boolean;
  /** Status moves still allowed to this user (empty when none). */
  moves: readonly JobStatus[];
  /** Why the details are read-only, for a note beside them; null when editable. */
  reason: string | null;
}

/** What a user who may (or may not) write the board can still do to a job in `status`. */
export function jobEditability(status: JobStatus, canWriteBoard: boolean): JobEditability {
  if (!canWriteBoard) {
    return { canEdit: false, moves: [], reason: 'Read only: your role can view jobs but not change them.' };
  }
  const moves = allowedNextStatuses(status);
  if (!SETTLED_STATUSES.has(status)) return { canEdit: true, moves, reason: null };
  const label = STATUS_LABELS[status].toLowerCase();
  const next = moves.length ? ` You can still move it to ${moves.map((s) => STATUS_LABELS[s]).join(' or ')}.` : ' Closed jobs are final.';
  return { canEdit: false, moves, reason: `This job is ${label}, so its details are read-only.${next}` };
}
