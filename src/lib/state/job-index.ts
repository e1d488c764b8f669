/**
 * A live, incrementally maintained index of the board's jobs with their derived status.
 *
 * `BoardDoc.listJobs()` rebuilds every job and regroups every event on each call; on a board
 * with thousands of jobs that is too much work per keystroke-sized change. This index updates
 * only the jobs a transaction touched (the collections report changed ids), keeps every other
 * `Job` object identical (so keyed views skip them) and derives the status exactly as
 * `listJobs` does: the `to` of the latest event in causal order (stamp ?? at, id), and the
 * merged window and assignment set resolved by `toJob`.
 */
import { toJob, type Job, type JobRecord } from '../domain/jobs/job';
import { compareEvents, currentStatus, type JobEvent } from '../domain/jobs/job-events';
import type { BoardDoc } from '../sync/board-doc';

export class JobIndex {
  readonly #board: BoardDoc;
  readonly #records = new Map<string, JobRecord>();
  readonly #events = new Map<string, JobEvent[]>();
  readonly #jobs = new Map<string, Job>();
  #list: Job[] | null = null;

  constructor(board: BoardDoc) {
    this.#board = board;
    this.rebuild();
  }

  /** Reads everything again (on attach; also a safe fallback). */
  rebuild(): void {
    this.#records.clear();
    this.#events.clear();
    this.#jobs.clear();
    for (const event of this.#board.jobEvents.list()) this.#addEvent(event);
    for (const list of this.#events.values()) list.sort(compareEvents);
    for (const record of this.#board.jobs.list()) this.#records.set(record.id, record);
    for (const id of this.#records.keys()) this.#derive(id);
    this.#list = null;
  }

  get size(): number {
    return this.#jobs.size;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** All readable jobs (insertion order; views sort). The array is reused until a change. */
  list(): Job[] {
    this.#list ??= [...this.#jobs.values()];
    return this.#list;
  }

  /** The job's status events, oldest first. */
  historyOf(jobId: string): readonly JobEvent[] {
    return this.#events.get(jobId) ?? [];
  }

  /**
   * Follows the doc: calls back once per transaction with the ids of jobs whose derived view
   * changed. Returns the unsubscribe function.
   */
  follow(onChange: (jobIds: ReadonlySet<string>) => void): () => void {
    const offJobs = this.#board.jobs.observe((ids) => {
      const changed = new Set<string>();
      for (const id of ids) {
        const record = this.#board.jobs.get(id);
        if (record) this.#records.set(id, record);
        else this.#records.delete(id);
        if (this.#derive(id)) changed.add(id);
      }
      this.#emit(changed, onChange);
    });
    const offEvents = this.#board.jobEvents.observe((ids) => {
      const touched = new Set<string>();
      for (const id of ids) {
        const event = this.#board.jobEvents.get(id);
        if (!event) continue;
        this.#addEvent(event);
        touched.add(event.jobId);
      }
      const changed = new Set<string>();
      for (const jobId of touched) {
        this.#events.get(jobId)?.sort(compareEvents);
        if (this.#derive(jobId)) changed.add(jobId);
      }
      this.#emit(changed, onChange);
    });
    return () => {
      offJobs();
      offEvents();
    };
  }

  #emit(changed: Set<string>, onChange: (jobIds: ReadonlySet<string>) => void): void {
    if (changed.size === 0) return;
    this.#list = null;
    onChange(changed);
  }

  #addEvent(event: JobEvent): void {
    const list = this.#events.get(event.jobId);
    if (!list) {
      this.#events.set(event.jobId, [event]);
      return;
    }
    // Events are add-only; a repeated id (re-delivered or edited by a buggy peer) replaces.
    const at = list.findIndex((e) => e.id === event.id);
    if (at >= 0) list[at] = event;
    else list.push(event);
  }

  /** Recomputes one job; true when its view changed. */
  #derive(id: string): boolean {
    const record = this.#records.get(id);
    const previous = this.#jobs.get(id);
    if (!record) {
      return this.#jobs.delete(id);
    }
    const status = currentStatus(this.#events.get(id));
    const next = toJob(record, status);
    if (previous && sameJob(previous, next)) return false;
    this.#jobs.set(id, next);
    return true;
  }
}

/** Unchanged jobs keep their object (keyed views skip them); values are plain JSON, compared shallowly then by content. */
function sameJob(a: Job, b: Job): boolean {
  const keys = Object.keys(b) as Array<keyof Job>;
  if (Object.keys(a).length !== keys.length) return false;
  for (const key of keys) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null && JSON.stringify(x) === JSON.stringify(y)) continue;
    return false;
  }
  return true;
}
