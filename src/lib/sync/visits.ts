/**
 * A board's visits (domain/scheduling/visit.ts): the job's own booking as its first visit,
 * further visits in the `visits` collection. Every command is one transaction and records
 * a `visit` activity entry on the job (first-visit commands reuse the job's own commands,
 * which record theirs). Composed into BoardDoc as `board.visits`.
 */
import { uuidv4 } from 'lib0/random';
import {
  checkVisitTransition,
  compareVisits,
  firstVisitId,
  firstVisitOf,
  jobOfFirstVisit,
  jobStatusForVisit,
  toVisit,
  visitInputSchema,
  visitRecordSchema,
  type Visit,
  type VisitRecord,
  type VisitStatus
} from '../domain/scheduling/visit';
import { scheduleWindowSchema, type ScheduleWindow } from '../domain/scheduling/window';
import { fieldErrors, type FieldErrors, type Job } from '../domain/jobs/job';
import { checkTransition } from '../domain/jobs/status';
import { findVisitConflicts, type ScheduleContext, type VisitConflict } from '../domain/scheduling/visit-conflicts';
import { orgTimeZone } from '../domain/time/org-time-zone';
import { Collection } from './collection';
import { LOCAL_EDIT, type Actor, type BoardDoc, type TransitionResult } from './board-doc';

export type BookVisitResult = { ok: true; visit: Visit } | { ok: false; error: string; errors?: FieldErrors };

/** Where a visit goes: a new window, and optionally a new crew. */
export interface VisitMove {
  start: string;
  end: string;
  technicianIds?: readonly string[];
}

const CLOSED_JOB_STATUSES = new Set(['completed', 'invoiced', 'paid', 'closed', 'cancelled']);

export class Visits {
  readonly collection: Collection<VisitRecord>;
  readonly #board: BoardDoc;

  constructor(board: BoardDoc) {
    this.#board = board;
    this.collection = new Collection(board.doc.getMap('visits'), visitRecordSchema, { setFields: ['technicians'] });
  }

  /**
   * Every readable visit (first visits of booked jobs and stored ones), by start. `jobs`: the
   * board's jobs when the caller already holds them (the live board's index), else read here.
   */
  list(jobs: readonly Job[] = this.#board.listJobs()): Visit[] {
    const first = jobs.map(firstVisitOf).filter((v): v is Visit => v !== null);
    return [...first, ...this.collection.list().map(toVisit)].sort(compareVisits);
  }

  /** The job's visits, by start. */
  forJob(jobId: string): Visit[] {
    const job = this.#board.getJob(jobId);
    const first = job ? firstVisitOf(job) : null;
    const stored = this.collection.list().filter((r) => r.jobId === jobId).map(toVisit);
    return [...(first ? [first] : []), ...stored].sort(compareVisits);
  }

  get(visitId: string): Visit | undefined {
    const jobId = jobOfFirstVisit(visitId);
    if (jobId) {
      const job = this.#board.getJob(jobId);
      return (job && firstVisitOf(job)) ?? undefined;
    }
    const record = this.collection.get(visitId);
    return record ? toVisit(record) : undefined;
  }

