/**
 * The history contract (server/README.md "History"): what the history service reads, kept
 * by the SQLite store (history-store.ts) and the Postgres one (pg-history-store.ts) alike.
 *
 * Retention invariant both keep: for every point p >= earliestSeq(room), the newest history
 * snapshot with upto_seq <= p (or the empty doc when there is none) plus every row in
 * (upto_seq, p] is still stored. Pruning drops only what precedes the newest history
 * snapshot that is itself older than the retention (that snapshot becomes the earliest point).
 */
import type { ChangeAction } from '../../src/lib/domain/history/history-schemas';

export interface HistoryRetention {
  /** Rows and snapshots older than this are pruned (keeping the base of the oldest point). */
  retentionMs: number;
  /** A compaction keeps a copy of its snapshot when the newest kept one is older than this. */
  snapshotEveryMs: number;
}

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = {
  retentionMs: 30 * 24 * 3600_000,
  snapshotEveryMs: 6 * 3600_000
};

/** One stored row, newest-first in lists. `author`/`action` are null for pre-history rows. */
export interface HistoryRow {
  seq: number;
  createdAt: number;
  author: string | null;
  action: ChangeAction | null;
  bytes: number;
}

export interface HistoryRowData extends HistoryRow {
  data: Uint8Array;
}

/** What rebuilds a past state: a base snapshot (null: the empty doc) and the rows after it. */
export interface Rebuild {
  snapshot: Uint8Array | null;
  baseSeq: number;
  rows: HistoryRowData[];
}

/** Reading a room's kept history. Async so a shared database fits; SQLite answers at once. */
export interface HistorySource {
  /** Rows with seq < before, newest first. */
  list(roomId: string, before: number, limit: number): Promise<HistoryRow[]>;
  /** The oldest point that can be rebuilt; 0 when every row since the room began is kept. */
  earliestSeq(roomId: string): Promise<number>;
  /** The last stored row at or before `atMs` (0: before the first row). */
  seqAt(roomId: string, atMs: number): Promise<number>;
  lastSeq(roomId: string): Promise<number>;
  /**
   * The nearest history snapshot at or before `seq` and the rows after it up to
   * max(seq, until), read as one consistent cut, checksums checked.
   */
  rebuild(roomId: string, seq: number, until?: number): Promise<Rebuild>;
}

/** Raw row shape shared by both stores' SQL. */
export interface RawHistoryRow {
  seq: number;
  created_at: number;
  author: string | null;
  action: string | null;
  bytes: number;
}

export function toHistoryRow(raw: RawHistoryRow): HistoryRow {
  return { seq: raw.seq, createdAt: raw.created_at, author: raw.author, action: raw.action as ChangeAction | null, bytes: raw.bytes };
}
