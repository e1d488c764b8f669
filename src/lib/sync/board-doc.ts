/**
 * The typed API of an organisation's `board` doc. Components and state modules use this;
 * nothing outside `src/lib/sync/` touches the Y.Doc. See README.md for the doc's shape.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { assignedTechnicians, newJobInputSchema, fieldErrors, jobRecordSchema, mergeFieldsFromLegacy, toJob, JOB_PRIORITIES, type FieldErrors, type Job, type JobPriority, type JobRecord } from '../domain/jobs/job';
import { currentStatus, eventsByJob, jobEventSchema, type JobEvent } from '../domain/jobs/job-events';
import { diffFields, jobActivitySchema, type JobAction, type JobActivity } from '../domain/jobs/activity';
import { compareStamped, nextStamp } from '../domain/jobs/event-order';
import { checkTransition, type JobStatus } from '../domain/jobs/status';
import { requiredPartChanges, requiredPartList, requiredPartsInputSchema, requiredPartsMap } from '../domain/jobs/required-parts';
import { compareRanked, rankAtEnd, rankForIndex } from '../domain/board/ordering';
import { Collection } from './collection';
import { nextNumberIn } from './numbering';
import { Directory } from './directory';
import { Visits } from './visits';
import { Availability } from './availability';
import { Attachments } from './attachments';
import { FieldWork } from './field-work';
import { Stock } from './stock';
import { Agreements } from './agreements';
import { ArchiveMoves } from './archive-moves';

/** Who is acting: recorded on every event. */
export interface Actor {
  id: string;
  name?: string;
}

/** Job fields written only by their own commands, which follow the field's merge rule (README). */
const RULED_FIELDS: ReadonlySet<string> = new Set(['assigned', 'assignedTechIds', 'window', 'scheduledStart', 'scheduledEnd', 'requiredParts']);

/** Transaction origin of edits made through this API (providers use their own origins). */
export const LOCAL_EDIT = 'fieldboard:local-edit';

export type CreateJobResult = { ok: true; job: Job } | { ok: false; errors: FieldErrors };
export type TransitionResult = { ok: true } | { ok: false; error: string };

