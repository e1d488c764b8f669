/**
 * "Search archived work" under the board search (issue 13): looks through the archive months
 * newest first, a few at a time, skipping those the markers rule out (a job number in no
 * month's `numbers`), and lists the archived jobs matching the query as the board search
 * would. Each month is opened, searched and closed; Stop closes the ones being read.
 */
import { archivedMatches, monthsForSearch, type ArchivedMatch } from '../domain/archive/archive-reach';
import { isRole, roomAccess } from '../domain/access/roles';
import { readArchiveMonth } from './archive-reader';
import { board } from './board.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

/** Months read at once: each is a websocket and a doc in memory. */
const MONTHS_AT_ONCE = 3;

export class ArchiveSearch {
  /** The query the shown results are for (`''`: none started). */
  query = $state('');
  /** Matches so far, newest month first. */
  results = $state.raw<ArchivedMatch[]>([]);
  /** Months to search, months searched so far, months the markers ruled out. */
  total = $state(0);
  searched = $state(0);
  skipped = $state(0);
  running = $state(false);
  stopped = $state(false);
  /** Months searched from this device's copy only (the server was not reachable): results may be incomplete. */
  unreachable = $state<string[]>([]);
  #run = 0;
  readonly #closers = new Set<() => void>();

  /** Whether there is archived work this person may read (reactive: markers arrive with the board). */
  get available(): boolean {
    void board.jobs;
    const role = session.claims?.role;
    if (!role || !isRole(role) || roomAccess(role, 'archive-2000-01') === 'none') return false;
    return (workspace.board?.archiveMoves.list().length ?? 0) > 0;
  }

  /** Starts searching for `query` (stopping any search under way). */
  start(query: string): void {
    this.#halt();
    const doc = workspace.board;
    const text = query.trim();
    if (!doc || !text) return;
    const run = this.#run;
    const plan = monthsForSearch(doc.archiveMoves.list(), text);
    this.query = text;
    this.results = [];
    this.total = plan.open.length;
    this.searched = 0;
    this.skipped = plan.skipped.length;
    this.unreachable = [];
    this.stopped = false;
    this.running = plan.open.length > 0;
    const queue = [...plan.open];
    const worker = async (): Promise<void> => {
      while (queue.length && run === this.#run) await this.#search(run, queue.shift()!, text);
    };
    void Promise.all(Array.from({ length: MONTHS_AT_ONCE }, worker)).finally(() => {
      if (run === this.#run) this.running = false;
    });
  }

  /** Stops the search under way; what it found so far stays listed. */
  stop(): void {
    if (!this.running) return;
    this.#halt();
    this.stopped = true;
  }

  /** Forgets the search (the query changed, or the page closes). */
  clear(): void {
    this.#halt();
    this.query = '';
    this.results = [];
    this.total = this.searched = this.skipped = 0;
    this.unreachable = [];
    this.stopped = false;
  }

  #halt(): void {
    this.#run++;
    for (const close of this.#closers) close();
    this.#closers.clear();
    this.running = false;
  }

  async #search(run: number, month: string, text: string): Promise<void> {
    let close: (() => void) | null = null;
    const found = await readArchiveMonth(
      month,
      ({ archive, fromRelay }) => ({ matches: archivedMatches(archive.listJobs(), text, month), fromRelay }),
      (c) => {
        close = c;
        this.#closers.add(c);
      }
    ).catch(() => null);
    if (close) this.#closers.delete(close);
    if (run !== this.#run) return;
    this.searched++;
    if (!found?.fromRelay) this.unreachable = [...this.unreachable, month].sort().reverse();
    if (found?.matches.length) this.results = [...this.results, ...found.matches].sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0));
  }
}
