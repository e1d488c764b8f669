/**
 * The reporting projection in memory: one summary row per job (domain/kpi/job-summary.ts),
 * kept up to date from the ids each doc transaction touched, so the dashboard computes from
 * rows and never regroups every job's events. Rows of jobs that are no longer on the live
 * board (archived months) are kept: the projection is where reports still find them.
 */
import type { Job } from '../domain/jobs/job';
import type { JobEvent } from '../domain/jobs/job-events';
import type { VisitStatus } from '../domain/scheduling/visit';
import type { TimeEntry } from '../domain/fieldwork/time-entries';
import { summarise, summarySignature, type JobSummary } from '../domain/kpi/job-summary';
import { RowColumns } from '../domain/kpi/row-columns';
import type { BoardDoc } from '../sync/board-doc';
import { JobIndex } from './job-index';

/** Where rows are derived from: the live board's jobs, their ordered events, their further visits. */
export interface SummarySource {
  jobIds(): Iterable<string>;
  job(id: string): Job | undefined;
  historyOf(id: string): readonly JobEvent[];
  furtherVisits(id: string): readonly VisitStatus[];
  /** Every time-entry record of the job (on-site time by technician); absent = none. */
  timeRecords?(id: string): readonly TimeEntry[];
}

export class ReportingProjection {
  readonly #rows = new Map<string, JobSummary>();
  #list: JobSummary[] | null = null;
  /** The rows as columns for the dashboard, kept in step row by row (same order as `list()`). */
  #columns = new RowColumns();

  constructor(rows: Iterable<JobSummary> = []) {
    for (const row of rows) this.#rows.set(row.id, row);
    this.#columns = RowColumns.of(this.#rows.values());
  }

  /** The rows as columns (mutated in place on every change). */
  get columns(): RowColumns {
    return this.#columns;
  }

  get size(): number {
    return this.#rows.size;
  }

  get(id: string): JobSummary | undefined {
    return this.#rows.get(id);
  }

  /** Every row (the array is reused until a change). */
  list(): JobSummary[] {
    this.#list ??= [...this.#rows.values()];
    return this.#list;
  }

  /** Derives every row of the source again from scratch; rows not in the source are dropped. */
  rebuild(source: SummarySource): JobSummary[] {
    this.#rows.clear();
    this.#columns = new RowColumns();
    for (const id of source.jobIds()) this.#derive(source, id, true);
    this.#list = null;
    return this.list();
  }

  /**
   * After loading saved rows: re-derives only the jobs whose inputs changed since (signature
   * differs) or that are new. Returns the rows that changed (to save).
   */
  reconcile(source: SummarySource): JobSummary[] {
    const changed: JobSummary[] = [];
    for (const id of source.jobIds()) {
      const row = this.#derive(source, id, false);
      if (row) changed.push(row);
    }
    if (changed.length) this.#list = null;
    return changed;
  }

  /** Re-derives the given jobs (a transaction touched them); returns the rows that changed. */
  update(source: SummarySource, jobIds: Iterable<string>): JobSummary[] {
    const changed: JobSummary[] = [];
    for (const id of jobIds) {
      const row = this.#derive(source, id, false);
      if (row) changed.push(row);
    }
    if (changed.length) this.#list = null;
    return changed;
  }

  /** The new row when it differs from the stored one; a job the source cannot read keeps its row. */
  #derive(source: SummarySource, id: string, force: boolean): JobSummary | null {
    const job = source.job(id);
    if (!job) return null;
    const events = source.historyOf(id);
    const visits = source.furtherVisits(id);
    const entries = source.timeRecords?.(id) ?? [];
    const previous = this.#rows.get(id);
    if (!force && previous && previous.sig === summarySignature(job, events, visits, entries)) return null;
    const row = summarise(job, events, visits, entries);
    this.#rows.set(id, row);
    this.#columns.set(row);
    return row;
  }
}

/**
 * A whole doc as a source, read once (an archive month opened to derive its jobs' rows): the
 * same derivation the live board's rows get, so an archived job counts as it did live.
 */
export function docSummarySource(doc: BoardDoc): SummarySource {
  const index = new JobIndex(doc);
  const visits = furtherVisitsByJob(doc);
  const timeRecords = new TimeRecordsByJob(doc.fieldWork.timeEntries.list());
  return {
    jobIds: () => index.list().map((j) => j.id),
    job: (id) => index.get(id),
    historyOf: (id) => index.historyOf(id),
    furtherVisits: (id) => visits.get(id) ?? [],
    timeRecords: (id) => timeRecords.of(id)
  };
}

/** Further visits' statuses per job, from the board's `visits` collection. */
export function furtherVisitsByJob(board: BoardDoc): Map<string, VisitStatus[]> {
  const out = new Map<string, VisitStatus[]>();
  for (const v of board.visits.collection.list()) out.set(v.jobId, [...(out.get(v.jobId) ?? []), v.status]);
  return out;
}

/** Every time-entry record per job (records are add-only: grouped once, then added to as they arrive). */
export class TimeRecordsByJob {
  readonly #byJob = new Map<string, TimeEntry[]>();
  readonly #seen = new Set<string>();

  constructor(records: Iterable<TimeEntry> = []) {
    for (const r of records) this.add(r);
  }

  add(record: TimeEntry): void {
    if (!record.jobId || this.#seen.has(record.id)) return;
    this.#seen.add(record.id);
    const list = this.#byJob.get(record.jobId);
    if (list) list.push(record);
    else this.#byJob.set(record.jobId, [record]);
  }

  of(jobId: string): readonly TimeEntry[] {
    return this.#byJob.get(jobId) ?? [];
  }
}

/**
 * Calls back once per doc transaction with the ids of jobs whose record, events, time entries or further
 * visits it touched (a status event that leaves the status as it was still changes a row).
 * `visitsChanged` tells the caller to regroup further visits. Returns the unsubscribe function.
 */
export function followJobInputs(board: BoardDoc, onChange: (jobIds: Set<string>, visitsChanged: boolean) => void): () => void {
  const offJobs = board.jobs.observe((ids) => onChange(new Set(ids), false));
  const offEvents = board.jobEvents.observe((ids) => {
    const jobIds = new Set<string>();
    for (const id of ids) {
      const jobId = board.jobEvents.get(id)?.jobId;
      if (jobId) jobIds.add(jobId);
    }
    if (jobIds.size) onChange(jobIds, false);
  });
  const offEntries = board.fieldWork.timeEntries.observe((ids) => {
    const jobIds = new Set<string>();
    for (const id of ids) {
      const jobId = board.fieldWork.timeEntries.get(id)?.jobId;
      if (jobId) jobIds.add(jobId);
    }
    if (jobIds.size) onChange(jobIds, false);
  });
  const offVisits = board.visits.collection.observe((ids) => {
    const jobIds = new Set<string>();
    for (const id of ids) {
      const jobId = board.visits.collection.get(id)?.jobId;
      if (jobId) jobIds.add(jobId);
    }
    onChange(jobIds, true);
  });
  return () => {
    offJobs();
    offEvents();
    offEntries();
    offVisits();
  };
}
