/**
 * The typed API of an organisation's `board` doc. Components and state modules use this;
 * nothing outside `src/lib/sync/` touches the Y.Doc. See README.md for the doc's shape.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { newJobInputSchema, fieldErrors, jobRecordSchema, JOB_PRIORITIES, type FieldErrors, type Job, type JobPriority, type JobRecord } from '../domain/jobs/job';
import { currentStatus, eventsByJob, jobEventSchema, type JobEvent } from '../domain/jobs/job-events';
import { diffFields, jobActivitySchema, type JobAction, type JobActivity } from '../domain/jobs/activity';
import { checkTransition, type JobStatus } from '../domain/jobs/status';
import { compareRanked, rankAtEnd, rankForIndex } from '../domain/board/ordering';
import { nextSeriesNumber } from '../domain/numbering/series';
import { Collection } from './collection';
import { Directory } from './directory';

/** Who is acting: recorded on every event. */
export interface Actor {
  id: string;
  name?: string;
}

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

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.jobs = new Collection(doc.getMap('jobs'), jobRecordSchema);
    this.jobEvents = new Collection(doc.getMap('jobEvents'), jobEventSchema);
    this.jobActivity = new Collection(doc.getMap('jobActivity'), jobActivitySchema);
    this.directory = new Directory(doc, LOCAL_EDIT);
  }

  /** Every readable job with its derived status, newest first. */
  listJobs(): Job[] {
    const history = eventsByJob(this.jobEvents.list());
    return this.jobs
      .list()
      .map((record) => ({ ...record, status: currentStatus(history.get(record.id)) }))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  getJob(id: string): Job | undefined {
    const record = this.jobs.get(id);
    if (!record) return undefined;
    return { ...record, status: currentStatus(this.historyOf(id)) };
  }

  /** The job's events in order (oldest first). */
  historyOf(jobId: string): JobEvent[] {
    return eventsByJob(this.jobEvents.list().filter((e) => e.jobId === jobId)).get(jobId) ?? [];
  }

  /** Validates the input, numbers the job from this device's series and records its creation. */
  createJob(input: unknown, actor: Actor, deviceCode: string, now = new Date()): CreateJobResult {
    const parsed = newJobInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const at = now.toISOString();
    const jobs = this.listJobs();
    const record: JobRecord = jobRecordSchema.parse({
      ...withoutUndefined(parsed.data),
      id: uuidv4(),
      number: nextSeriesNumber('J', deviceCode, jobs.map((j) => j.number)),
      rank: rankAtEnd(jobs.filter((j) => j.status === 'new')),
      createdAt: at,
      createdBy: actor.id,
      updatedAt: at
    });
    this.doc.transact(() => {
      this.jobs.insert(record);
      this.jobEvents.insert(event(record.id, 'created', null, 'new', at, actor));
    }, LOCAL_EDIT);
    return { ok: true, job: { ...record, status: 'new' } };
  }

  /** Moves a job to another status if the lifecycle allows it, recording who and when. */
  transitionJob(jobId: string, to: JobStatus, actor: Actor, now = new Date()): TransitionResult {
    const job = this.getJob(jobId);
    if (!job) return { ok: false, error: 'That job no longer exists on this board.' };
    const check = checkTransition(job.status, to);
    if (!check.ok) return { ok: false, error: check.reason };
    const at = now.toISOString();
    this.doc.transact(() => {
      this.jobEvents.insert(event(jobId, 'status', job.status, to, at, actor));
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
      if (job.status !== to) this.jobEvents.insert(event(jobId, 'status', job.status, to, at, actor));
      else this.jobActivity.insert(activity(jobId, 'reordered', { rank: { from: job.rank, to: rank } }, at, actor));
      this.jobs.patch(jobId, { rank, updatedAt: at });
    }, LOCAL_EDIT);
    return { ok: true };
  }

  /** Replaces the job's assigned technicians. */
  assignTechnicians(jobId: string, technicianIds: readonly string[], actor: Actor, now = new Date()): TransitionResult {
    const unknown = technicianIds.filter((id) => !this.directory.technicians.has(id));
    if (unknown.length) return { ok: false, error: 'One of those technicians is not on this board.' };
    return this.#edit(jobId, 'assigned', { assignedTechIds: [...new Set(technicianIds)] }, actor, now);
  }

  setPriority(jobId: string, priority: JobPriority, actor: Actor, now = new Date()): TransitionResult {
    if (!JOB_PRIORITIES.includes(priority)) return { ok: false, error: `Unknown priority "${String(priority)}".` };
    return this.#edit(jobId, 'priority', { priority }, actor, now);
  }

  /** Sets the scheduled window (both ends or neither). */
  scheduleJob(jobId: string, start: string | null, end: string | null, actor: Actor, now = new Date()): TransitionResult {
    if ((start === null) !== (end === null)) return { ok: false, error: 'A scheduled window needs both a start and an end.' };
    if (start && end && !(Date.parse(end) > Date.parse(start))) return { ok: false, error: 'The window must end after it starts.' };
    return this.#edit(jobId, 'scheduled', { scheduledStart: start, scheduledEnd: end }, actor, now);
  }

  /** Edits plain job fields, validated against the job schema. */
  updateJob(jobId: string, fields: Partial<Omit<JobRecord, 'id' | 'number' | 'createdAt' | 'createdBy'>>, actor: Actor, action: JobAction = 'edited', now = new Date()): TransitionResult {
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
          this.jobs.insert(parsed.data);
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

  /** The job's non-status activity, oldest first. */
  activityOf(jobId: string): JobActivity[] {
    return this.jobActivity
      .list()
      .filter((a) => a.jobId === jobId)
      .sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : a.id < b.id ? -1 : 1));
  }

  /** Calls back after any change to jobs, their events or activity, local or remote. */
  onJobsChanged(callback: () => void): () => void {
    const offs = [this.jobs.observe(() => callback()), this.jobEvents.observe(() => callback()), this.jobActivity.observe(() => callback())];
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
      this.jobActivity.insert(activity(jobId, action, changes, at, actor));
    }, LOCAL_EDIT);
    return { ok: true };
  }
}

function activity(jobId: string, action: JobAction, changes: JobActivity['changes'], at: string, actor: Actor): JobActivity {
  const base: JobActivity = { id: uuidv4(), jobId, action, changes, at, by: actor.id };
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

function event(jobId: string, kind: JobEvent['kind'], from: JobStatus | null, to: JobStatus, at: string, actor: Actor): JobEvent {
  const base: JobEvent = { id: uuidv4(), jobId, kind, from, to, at, by: actor.id };
  return actor.name ? { ...base, byName: actor.name } : base;
}
