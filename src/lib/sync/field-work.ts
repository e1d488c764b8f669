/**
 * The technician app's records in the board doc (sync README "Field work"): status taps, the
 * time clock (`timeEntries`), parts used, notes and checklist ticks. Every record is immutable
 * and carries its author (COLLECTION_RULES: the relay refuses another `by` or a future time);
 * a change is a new record, never an edit. Each user action is one transaction. Composed into
 * BoardDoc as `board.fieldWork`.
 */
import { uuidv4 } from 'lib0/random';
import { nextStamp, type Stamped } from '../domain/jobs/event-order';
import { fieldErrors, type FieldErrors } from '../domain/jobs/job';
import { checkTransition } from '../domain/jobs/status';
import { checkVisitTransition, jobStatusForVisit, type VisitStatus } from '../domain/scheduling/visit';
import { checklistCheckSchema, fieldNoteInputSchema, fieldNoteSchema, partUseInputSchema, partUseSchema, type ChecklistCheck, type FieldNote, type PartUse } from '../domain/fieldwork/field-records';
import { clockForTap, completionInputSchema, geoFixSchema, statusTapSchema, tapPath, type GeoFix, type StatusTap, type Tap } from '../domain/fieldwork/status-taps';
import { currentTimeEntries, openEntries, timeEntryEditSchema, timeEntrySchema, type CurrentTimeEntry, type TimeEntry, type TimeEntryKind } from '../domain/fieldwork/time-entries';
import { truckId } from '../domain/inventory/locations';
import { lateEntryInputSchema, payrollLockSchema, type PayrollLock } from '../domain/payroll/pay-run';
import { lockCovering, paidEntryReason } from '../domain/payroll/run-records';
import { Collection } from './collection';
import { LOCAL_EDIT, type Actor, type BoardDoc, type TransitionResult } from './board-doc';

export type FieldResult = { ok: true } | { ok: false; error: string; errors?: FieldErrors };

/** What a status tap carries besides the tap itself. */
export interface TapDetails {
  /** The technician record (not the account) whose clock the tap drives. */
  technicianId: string;
  location?: GeoFix | null;
  /** Required with `done`: outcome and resolution note. */
  completion?: unknown;
}

export class FieldWork {
  readonly timeEntries: Collection<TimeEntry>;
  readonly partUses: Collection<PartUse>;
  readonly notes: Collection<FieldNote>;
  readonly taps: Collection<StatusTap>;
  readonly checks: Collection<ChecklistCheck>;
  /** Spans of time entries paid in a pay run (sync README "payrollLocks"): written by sync/payroll.ts. */
  readonly payrollLocks: Collection<PayrollLock>;
  readonly #board: BoardDoc;

  constructor(board: BoardDoc) {
    this.#board = board;
    const doc = board.doc;
    this.timeEntries = new Collection(doc.getMap('timeEntries'), timeEntrySchema);
    this.partUses = new Collection(doc.getMap('partUses'), partUseSchema);
    this.notes = new Collection(doc.getMap('fieldNotes'), fieldNoteSchema);
    this.taps = new Collection(doc.getMap('statusTaps'), statusTapSchema);
    this.checks = new Collection(doc.getMap('checklistChecks'), checklistCheckSchema);
    this.payrollLocks = new Collection(doc.getMap('payrollLocks'), payrollLockSchema);
  }

  /** Every time-entry record (history), readable ones only. */
  timeRecords(): TimeEntry[] {
    return this.timeEntries.list();
  }

  /** The entries as they stand now (see domain/fieldwork/time-entries.ts). */
  currentEntries(): CurrentTimeEntry[] {
    return currentTimeEntries(this.timeEntries.list());
  }

