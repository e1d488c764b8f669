/**
 * Visits: the times a job is worked on (first visit, return with parts, multi-day install).
 *
 * Where a visit lives (sync README "visits"):
 * - A job's **first visit** is the job's own booking: its `window` and its assignment set, plus
 *   `visitNotes`/`visitLocked`. Its id is `v1:<jobId>`, its status follows the job's on-site
 *   lifecycle. Boards saved before visits existed therefore open with every scheduled job as
 *   one visit without any data being moved, every replica derives the same visit, and an old
 *   client's edits to the job's window or technicians are edits of that visit.
 *   (Writing it as a new entity with a derived id would not do: two devices migrating offline
 *   would both create the same key, and the relay refuses the second as `replace-entity`.)
 * - **Further visits** are entities of the `visits` collection (random ids), with their own
 *   window (one value), technicians (flag set) and status.
 */
import { z } from 'zod';
import { multiLineText } from '../text/text-fields';
import type { JobStatus } from '../jobs/status';
import { scheduleWindowSchema, type ScheduleWindow } from './window';

export const VISIT_STATUSES = ['scheduled', 'dispatched', 'en_route', 'on_site', 'done', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  scheduled: 'Scheduled',
  dispatched: 'Dispatched',
  en_route: 'En route',
  on_site: 'On site',
  done: 'Done',
  cancelled: 'Cancelled'
};

/** Allowed next statuses: forward through the on-site part, one step back, cancel until on site. */
const NEXT: Record<VisitStatus, readonly VisitStatus[]> = {
  scheduled: ['dispatched', 'cancelled'],
  dispatched: ['en_route', 'on_site', 'scheduled', 'cancelled'],
  en_route: ['on_site', 'dispatched', 'cancelled'],
  on_site: ['done'],
  done: ['on_site'],
  cancelled: ['scheduled']
};

/** Whether a visit may move between two statuses, with a sentence for the user if not. */
export function checkVisitTransition(from: VisitStatus, to: VisitStatus): { ok: true } | { ok: false; reason: string } {
  if (NEXT[from].includes(to)) return { ok: true };
  return { ok: false, reason: `A visit can't go from ${VISIT_STATUS_LABELS[from]} to ${VISIT_STATUS_LABELS[to]}.` };
}

/** Visits that still hold their slot (count in conflicts and capacity). */
export function isOpenVisit(status: VisitStatus): boolean {
  return status !== 'done' && status !== 'cancelled';
}

const isoInstant = z.iso.datetime({ offset: true });

/** A `visits` entity as stored (further visits; see the file comment). */
export const visitRecordSchema = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  /** Flag set `technicians:<techId>` folded by the collection. */
  technicians: z.record(z.string(), z.boolean()).catch({}).default({}),
  /** One value: a merge picks one whole window. */
  window: scheduleWindowSchema,
  /** Plain value (last writer wins); writers check `checkVisitTransition`. */
  status: z.enum(VISIT_STATUSES).catch('scheduled').default('scheduled'),
  notes: z.string().max(2000).catch('').default(''),
  /** Route optimisation keeps a locked visit where it is. */
  locked: z.boolean().catch(false).default(false),
  createdAt: isoInstant,
  createdBy: z.string(),
  updatedAt: isoInstant
});
export type VisitRecord = z.infer<typeof visitRecordSchema>;

/** A visit as views see it, wherever it is stored. */
export interface Visit {
  id: string;
  jobId: string;
  technicianIds: string[];
  window: ScheduleWindow;
  status: VisitStatus;
  notes: string;
  locked: boolean;
  /** `job` = the job's own booking (first visit), `visit` = a `visits` entity. */
  source: 'job' | 'visit';
}

/** The id of a job's first visit (derived, the same on every replica). */
export function firstVisitId(jobId: string): string {
  return `v1:${jobId}`;
}

/** The job id of a first-visit id, or null for an entity id. */
export function jobOfFirstVisit(visitId: string): string | null {
  return visitId.startsWith('v1:') ? visitId.slice(3) : null;
}

/** The first visit's status, read from the job's status (one truth for the on-site lifecycle). */
export function visitStatusOfJob(status: JobStatus): VisitStatus {
  switch (status) {
    case 'dispatched':
    case 'en_route':
    case 'on_site':
      return status;
    case 'completed':
    case 'invoiced':
    case 'paid':
    case 'closed':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'scheduled';
  }
}

/** The job status that puts a first visit in `status` (cancel is unbooking, not a job status). */
export function jobStatusForVisit(status: Exclude<VisitStatus, 'cancelled'>): JobStatus {
  return status === 'done' ? 'completed' : status;
}

/** The job's first visit, when the job is booked (has a window). */
export function firstVisitOf(job: { id: string; status: JobStatus; window: ScheduleWindow | null; assignedTechIds: readonly string[]; visitNotes?: string | undefined; visitLocked?: boolean | undefined }): Visit | null {
  if (!job.window) return null;
  return { id: firstVisitId(job.id), jobId: job.id, technicianIds: [...job.assignedTechIds], window: job.window, status: visitStatusOfJob(job.status), notes: job.visitNotes ?? '', locked: job.visitLocked ?? false, source: 'job' };
}

/** A stored visit as views see it (members of the set, sorted so every device lists them alike). */
export function toVisit(record: VisitRecord): Visit {
  const technicianIds = Object.keys(record.technicians).filter((id) => record.technicians[id] === true).sort();
  return { id: record.id, jobId: record.jobId, technicianIds, window: record.window, status: record.status, notes: record.notes, locked: record.locked, source: 'visit' };
}

/** Orders visits by start, then id (the same on every device). */
export function compareVisits(a: Visit, b: Visit): number {
  return a.window.start < b.window.start ? -1 : a.window.start > b.window.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The visit a job card shows: the earliest open one not yet over at `now`, else null. */
export function nextVisit(visits: readonly Visit[], now: Date): Visit | null {
  const nowMs = now.getTime();
  return [...visits].filter((v) => isOpenVisit(v.status) && Date.parse(v.window.end) > nowMs).sort(compareVisits)[0] ?? null;
}

/** Input of "book a visit" (the schedule's drop and its keyboard dialog). */
export const visitInputSchema = z
  .object({
    jobId: z.string().min(1, 'Choose a job'),
    technicianIds: z.array(z.string().min(1)).min(1, 'Choose at least one technician').max(20),
    start: isoInstant,
    end: isoInstant,
    notes: multiLineText('Notes', { max: 2000 }).default('')
  })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), { message: 'The visit must end after it starts.', path: ['end'] });
export type VisitInput = z.infer<typeof visitInputSchema>;
