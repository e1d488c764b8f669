/**
 * The typed API of an organisation's `board` doc. Components and state modules use this;
 * nothing outside `src/lib/sync/` touches the Y.Doc. See README.md for the doc's shape.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { newJobInputSchema, fieldErrors, jobRecordSchema, type FieldErrors, type Job, type JobRecord } from '../domain/jobs/job';
import { currentStatus, eventsByJob, jobEventSchema, type JobEvent } from '../domain/jobs/job-events';
import { checkTransition, type JobStatus } from '../domain/jobs/status';
import { nextSeriesNumber } from '../domain/numbering/series';
import { Collection } from './collection';

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

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.jobs = new Collection(doc.getMap('jobs'), jobRecordSchema);
    this.jobEvents = new Collection(doc.getMap('jobEvents'), jobEventSchema);
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
    const record: JobRecord = {
      id: uuidv4(),
      number: nextSeriesNumber('J', deviceCode, this.jobs.list().map((j) => j.number)),
      ...parsed.data,
      createdAt: at,
      createdBy: actor.id,
      updatedAt: at
    };
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

  /** Calls back after any change to jobs or their events, local or remote. */
  onJobsChanged(callback: () => void): () => void {
    const offJobs = this.jobs.observe(() => callback());
    const offEvents = this.jobEvents.observe(() => callback());
    return () => {
      offJobs();
      offEvents();
    };
  }
}

function event(jobId: string, kind: JobEvent['kind'], from: JobStatus | null, to: JobStatus, at: string, actor: Actor): JobEvent {
  const base: JobEvent = { id: uuidv4(), jobId, kind, from, to, at, by: actor.id };
  return actor.name ? { ...base, byName: actor.name } : base;
}