export class BoardDoc {
  readonly doc: Y.Doc;
  readonly jobs: Collection<JobRecord>;
  readonly jobEvents: Collection<JobEvent>;
  readonly jobActivity: Collection<JobActivity>;
  readonly directory: Directory;
  /** Visits (first visits are the jobs' own bookings): sync/visits.ts. */
  readonly visits: Visits;
  /** Time off, holidays, emergency reserve: sync/availability.ts. */
  readonly availability: Availability;
  /** Photos and signatures of visits (metadata; bytes in the blob store): sync/attachments.ts. */
  readonly attachments: Attachments;
  /** The technician app's records (status taps, time clock, parts, notes, checklists): sync/field-work.ts. */
  readonly fieldWork: FieldWork;
  /** Stock ledger and reorder settings: sync/stock.ts. */
  readonly stock: Stock;
  /** Service agreements and their PM visits: sync/agreements.ts. */
  readonly agreements: Agreements;
  /** Markers of jobs moved to archive months (sync/archive-moves.ts). */
  readonly archiveMoves: ArchiveMoves;

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.jobs = new Collection(doc.getMap('jobs'), jobRecordSchema, { setFields: ['assigned'], keyedFields: ['requiredParts'] });
    this.jobEvents = new Collection(doc.getMap('jobEvents'), jobEventSchema);
    this.jobActivity = new Collection(doc.getMap('jobActivity'), jobActivitySchema);
    this.directory = new Directory(doc, LOCAL_EDIT);
    this.visits = new Visits(this);
    this.availability = new Availability(doc, this.directory, LOCAL_EDIT);
    this.attachments = new Attachments(doc, LOCAL_EDIT);
    this.fieldWork = new FieldWork(this);
    this.stock = new Stock(doc, this.directory, LOCAL_EDIT);
    this.agreements = new Agreements(this);
    this.archiveMoves = new ArchiveMoves(doc);
  }

  /** Every readable job with its derived status, newest first. */
  listJobs(): Job[] {
    const history = eventsByJob(this.jobEvents.list());
    return this.jobs
      .list()
      .map((record) => toJob(record, currentStatus(history.get(record.id))))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  getJob(id: string): Job | undefined {
    const record = this.jobs.get(id);
    if (!record) return undefined;
    return toJob(record, currentStatus(this.historyOf(id)));
  }

  /** The job's events in order (oldest first). */
  historyOf(jobId: string): JobEvent[] {
    return eventsByJob(this.jobEvents.list().filter((e) => e.jobId === jobId)).get(jobId) ?? [];
  }

  /**
   * Validates the input, numbers the job from this device's series (counting every number the
   * doc holds, readable or not) and records its creation.
   */
  createJob(input: unknown, actor: Actor, deviceCode: string, now = new Date(), id = uuidv4()): CreateJobResult {
    const parsed = newJobInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    // A given id (a PM visit's deterministic one) that is already on the board is not created twice.
    if (this.jobs.has(id)) return { ok: false, errors: { _form: 'That job is already on the board.' } };
    const at = now.toISOString();
    const jobs = this.listJobs();
    const { requiredParts, ...fields } = parsed.data;
    const record: JobRecord = jobRecordSchema.parse({
      ...withoutUndefined(fields),
      ...(requiredParts ? { requiredParts: requiredPartsMap(requiredParts) } : {}),
      id,
      number: nextNumberIn(this.jobs, 'J', deviceCode, 'number', this.archiveMoves.lastNumbers()),
      rank: rankAtEnd(jobs.filter((j) => j.status === 'new')),
      createdAt: at,
      createdBy: actor.id,
      updatedAt: at
    });
    this.doc.transact(() => {
      this.jobs.insert(record);
      this.jobEvents.insert(event(record.id, 'created', null, 'new', at, at, actor));
    }, LOCAL_EDIT);
    return { ok: true, job: toJob(record, 'new') };
  }

  /** Moves a job to another status if the lifecycle allows it, recording who and when. */
  transitionJob(jobId: string, to: JobStatus, actor: Actor, now = new Date()): TransitionResult {
    const job = this.getJob(jobId);
    if (!job) return { ok: false, error: 'That job no longer exists on this board.' };
    const check = checkTransition(job.status, to);
    if (!check.ok) return { ok: false, error: check.reason };
    const at = now.toISOString();
    this.doc.transact(() => {
      this.jobEvents.insert(event(jobId, 'status', job.status, to, at, this.#stamp(jobId, now), actor));
      this.jobs.patch(jobId, { updatedAt: at });
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Drops a card into a column at a position: a status change when the column differs (checked
   * against the lifecycle) and a new fractional rank, in one transaction.
   */
  moveJob(jobId: string, to: JobStatus, index: number, actor: Actor, now = new Date()): TransitionResult {
    const job = this.getJob(jobId);
    if (!job) return { ok: false, error: 'That job no longer exists on this board.' };
    if (job.status !== to) {
      const check = checkTransition(job.status, to);
      if (!check.ok) return { ok: false, error: check.reason };
    }
    const column = this.listJobs()
      .filter((j) => j.status === to && j.id !== jobId)
      .sort(compareRanked);
    const rank = rankForIndex(column, index);
    const at = now.toISOString();
    this.doc.transact(() => {
      const stamp = this.#stamp(jobId, now);
      if (job.status !== to) this.jobEvents.insert(event(jobId, 'status', job.status, to, at, stamp, actor));
      else this.jobActivity.insert(activity(jobId, 'reordered', { rank: { from: job.rank, to: rank } }, at, stamp, actor));
      this.jobs.patch(jobId, { rank, updatedAt: at });
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Makes the job's technicians `technicianIds`, written as the difference from what this device
   * sees (README "assignment set": adds and removals merge per technician, so a concurrent
   * assignment of someone else survives). Also writes the legacy array for old clients, and
   * records the move new → scheduled when the job now has a window and a technician.
   */
  assignTechnicians(jobId: string, technicianIds: readonly string[], actor: Actor, now = new Date()): TransitionResult {
    const unknown = technicianIds.filter((id) => !this.directory.technicians.has(id));
    if (unknown.length) return { ok: false, error: 'One of those technicians is not on this board.' };
    const record = this.jobs.get(jobId);
    if (!record) return { ok: false, error: 'That job no longer exists on this board.' };
    const before = assignedTechnicians(record);
    const after = [...new Set(technicianIds)];
    const changes: Record<string, boolean> = {};
    for (const id of after) if (!before.includes(id)) changes[id] = true;
    for (const id of before) if (!after.includes(id)) changes[id] = false;
    // A job with only the legacy array gets its whole set written once, or unchanged members would vanish.
    if (!this.jobs.hasSet(jobId, 'assigned')) for (const id of after) changes[id] = true;
    if (!Object.keys(changes).length) return { ok: true };
    const at = now.toISOString();
    this.doc.transact(() => {
      this.jobs.setMembers(jobId, 'assigned', changes);
      this.jobs.patch(jobId, { assignedTechIds: assignedTechnicians({ ...record, assigned: { ...record.assigned, ...changes } }), updatedAt: at });
      this.jobActivity.insert(activity(jobId, 'assigned', { assignedTechIds: { from: before, to: after } }, at, this.#stamp(jobId, now), actor));
      this.#scheduleIfReady(jobId, actor, now);
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /**
   * Makes the job call for exactly `parts` (validated), written as the difference from what
   * this device sees (README "keyed map": per part, so a concurrent edit of another part
   * survives), with an activity entry.
   */
  setRequiredParts(jobId: string, parts: unknown, actor: Actor, now = new Date()): TransitionResult {
    const parsed = requiredPartsInputSchema.safeParse(parts);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Check the parts.' };
    const record = this.jobs.get(jobId);
    if (!record) return { ok: false, error: 'That job no longer exists on this board.' };
    const changes = requiredPartChanges(record.requiredParts, parsed.data);
    if (!Object.keys(changes).length) return { ok: true };
    const at = now.toISOString();
    this.doc.transact(() => {
      this.jobs.setEntries(jobId, 'requiredParts', changes);
      this.jobs.patch(jobId, { updatedAt: at });
      const from = requiredPartList(record.requiredParts);
      this.jobActivity.insert(activity(jobId, 'edited', { requiredParts: { from, to: [...parsed.data].sort((a, b) => a.partId.localeCompare(b.partId)) } }, at, this.#stamp(jobId, now), actor));
    }, LOCAL_EDIT);
    return { ok: true };
  }

  setPriority(jobId: string, priority: JobPriority, actor: Actor, now = new Date()): TransitionResult {
    if (!JOB_PRIORITIES.includes(priority)) return { ok: false, error: `Unknown priority "${String(priority)}".` };
    return this.#edit(jobId, 'priority', { priority }, actor, now);
  }

  /**
   * Sets the scheduled window (both ends or neither) as one value (README "window"), plus the
   * legacy pair for old clients; records the move new → scheduled when the job now has a
   * window and a technician and the lifecycle allows it, in the same transaction.
   */
  scheduleJob(jobId: string, start: string | null, end: string | null, actor: Actor, now = new Date()): TransitionResult {
    if ((start === null) !== (end === null)) return { ok: false, error: 'A scheduled window needs both a start and an end.' };
    if (start && end && !(Date.parse(end) > Date.parse(start))) return { ok: false, error: 'The window must end after it starts.' };
    const window = start && end ? { start, end } : null;
    let result: TransitionResult = { ok: true };
    this.doc.transact(() => {
      result = this.#edit(jobId, 'scheduled', { window, scheduledStart: start, scheduledEnd: end }, actor, now);
      if (result.ok) this.#scheduleIfReady(jobId, actor, now);
    }, LOCAL_EDIT);
    return result;
  }

  /**
   * "Assign and schedule" as one user action (a suggestion's one click): both commands in one
   * transaction, so peers never see the job assigned but not yet booked. Everything that could
   * refuse is checked first: a Yjs transaction cannot be rolled back halfway.
   */
  assignAndSchedule(jobId: string, technicianIds: readonly string[], start: string, end: string, actor: Actor, now = new Date()): TransitionResult {
    if (!(Date.parse(end) > Date.parse(start))) return { ok: false, error: 'The window must end after it starts.' };
    if (!this.jobs.get(jobId)) return { ok: false, error: 'That job no longer exists on this board.' };
    if (technicianIds.some((id) => !this.directory.technicians.has(id))) return { ok: false, error: 'One of those technicians is not on this board.' };
    let result: TransitionResult = { ok: true };
    this.doc.transact(() => {
      result = this.assignTechnicians(jobId, technicianIds, actor, now);
      if (result.ok) result = this.scheduleJob(jobId, start, end, actor, now);
    }, LOCAL_EDIT);
    return result;
  }

  /**
   * Edits plain job fields, validated against the job schema. Fields with their own merge rule
   * (assignment set, window) are refused here: a plain write would bypass the rule.
   */
  updateJob(jobId: string, fields: Partial<Omit<JobRecord, 'id' | 'number' | 'createdAt' | 'createdBy'>>, actor: Actor, action: JobAction = 'edited', now = new Date()): TransitionResult {
    const ruled = Object.keys(fields).filter((key) => RULED_FIELDS.has(key));
    if (ruled.length) return { ok: false, error: `${ruled.join(', ')} must be changed with assignTechnicians or scheduleJob.` };
    return this.#edit(jobId, action, fields, actor, now);
  }

  /**
   * Imports historical jobs with their events in one transaction (demo data, migrations from
   * other tools). Records failing validation are skipped and counted; existing ids are kept.
   * Events are credited to `importer` (the relay refuses history credited to anyone but the
   * writer); the person an event names, when someone else, is kept as `recordedFor`.
   */
  importJobs(records: readonly unknown[], events: readonly unknown[], importer: Actor): { imported: number; skipped: number } {
    let imported = 0;
    let skipped = 0;
    this.doc.transact(() => {
      for (const raw of records) {
        const parsed = jobRecordSchema.safeParse(raw);
        if (parsed.success && !this.jobs.has(parsed.data.id)) {
          // Imported jobs get the merge-safe fields too (like the migration gives saved ones).
          this.jobs.insert({ ...mergeFieldsFromLegacy(parsed.data), ...withoutUndefined(parsed.data) } as JobRecord);
          imported++;
        } else skipped++;
      }
      for (const raw of events) {
        const parsed = jobEventSchema.safeParse(raw);
        if (parsed.success && !this.jobEvents.has(parsed.data.id)) this.jobEvents.insert(recordedBy(parsed.data, importer));
        else skipped++;
      }
    }, LOCAL_EDIT);
    return { imported, skipped };
  }

  /** The job's non-status activity in causal order (stamp rule), oldest first. */
  activityOf(jobId: string): JobActivity[] {
    return this.jobActivity
      .list()
      .filter((a) => a.jobId === jobId)
      .sort(compareStamped);
  }

  /**
   * Records a non-status activity entry on a job, stamped after everything the job's history
   * holds (stamp rule). For commands composed into this board (visits); run inside their transaction.
   */
  recordActivity(jobId: string, action: JobAction, changes: JobActivity['changes'], actor: Actor, now: Date): void {
    this.jobActivity.insert(activity(jobId, action, changes, now.toISOString(), this.#stamp(jobId, now), actor));
  }

  /** Calls back after any change to jobs, their events, activity or visits, local or remote. */
  onJobsChanged(callback: () => void): () => void {
    const offs = [this.jobs.observe(() => callback()), this.jobEvents.observe(() => callback()), this.jobActivity.observe(() => callback()), this.visits.onChanged(callback)];
    return () => offs.forEach((off) => off());
  }

  #edit(jobId: string, action: JobAction, fields: Partial<JobRecord>, actor: Actor, now: Date): TransitionResult {
    const job = this.jobs.get(jobId);
    if (!job) return { ok: false, error: 'That job no longer exists on this board.' };
    const next = jobRecordSchema.safeParse({ ...job, ...fields });
    if (!next.success) return { ok: false, error: next.error.issues[0]?.message ?? 'Invalid change.' };
    const changes = diffFields(job as Record<string, unknown>, fields as Record<string, unknown>);
    if (!Object.keys(changes).length) return { ok: true };
    const at = now.toISOString();
    this.doc.transact(() => {
      this.jobs.patch(jobId, { ...fields, updatedAt: at });
      this.jobActivity.insert(activity(jobId, action, changes, at, this.#stamp(jobId, now), actor));
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** The ordering stamp for a new entry in the job's history (event-order.ts): after all it holds. */
  #stamp(jobId: string, now: Date): string {
    const seen = [...this.jobEvents.list().filter((e) => e.jobId === jobId), ...this.jobActivity.list().filter((a) => a.jobId === jobId)];
    return nextStamp(seen, now);
  }

  /** Item 10: a new job that has a window and a technician moves to scheduled (if the lifecycle allows). */
  #scheduleIfReady(jobId: string, actor: Actor, now: Date): void {
    const job = this.getJob(jobId);
    if (!job || job.status !== 'new' || !job.window || !job.assignedTechIds.length) return;
    if (!checkTransition('new', 'scheduled').ok) return;
    this.jobEvents.insert(event(jobId, 'status', 'new', 'scheduled', now.toISOString(), this.#stamp(jobId, now), actor));
  }
}

function activity(jobId: string, action: JobAction, changes: JobActivity['changes'], at: string, stamp: string, actor: Actor): JobActivity {
  const base: JobActivity = { id: uuidv4(), jobId, action, changes, at, stamp, by: actor.id };
  return actor.name ? { ...base, byName: actor.name } : base;
}

/** `event` as written by `importer` on behalf of the person it names (unchanged when that is the importer). */
function recordedBy(event: JobEvent, importer: Actor): JobEvent {
  if (event.by === importer.id) return event;
  const { byName, recordedFor, recordedForName, ...rest } = event;
  const original = { recordedFor: recordedFor ?? event.by, recordedForName: recordedForName ?? byName };
  return withoutUndefined({ ...rest, by: importer.id, byName: importer.name, ...original }) as JobEvent;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function event(jobId: string, kind: JobEvent['kind'], from: JobStatus | null, to: JobStatus, at: string, stamp: string, actor: Actor): JobEvent {
  const base: JobEvent = { id: uuidv4(), jobId, kind, from, to, at, stamp, by: actor.id };
  return actor.name ? { ...base, byName: actor.name } : base;
}
