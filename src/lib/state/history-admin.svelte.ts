/**
 * Settings → History for admins: a room's changes (who, when, how big), a preview of the
 * room at a chosen change, and the two ways back (restore to that point; undo one user's
 * changes from a change on). Restore and undo run on the relay (server/README.md "History");
 * their result reaches this device through sync like any other change.
 */
import { historyApi, type HistoryApi } from '../api/history-api';
import { formFailureOf } from '../api/form-failure';
import type { LiveDocName } from '../domain/access/roles';
import type { HistoryChangeResult, HistoryEntry, HistoryPreview } from '../domain/history/history-schemas';
import { authorized } from './authorized';

const OFFLINE = "You're offline — the history lives on the server.";

export class HistoryAdmin {
  doc = $state<LiveDocName>('board');
  entries = $state<HistoryEntry[]>([]);
  nextBefore = $state<number | null>(null);
  earliestSeq = $state(0);
  loading = $state(false);
  /** Why the last request failed (form-level text), or null. */
  error = $state<string | null>(null);
  preview = $state<HistoryPreview | null>(null);
  /** A restore or undo on its way. */
  busy = $state(false);

  constructor(private readonly api: HistoryApi) {}

  /** Loads the newest page of `doc`'s history (and forgets the preview). */
  async load(doc: LiveDocName = this.doc): Promise<void> {
    this.doc = doc;
    this.preview = null;
    await this.#request(async () => {
      const page = await authorized((token) => this.api.list(token, doc));
      this.entries = page.entries;
      this.nextBefore = page.nextBefore;
      this.earliestSeq = page.earliestSeq;
    });
  }

  /** Appends the next (older) page. */
  async more(): Promise<void> {
    const before = this.nextBefore;
    if (before === null) return;
    await this.#request(async () => {
      const page = await authorized((token) => this.api.list(token, this.doc, before));
      this.entries = [...this.entries, ...page.entries];
      this.nextBefore = page.nextBefore;
    });
  }

  /** Shows the room as it was right after change `seq`. */
  async show(seq: number): Promise<void> {
    await this.#request(async () => {
      this.preview = await authorized((token) => this.api.preview(token, this.doc, seq));
    });
  }

  /** Brings the room back to how it was right after change `seq`; null when it failed (see `error`). */
  restore(seq: number): Promise<HistoryChangeResult | null> {
    return this.#change(() => authorized((token) => this.api.restore(token, this.doc, seq)));
  }

  /** Undoes what `userId` changed from change `seq` on (that change included). */
  undoFrom(userId: string, seq: number): Promise<HistoryChangeResult | null> {
    return this.#change(() => authorized((token) => this.api.undo(token, this.doc, userId, seq - 1)));
  }

  /** Forgets everything shown (sign-out: the next user may be of another organisation). */
  clear(): void {
    this.entries = [];
    this.nextBefore = null;
    this.earliestSeq = 0;
    this.preview = null;
    this.error = null;
  }

  async #change(run: () => Promise<HistoryChangeResult>): Promise<HistoryChangeResult | null> {
    this.busy = true;
    try {
      let result: HistoryChangeResult | null = null;
      await this.#request(async () => {
        result = await run();
      });
      if (result) await this.load();
      return result;
    } finally {
      this.busy = false;
    }
  }

  async #request(run: () => Promise<void>): Promise<void> {
    this.loading = true;
    try {
      await run();
      this.error = null;
    } catch (error) {
      this.error = formFailureOf(error, { offline: OFFLINE }).message;
    } finally {
      this.loading = false;
    }
  }
}

export const historyAdmin = new HistoryAdmin(historyApi);
