/**
 * Reports over archived months on a device that never saw those jobs live (a new laptop, a
 * cleared browser): the months a report range needs (domain/archive/archive-reach.ts, from the
 * live board's markers and the rows present) are opened on demand, a few at a time, their jobs'
 * rows derived by the live board's own summary code and added to the projection (saved like
 * every row), then closed. Months the relay cannot give are listed, never silently dropped.
 */
import { untrack } from 'svelte';
import { monthsForReport, type MonthNeed } from '../domain/archive/archive-reach';
import type { InstantRange } from '../domain/kpi/types';
import { readArchiveMonth, relayReachable } from './archive-reader';
import { board } from './board.svelte';
import { docSummarySource, type SummarySource } from './reporting-projection';
import { workspace } from './workspace.svelte';

/** Months read at once: each is a websocket and a doc in memory. */
const MONTHS_AT_ONCE = 3;

/** The projection as the reach sees it: which jobs have rows, and adding the rows of a source's jobs. */
export interface RowSink {
  has(jobId: string): boolean;
  add(source: SummarySource, jobIds: readonly string[]): void;
}

export class ReportArchiveReach {
  /** Months queued or being read. */
  loading = $state<string[]>([]);
  /** Months the range needs that could not be reached: the figures exclude their jobs. */
  unreachable = $state<string[]>([]);
  #sink: RowSink | null = null;
  /** Months read from the relay since the sink was attached: never read again for it. */
  readonly #done = new Set<string>();
  #queue: MonthNeed[] = [];
  #reading = 0;

  attach(sink: RowSink): void {
    this.#sink = sink;
    this.#done.clear();
  }

  detach(): void {
    this.#sink = null;
    this.#queue = [];
    this.loading = [];
    this.unreachable = [];
  }

  /**
   * Reads the months `range` needs that are not read or being read. Reactive on the markers
   * (they arrive with the board) and on the relay connection: months that could not be reached
   * are tried again once it is back.
   */
  cover(range: InstantRange): void {
    void board.jobs;
    const online = relayReachable();
    const timeZone = board.timeZone;
    const doc = workspace.board;
    untrack(() => {
      const sink = this.#sink;
      if (!doc || !sink) return;
      const needs = monthsForReport(doc.archiveMoves.list(), range, timeZone, (id) => sink.has(id));
      const needed = new Set(needs.map((n) => n.month));
      this.unreachable = this.unreachable.filter((m) => needed.has(m));
      const queued: string[] = [];
      for (const need of needs) {
        if (this.#done.has(need.month) || this.loading.includes(need.month)) continue;
        if (!online && this.unreachable.includes(need.month)) continue;
        this.#queue.push(need);
        queued.push(need.month);
      }
      if (queued.length) this.loading = [...this.loading, ...queued];
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#reading < MONTHS_AT_ONCE && this.#queue.length) {
      const need = this.#queue.shift()!;
      this.#reading++;
      void this.#read(need).finally(() => {
        this.#reading--;
        this.loading = this.loading.filter((m) => m !== need.month);
        this.#pump();
      });
    }
  }

  async #read(need: MonthNeed): Promise<void> {
    const sink = this.#sink;
    if (!sink) return;
    const result = await readArchiveMonth(need.month, ({ archive, fromRelay }) => {
      sink.add(docSummarySource(archive), need.missingJobIds);
      return { fromRelay, complete: need.missingJobIds.every((id) => sink.has(id)) };
    }).catch(() => ({ fromRelay: false, complete: false }));
    if (!result || sink !== this.#sink) return;
    const others = this.unreachable.filter((m) => m !== need.month);
    // Read from the relay: done, even if a job stays unreadable there (reading again would not help).
    if (result.fromRelay || result.complete) {
      this.#done.add(need.month);
      this.unreachable = others;
    } else this.unreachable = [...others, need.month].sort().reverse();
  }
}
