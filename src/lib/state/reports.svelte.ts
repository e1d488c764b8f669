/**
 * The reporting projection for the dashboard and the wall: loads this device's saved rows
 * (local/reporting-store.ts), re-derives only the jobs that changed since, follows every doc
 * transaction to keep the rows current, and saves changed rows in the background. Pages call
 * `use()` while they show reports; the projection follows the board only while someone does.
 *
 * Constructed at module level inside `$effect.root`, so its effects and deriveds outlive the
 * page that first used it (a rune instance created during a component's init would be owned by it).
 */
import { untrack } from 'svelte';
import type { JobSummary } from '../domain/kpi/job-summary';
import type { InstantRange } from '../domain/kpi/types';
import { RowColumns } from '../domain/kpi/row-columns';
import type { VisitStatus } from '../domain/scheduling/visit';
import { ReportingStore } from '../local/reporting-store';
import type { BoardDoc } from '../sync/board-doc';
import { board } from './board.svelte';
import { reportInfo } from './errors.svelte';
import { reportMoney } from './report-money.svelte';
import { ReportArchiveReach } from './report-archive.svelte';
import { followJobInputs, furtherVisitsByJob, ReportingProjection, TimeRecordsByJob, type SummarySource } from './reporting-projection';
import { workspace } from './workspace.svelte';

/** Changed rows are saved at most this often. */
const SAVE_EVERY_MS = 1000;

class ReportsState {
  /** Every job's summary row (replaced once per doc transaction that changed a row). */
  rows = $state.raw<JobSummary[]>([]);
  #columns = new RowColumns();
  /** True once rows reflect the open board. */
  ready = $state(false);
  /** Archived months opened for the shown range when this device lacks their jobs' rows. */
  readonly archive = new ReportArchiveReach();
  #users = $state(0);
  /** Whether any page shows reports: the projection follows the board only then (and is not re-opened when one page hands over to another). */
  readonly #needed = $derived(this.#users > 0);

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const doc = workspace.board;
        const room = workspace.boardRoom;
        if (!doc || !room || !board.attached || !this.#needed) return;
        let stop = false;
        let detach: (() => void) | null = null;
        void this.#attach(doc, room, () => stop).then((off) => {
          if (stop) off();
          else detach = off;
        });
        return () => {
          stop = true;
          detach?.();
          this.ready = false;
        };
      });
    });
  }

  /** The rows as columns (what the dashboard computes from). Reads `rows` so readers re-run when a change replaces them. */
  get columns(): RowColumns {
    void this.rows;
    return this.#columns;
  }

  /** Call in an `$effect` with the shown range: reads the archived months it needs (report-archive.svelte.ts). */
  coverArchive(range: InstantRange): void {
    if (this.ready) this.archive.cover(range);
  }

  /** Call while a page shows reports (in an `$effect`); returns the release function. */
  use(): () => void {
    // Untracked: the caller's effect must not depend on the count it changes (it would loop).
    untrack(() => this.#users++);
    const releaseMoney = reportMoney.use();
    return () => {
      releaseMoney();
      untrack(() => this.#users--);
    };
  }

  async #attach(doc: BoardDoc, room: string, stopped: () => boolean): Promise<() => void> {
    let visits = furtherVisitsByJob(doc);
    const entries = doc.fieldWork.timeEntries;
    const timeRecords = new TimeRecordsByJob(entries.list());
    // Registered before followJobInputs: the records are grouped by the time its flush re-derives rows.
    const offRecords = entries.observe((ids) => {
      for (const id of ids) {
        const record = entries.get(id);
        if (record) timeRecords.add(record);
      }
    });
    const source: SummarySource = {
      jobIds: () => board.jobs.map((j) => j.id),
      job: (id) => board.job(id),
      historyOf: (id) => board.historyOf(id),
      furtherVisits: (id): readonly VisitStatus[] => visits.get(id) ?? [],
      timeRecords: (id) => timeRecords.of(id)
    };
    const store = new ReportingStore(room);
    const loaded = await store.load();
    const projection = new ReportingProjection(loaded.ok ? loaded.rows : []);
    // Changes that arrive while the saved rows load are caught by reconciling afterwards.
    let unsaved: JobSummary[] = [];
    let saveTimer: ReturnType<typeof setTimeout> | null = null;
    const save = (): Promise<void> => {
      saveTimer = null;
      const rows = unsaved;
      unsaved = [];
      // Derived data: a failed save costs a re-derive on the next open, nothing else.
      return store.put(rows).catch(() => {});
    };
    const queueSave = (rows: JobSummary[]) => {
      if (!rows.length) return;
      unsaved.push(...rows);
      saveTimer ??= setTimeout(() => void save(), SAVE_EVERY_MS);
    };
    if (stopped()) {
      offRecords();
      store.close();
      return () => {};
    }
    if (loaded.ok) queueSave(projection.reconcile(source));
    else {
      if (loaded.reason !== 'empty') reportInfo('Reports index rebuilt', loaded.message, 'Nothing was lost: the reports are computed from the board.', 'warning');
      projection.rebuild(source);
      store.replaceAll(projection.list()).catch(() => {});
    }
    this.#columns = projection.columns;
    this.rows = projection.list();
    this.archive.attach({
      has: (id) => projection.get(id) !== undefined,
      add: (archived, ids) => {
        const added = projection.update(archived, ids);
        if (!added.length) return;
        this.#columns = projection.columns;
        this.rows = projection.list();
        queueSave(added);
      }
    });
    this.ready = true;

    let pending = new Set<string>();
    let regroup = false;
    let queued = false;
    const flush = () => {
      queued = false;
      if (regroup) visits = furtherVisitsByJob(doc);
      regroup = false;
      const ids = pending;
      pending = new Set();
      const changed = projection.update(source, ids);
      if (changed.length) {
        this.#columns = projection.columns;
        this.rows = projection.list();
        queueSave(changed);
      }
    };
    const off = followJobInputs(doc, (ids, visitsChanged) => {
      for (const id of ids) pending.add(id);
      regroup ||= visitsChanged;
      // After the transaction: the board's own index has taken it in by then.
      if (!queued) queueMicrotask(flush);
      queued = true;
    });
    return () => {
      this.archive.detach();
      off();
      offRecords();
      if (saveTimer) clearTimeout(saveTimer);
      void save().finally(() => store.close());
    };
  }
}

export const reports = new ReportsState();