  /**
   * A status tap: moves the visit through the steps the tap needs (each a checked lifecycle
   * move; a first visit moves its job through job events), stops the technician's running
   * clock and starts the tap's (travel, on site), records when and where, and on "work done"
   * the outcome and resolution (also on the job, which feeds first-time fix and callbacks).
   * Everything is checked before anything is written: one transaction, all or nothing.
   */
  tap(visitId: string, tap: Tap, details: TapDetails, actor: Actor, now = new Date()): FieldResult {
    const visit = this.#board.visits.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    const path = tapPath(visit.status, tap);
    if (!path.ok) return { ok: false, error: path.reason };
    const job = this.#board.getJob(visit.jobId);
    if (!job) return { ok: false, error: 'That job no longer exists on this board.' };
    // Check the whole path against the lifecycle the visit follows (the job's, for a first visit).
    let from: VisitStatus = visit.status;
    let jobFrom = job.status;
    for (const step of path.steps) {
      const check = visit.source === 'job' ? checkTransition(jobFrom, jobStatusForVisit(step as Exclude<VisitStatus, 'cancelled'>)) : checkVisitTransition(from, step);
      if (!check.ok) return { ok: false, error: check.reason };
      from = step;
      if (visit.source === 'job') jobFrom = jobStatusForVisit(step as Exclude<VisitStatus, 'cancelled'>);
    }
    let completion: { outcome: StatusTap['outcome']; resolution: string } = { outcome: null, resolution: '' };
    if (tap === 'done') {
      const parsed = completionInputSchema.safeParse(details.completion ?? {});
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        return { ok: false, error: Object.values(errors)[0] ?? 'Choose an outcome and write a resolution note.', errors };
      }
      completion = parsed.data;
    }
    const location = details.location ? geoFixSchema.safeParse(details.location) : null;
    if (!this.#board.directory.technicians.has(details.technicianId)) return { ok: false, error: 'You are not linked to a technician on this board.' };
    let result: TransitionResult = { ok: true };
    this.#board.doc.transact(() => {
      for (const step of path.steps) {
        if (!result.ok) break;
        result = this.#board.visits.setStatus(visitId, step, actor, now);
      }
      if (!result.ok) return;
      if (tap === 'done') result = this.#board.updateJob(visit.jobId, { outcome: completion.outcome, resolution: completion.resolution }, actor, 'edited', now);
      if (!result.ok) return;
      this.#stopRunning(details.technicianId, actor, now);
      const start = clockForTap(tap).start;
      if (start) this.#startEntry(details.technicianId, start, visit.jobId, visitId, actor, now);
      const at = now.toISOString();
      this.taps.insert(authored(statusTapSchema, { id: uuidv4(), jobId: visit.jobId, visitId, technicianId: details.technicianId, tap, location: location?.success ? location.data : null, ...completion, at, stamp: this.#stampFor(visit.jobId, now) }, actor));
    }, LOCAL_EDIT);
    return result;
  }

  /** Starts a break: the running travel or on-site entry stops, and resumes when the break ends. */
  startBreak(technicianId: string, actor: Actor, now = new Date()): FieldResult {
    const current = this.currentEntries();
    const running = openEntries(current, technicianId);
    if (running.some((e) => e.kind === 'break')) return { ok: false, error: 'A break is already running.' };
    const interrupted = running[0];
    this.#board.doc.transact(() => {
      this.#stopRunning(technicianId, actor, now);
      this.#startEntry(technicianId, 'break', interrupted?.jobId ?? null, interrupted?.visitId ?? null, actor, now);
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** Ends the running break; the work it interrupted restarts when its visit is still in progress. */
  stopBreak(technicianId: string, actor: Actor, now = new Date()): FieldResult {
    const onBreak = openEntries(this.currentEntries(), technicianId).find((e) => e.kind === 'break');
    if (!onBreak) return { ok: false, error: 'No break is running.' };
    const visit = onBreak.visitId ? this.#board.visits.get(onBreak.visitId) : undefined;
    const resume: TimeEntryKind | null = visit?.status === 'en_route' ? 'travel' : visit?.status === 'on_site' ? 'on_site' : null;
    this.#board.doc.transact(() => {
      this.#stopRunning(technicianId, actor, now);
      if (resume && visit) this.#startEntry(technicianId, resume, visit.jobId, visit.id, actor, now);
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Edits an entry after the fact: a new record superseding its current version, with the
   * reason; the original stays in the history. Times may not be in the future.
   */
  editEntry(rootId: string, input: unknown, actor: Actor, now = new Date()): FieldResult {
    const current = this.currentEntries().find((e) => e.rootId === rootId);
    if (!current) return { ok: false, error: 'That time entry is not on this board.' };
    const parsed = timeEntryEditSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return { ok: false, error: Object.values(errors)[0] ?? 'Check the times.', errors };
    }
    const { start, end, reason } = parsed.data;
    if (Date.parse(start) > now.getTime() || (end !== null && Date.parse(end) > now.getTime())) return { ok: false, error: 'A time entry cannot end in the future.' };
    const paid = this.paidLock(current.technicianId, current.start) ?? this.paidLock(current.technicianId, start);
    if (paid) return { ok: false, error: paidEntryReason(paid.periodFrom && paid.periodTo ? { from: paid.periodFrom, to: paid.periodTo } : null, paid.runId) };
    const { rootId: _root, edited: _edited, ...previous } = current;
    this.#board.doc.transact(() => {
      this.timeEntries.insert(authored(timeEntrySchema, { ...previous, id: uuidv4(), start, end, supersedes: current.id, reason, at: now.toISOString(), stamp: nextStamp([current], now) }, actor));
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** The pay-run lock covering an entry of `technicianId` starting at `start`, or null (the relay checks the same). */
  paidLock(technicianId: string, start: string): PayrollLock | null {
    return lockCovering(this.payrollLocks.list(), technicianId, start);
  }

  /**
   * Adds time after the fact (a forgotten hour) as a new entry with a reason. Allowed on days
   * already paid: a new chain is not an edit of paid time, and the next pay run pays it as an
   * adjustment (domain/payroll/pay-period.ts).
   */
  addLateEntry(input: unknown, actor: Actor, now = new Date()): FieldResult {
    const parsed = lateEntryInputSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return { ok: false, error: Object.values(errors)[0] ?? 'Check the times.', errors };
    }
    if (Date.parse(parsed.data.end) > now.getTime()) return { ok: false, error: 'A time entry cannot end in the future.' };
    const at = now.toISOString();
    this.#board.doc.transact(() => this.timeEntries.insert(authored(timeEntrySchema, { ...parsed.data, id: uuidv4(), at, stamp: at }, actor)), LOCAL_EDIT);
    return { ok: true };
  }

  /** Records a part used on a visit (a ledger entry; a correction is another entry). */
  addPartUse(visitId: string, input: unknown, actor: Actor, now = new Date()): FieldResult {
    const visit = this.#board.visits.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    const parsed = partUseInputSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return { ok: false, error: Object.values(errors)[0] ?? 'Check the part.', errors };
    }
    const use = parsed.data;
    // A catalogue part counted in whole units also leaves the technician's truck: a `use` entry
    // of the stock ledger (never a counter), in the same transaction. Cut lengths (2.5 m of
    // pipe) and free-text parts are recorded on the visit only; stock counts whole units.
    const technician = this.#board.directory.technicians.list().find((t) => t.userId === actor.id);
    const fromTruck = use.partId !== null && Number.isInteger(use.quantity) && technician ? truckId(technician.id) : null;
    let stockError: string | null = null;
    this.#board.doc.transact(() => {
      if (fromTruck && use.partId) {
        const moved = this.#board.stock.use({ partId: use.partId, sku: use.sku, description: use.description, from: fromTruck, qty: use.quantity, jobId: visit.jobId, visitId }, actor, now);
        if (!moved.ok) {
          stockError = Object.values(moved.errors)[0] ?? 'Check the part.';
          return;
        }
      }
      this.partUses.insert(authored(partUseSchema, { ...use, id: uuidv4(), jobId: visit.jobId, visitId, at: now.toISOString(), stamp: this.#stampFor(visit.jobId, now) }, actor));
    }, LOCAL_EDIT);
    return stockError ? { ok: false, error: stockError } : { ok: true };
  }

  /** Adds a note to a visit. */
  addNote(visitId: string, input: unknown, actor: Actor, now = new Date()): FieldResult {
    const visit = this.#board.visits.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    const parsed = fieldNoteInputSchema.safeParse(input);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return { ok: false, error: Object.values(errors)[0] ?? 'Write the note first.', errors };
    }
    this.#board.doc.transact(() => {
      this.notes.insert(authored(fieldNoteSchema, { text: parsed.data.text, id: uuidv4(), jobId: visit.jobId, visitId, at: now.toISOString(), stamp: this.#stampFor(visit.jobId, now) }, actor));
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** Ticks or unticks a checklist item on a visit (the latest record per item counts). */
  setCheck(visitId: string, itemId: string, checked: boolean, actor: Actor, now = new Date()): FieldResult {
    const visit = this.#board.visits.get(visitId);
    if (!visit) return { ok: false, error: 'That visit no longer exists on this board.' };
    const seen = this.checks.list().filter((c) => c.visitId === visitId && c.itemId === itemId);
    this.#board.doc.transact(() => {
      this.checks.insert(authored(checklistCheckSchema, { id: uuidv4(), jobId: visit.jobId, visitId, itemId, checked, at: now.toISOString(), stamp: nextStamp(seen, now) }, actor));
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** Calls back after any change to these records, local or remote. */
  onChanged(callback: () => void): () => void {
    const offs = [this.timeEntries, this.partUses, this.notes, this.taps, this.checks, this.payrollLocks].map((c) => c.observe(() => callback()));
    return () => offs.forEach((off) => off());
  }

  /** Stops every running entry of the technician at `now` (a stop record superseding each). */
  #stopRunning(technicianId: string, actor: Actor, now: Date): void {
    const at = now.toISOString();
    for (const open of openEntries(this.currentEntries(), technicianId)) {
      const { rootId: _root, edited: _edited, ...previous } = open;
      // A clock started "later" on another device with a fast clock ends where it started.
      const end = Date.parse(open.start) > now.getTime() ? open.start : at;
      const { reason: _reason, ...rest } = previous;
      this.timeEntries.insert(authored(timeEntrySchema, { ...rest, id: uuidv4(), end, supersedes: open.id, at, stamp: nextStamp([open], now) }, actor));
    }
  }

  #startEntry(technicianId: string, kind: TimeEntryKind, jobId: string | null, visitId: string | null, actor: Actor, now: Date): void {
    const at = now.toISOString();
    this.timeEntries.insert(authored(timeEntrySchema, { id: uuidv4(), technicianId, jobId, visitId, kind, start: at, end: null, at, stamp: at }, actor));
  }

  /** A stamp after everything the job's history holds (status events and activity). */
  #stampFor(jobId: string, now: Date): string {
    const seen: Stamped[] = [...this.#board.historyOf(jobId), ...this.#board.activityOf(jobId)];
    return nextStamp(seen, now);
  }
}

/** Validates a new record with its author fields (`by`, `byName`) from the actor. */
function authored<T>(schema: { parse: (value: unknown) => T }, fields: Record<string, unknown>, actor: Actor): T {
  // byName is always the actor's (a stop copies another author's record: never keep their name).
  return schema.parse({ ...fields, by: actor.id, byName: actor.name });
}