  /**
   * Books a visit: on a job not booked yet (no window, or nobody on it) this is its first visit
   * (the job's window and technicians, so old clients and the board see it); on a booked job,
   * a further visit.
   */
  book(input: unknown, actor: Actor, now = new Date()): BookVisitResult {
    const parsed = visitInputSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return { ok: false, error: Object.values(errors)[0] ?? 'Check the visit.', errors };
    }
    const { jobId, technicianIds, start, end, notes } = parsed.data;
    const job = this.#board.getJob(jobId);
    if (!job) return { ok: false, error: 'That job no longer exists on this board.' };
    if (CLOSED_JOB_STATUSES.has(job.status)) return { ok: false, error: 'That job is finished or cancelled: reopen it before booking a visit.' };
    const unknown = this.#unknownTechnicians(technicianIds);
    if (unknown) return { ok: false, error: unknown };
    // A job with a window but nobody on it is not booked yet either: this completes its first visit.
    if (!job.window || !job.assignedTechIds.length) {
      let result: TransitionResult = { ok: true };
      this.#board.doc.transact(() => {
        result = this.#board.assignTechnicians(jobId, technicianIds, actor, now);
        if (result.ok) result = this.#board.scheduleJob(jobId, start, end, actor, now);
        if (result.ok && notes !== (job.visitNotes ?? '')) result = this.#board.updateJob(jobId, { visitNotes: notes }, actor, 'edited', now);
      }, LOCAL_EDIT);
      // Assigned inside the callback: TypeScript cannot see that, hence the widening.
      const outcome = result as TransitionResult;
      const visit = this.get(firstVisitId(jobId));
      if (!outcome.ok) return { ok: false, error: outcome.error };
      return visit ? { ok: true, visit } : { ok: false, error: 'The visit could not be booked.' };
    }
    const at = now.toISOString();
    const record: VisitRecord = visitRecordSchema.parse({
      id: uuidv4(),
      jobId,
      technicians: Object.fromEntries(technicianIds.map((id) => [id, true])),
      window: { start, end },
      status: 'scheduled',
      notes,
      locked: false,
      createdAt: at,
      createdBy: actor.id,
      updatedAt: at
    });
    this.#board.doc.transact(() => {
      this.collection.insert(record);
      this.#board.recordActivity(jobId, 'visit', { booked: { from: null, to: { visitId: record.id, ...record.window, technicianIds: [...technicianIds].sort() } } }, actor, now);
    }, LOCAL_EDIT);
    return { ok: true, visit: toVisit(record) };
  }

  /** Moves a visit to a new window (and crew, when given): a drag, a resize or the dialog. */
  move(visitId: string, to: VisitMove, actor: Actor, now = new Date()): TransitionResult {
    const window = scheduleWindowSchema.safeParse({ start: to.start, end: to.end });
    if (!window.success) return { ok: false, error: window.error.issues[0]?.message ?? 'Invalid window.' };
    if (to.technicianIds) {
      if (!to.technicianIds.length) return { ok: false, error: 'A visit needs at least one technician.' };
      const unknown = this.#unknownTechnicians(to.technicianIds);
      if (unknown) return { ok: false, error: unknown };
    }
    const visit = this.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    if (visit.source === 'job') {
      let result: TransitionResult = { ok: true };
      this.#board.doc.transact(() => {
        if (to.technicianIds) result = this.#board.assignTechnicians(visit.jobId, to.technicianIds, actor, now);
        if (result.ok) result = this.#board.scheduleJob(visit.jobId, window.data.start, window.data.end, actor, now);
      }, LOCAL_EDIT);
      return result;
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (!sameWindow(visit.window, window.data)) changes.window = { from: visit.window, to: window.data };
    const crew = to.technicianIds ? [...new Set(to.technicianIds)].sort() : visit.technicianIds;
    const members: Record<string, boolean> = {};
    for (const id of crew) if (!visit.technicianIds.includes(id)) members[id] = true;
    for (const id of visit.technicianIds) if (!crew.includes(id)) members[id] = false;
    if (Object.keys(members).length) changes.technicianIds = { from: visit.technicianIds, to: crew };
    if (!Object.keys(changes).length) return { ok: true };
    this.#board.doc.transact(() => {
      // The window is written whole (one value); the crew as the members that change (flag set).
      if (changes.window) this.collection.patch(visitId, { window: window.data, updatedAt: now.toISOString() });
      if (Object.keys(members).length) {
        this.collection.setMembers(visitId, 'technicians', members);
        this.collection.patch(visitId, { updatedAt: now.toISOString() });
      }
      this.#board.recordActivity(visit.jobId, 'visit', { visitId: { from: visitId, to: visitId }, ...changes }, actor, now);
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Moves several visits at once (an optimised day): every move is checked before anything is
   * written, then all are written in one transaction (one undo step, one update to peers).
   * A move with `from` is refused when the visit is no longer at that window (someone moved it
   * since the plan was made), so a stale plan never overwrites a newer edit.
   */
  moveAll(moves: ReadonlyArray<{ visitId: string; start: string; end: string; from?: ScheduleWindow }>, actor: Actor, now = new Date()): TransitionResult {
    for (const m of moves) {
      const window = scheduleWindowSchema.safeParse({ start: m.start, end: m.end });
      if (!window.success) return { ok: false, error: window.error.issues[0]?.message ?? 'Invalid window.' };
      const visit = this.get(m.visitId);
      if (!visit) return { ok: false, error: 'One of those visits no longer exists on this board.' };
      if (m.from && !sameWindow(visit.window, m.from)) return { ok: false, error: 'A visit of this day was moved since the plan was made; plan the day again.' };
    }
    let result: TransitionResult = { ok: true };
    this.#board.doc.transact(() => {
      for (const m of moves) {
        if (!result.ok) break;
        result = this.move(m.visitId, { start: m.start, end: m.end }, actor, now);
      }
    }, LOCAL_EDIT);
    return result;
  }

  /**
   * Moves a visit along its lifecycle. A first visit's status is its job's: this moves the job
   * (checked against the job lifecycle); cancelling a first visit unbooks the job.
   */
  setStatus(visitId: string, status: VisitStatus, actor: Actor, now = new Date()): TransitionResult {
    const visit = this.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    if (visit.status === status) return { ok: true };
    if (visit.source === 'job') {
      if (status === 'cancelled') return this.#board.scheduleJob(visit.jobId, null, null, actor, now);
      return this.#board.transitionJob(visit.jobId, jobStatusForVisit(status), actor, now);
    }
    const check = checkVisitTransition(visit.status, status);
    if (!check.ok) return { ok: false, error: check.reason };
    this.#board.doc.transact(() => {
      this.collection.patch(visitId, { status, updatedAt: now.toISOString() });
      this.#board.recordActivity(visit.jobId, 'visit', { visitId: { from: visitId, to: visitId }, status: { from: visit.status, to: status } }, actor, now);
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** Edits a visit's notes and route lock. */
  update(visitId: string, fields: { notes?: string; locked?: boolean }, actor: Actor, now = new Date()): TransitionResult {
    const visit = this.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    if (fields.notes !== undefined && fields.notes.length > 2000) return { ok: false, error: 'Notes are at most 2000 characters.' };
    if (visit.source === 'job') {
      const patch = { ...(fields.notes !== undefined ? { visitNotes: fields.notes } : {}), ...(fields.locked !== undefined ? { visitLocked: fields.locked } : {}) };
      return this.#board.updateJob(visit.jobId, patch, actor, 'edited', now);
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (fields.notes !== undefined && fields.notes !== visit.notes) changes.notes = { from: visit.notes, to: fields.notes };
    if (fields.locked !== undefined && fields.locked !== visit.locked) changes.locked = { from: visit.locked, to: fields.locked };
    if (!Object.keys(changes).length) return { ok: true };
    this.#board.doc.transact(() => {
      this.collection.patch(visitId, { ...fields, updatedAt: now.toISOString() });
      this.#board.recordActivity(visit.jobId, 'visit', { visitId: { from: visitId, to: visitId }, ...changes }, actor, now);
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * The schedule dialog's save: move, status, notes and lock in one transaction (one action).
   * The status move is checked before anything is written.
   */
  edit(visitId: string, changes: { move?: VisitMove; status?: VisitStatus; notes?: string; locked?: boolean }, actor: Actor, now = new Date()): TransitionResult {
    const visit = this.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    if (changes.status && changes.status !== visit.status) {
      const job = this.#board.getJob(visit.jobId);
      const check =
        visit.source === 'visit' ? checkVisitTransition(visit.status, changes.status)
        : changes.status === 'cancelled' || !job ? { ok: true as const }
        : checkTransition(job.status, jobStatusForVisit(changes.status));
      if (!check.ok) return { ok: false, error: check.reason };
    }
    let result: TransitionResult = { ok: true };
    this.#board.doc.transact(() => {
      if (changes.move) result = this.move(visitId, changes.move, actor, now);
      if (result.ok && (changes.notes !== undefined || changes.locked !== undefined)) result = this.update(visitId, { ...(changes.notes !== undefined ? { notes: changes.notes } : {}), ...(changes.locked !== undefined ? { locked: changes.locked } : {}) }, actor, now);
      // Last: cancelling a first visit unbooks the job, after which it has no visit to edit.
      if (result.ok && changes.status) result = this.setStatus(visitId, changes.status, actor, now);
    }, LOCAL_EDIT);
    return result;
  }

  /** What the schedule needs to judge visits: technicians, time off, holidays, zones, site locations. */
  context(): ScheduleContext {
    const offices = this.#board.directory.offices.list();
    return {
      technicians: this.#board.directory.technicians.list(),
      timeOff: this.#board.availability.listTimeOff(),
      holidays: this.#board.availability.listHolidays(),
      officeZones: new Map(offices.map((o) => [o.id, o.timeZone])),
      orgTimeZone: orgTimeZone(offices),
      locationOf: (visit) => {
        const siteId = this.#board.getJob(visit.jobId)?.siteId;
        return (siteId && this.#board.directory.sites.get(siteId)?.location) || null;
      }
    };
  }

  /** Every conflict of the open visits (double bookings, hours, time off, holidays, travel gaps). */
  conflicts(): VisitConflict[] {
    return findVisitConflicts(this.list(), this.context());
  }

  /** Calls back after any change to stored visits, local or remote (first visits change with jobs). */
  onChanged(callback: () => void): () => void {
    return this.collection.observe(() => callback());
  }

  #unknownTechnicians(ids: readonly string[]): string | null {
    return ids.some((id) => !this.#board.directory.technicians.has(id)) ? 'One of those technicians is not on this board.' : null;
  }
}

function sameWindow(a: ScheduleWindow, b: ScheduleWindow): boolean {
  return Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);
}
