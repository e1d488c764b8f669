/**
 * A room's history in SQLite (schema migration 4): every stored row with the user the relay
 * saw write it, kept through compaction for a retention, plus snapshots at intervals so a
 * past state is rebuilt from the nearest snapshot instead of from the room's first row.
 *
 * Where rows live: the live log (`updates`, what a room loads: rows after its snapshot) and,
 * once a compaction covered them, `history_updates` (same seq, same bytes, same author).
 * Compaction copies its snapshot to `history_snapshots` when the newest one there is older
 * than `snapshotEveryMs`.
 *
 * Retention invariant: for every point p >= earliestSeq(room), the newest history snapshot
 * with upto_seq <= p (or the empty doc when there is none) plus every row in (upto_seq, p]
 * is still stored. Pruning keeps it: it drops only what precedes the newest history snapshot
 * that is itself older than the retention (that snapshot becomes the earliest point).
 */
import type { Database, Statement } from 'better-sqlite3';
import { checkRow } from './room-reader';
import {
  toHistoryRow,
  type HistoryRetention,
  type HistoryRowData,
  type HistorySource,
  type RawHistoryRow,
  type HistoryRow,
  type Rebuild
} from './history-types';

export { DEFAULT_HISTORY_RETENTION, type HistoryRetention, type HistoryRow, type HistoryRowData } from './history-types';

type RawRow = RawHistoryRow;
interface RawDataRow extends RawRow {
  data: Buffer;
  checksum: number | null;
}
interface SnapshotRow {
  upto_seq: number;
  data: Buffer;
  checksum: number | null;
}

/** Both row tables as one (a row is in exactly one of them). */
const ALL_ROWS = `(SELECT seq, room, data, created_at, checksum, author, action FROM updates
                   UNION ALL SELECT seq, room, data, created_at, checksum, author, action FROM history_updates)`;

export class HistoryStore implements HistorySource {
  readonly #archiveCovered: Statement<[string, number]>;
  readonly #newestSnapshot: Statement<[string], { created_at: number }>;
  readonly #insertSnapshot: Statement<[string, number, Uint8Array, number, number]>;
  readonly #pruneBase: Statement<[string, number], { upto_seq: number }>;
  readonly #pruneSnapshots: Statement<[string, number]>;
  readonly #pruneRows: Statement<[string, number]>;
  readonly #list: Statement<[string, number, number], RawRow>;
  readonly #earliest: Statement<[string], { seq: number | null }>;
  readonly #rowAtOrBefore: Statement<[string, number], { seq: number }>;
  readonly #seqAt: Statement<[string, number], { seq: number | null }>;
  readonly #lastSeq: Statement<[string], { seq: number | null }>;
  readonly #baseFor: Statement<[string, number], SnapshotRow>;
  readonly #rowsBetween: Statement<[string, number, number], RawDataRow>;

  constructor(
    private readonly db: Database,
    readonly retention: HistoryRetention
  ) {
    this.#archiveCovered = db.prepare(
      `INSERT INTO history_updates (seq, room, data, created_at, checksum, author, action)
       SELECT seq, room, data, created_at, checksum, author, action FROM updates WHERE room = ? AND seq <= ?`
    );
    this.#newestSnapshot = db.prepare('SELECT created_at FROM history_snapshots WHERE room = ? ORDER BY upto_seq DESC LIMIT 1');
    this.#insertSnapshot = db.prepare(
      'INSERT OR REPLACE INTO history_snapshots (room, upto_seq, data, created_at, checksum) VALUES (?, ?, ?, ?, ?)'
    );
    this.#pruneBase = db.prepare(
      'SELECT upto_seq FROM history_snapshots WHERE room = ? AND created_at <= ? ORDER BY upto_seq DESC LIMIT 1'
    );
    this.#pruneSnapshots = db.prepare('DELETE FROM history_snapshots WHERE room = ? AND upto_seq < ?');
    this.#pruneRows = db.prepare('DELETE FROM history_updates WHERE room = ? AND seq <= ?');
    this.#list = db.prepare(
      `SELECT seq, created_at, author, action, LENGTH(data) AS bytes FROM ${ALL_ROWS}
       WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?`
    );
    this.#earliest = db.prepare('SELECT MIN(upto_seq) AS seq FROM history_snapshots WHERE room = ?');
    this.#rowAtOrBefore = db.prepare('SELECT seq FROM history_updates WHERE room = ? AND seq <= ? LIMIT 1');
    this.#seqAt = db.prepare(`SELECT MAX(seq) AS seq FROM ${ALL_ROWS} WHERE room = ? AND created_at <= ?`);
    this.#lastSeq = db.prepare(`SELECT MAX(seq) AS seq FROM ${ALL_ROWS} WHERE room = ?`);
    this.#baseFor = db.prepare(
      'SELECT upto_seq, data, checksum FROM history_snapshots WHERE room = ? AND upto_seq <= ? ORDER BY upto_seq DESC LIMIT 1'
    );
    this.#rowsBetween = db.prepare(
      `SELECT seq, created_at, author, action, LENGTH(data) AS bytes, data, checksum FROM ${ALL_ROWS}
       WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq`
    );
  }

  /**
   * Called by compaction inside its transaction, before the covered rows leave the live log:
   * keeps them as history, keeps the snapshot if one is due, and prunes what the retention
   * no longer needs.
   */
  onCompaction(roomId: string, state: Uint8Array, uptoSeq: number, checksum: number, now: number): void {
    this.#archiveCovered.run(roomId, uptoSeq);
    const newest = this.#newestSnapshot.get(roomId);
    if (!newest || now - newest.created_at >= this.retention.snapshotEveryMs) {
      this.#insertSnapshot.run(roomId, uptoSeq, state, now, checksum);
    }
    const base = this.#pruneBase.get(roomId, now - this.retention.retentionMs);
    if (base) {
      this.#pruneSnapshots.run(roomId, base.upto_seq);
      this.#pruneRows.run(roomId, base.upto_seq);
    }
  }

  /** Rows with seq < before, newest first. */
  async list(roomId: string, before: number, limit: number): Promise<HistoryRow[]> {
    return this.#list.all(roomId, before, limit).map(toHistoryRow);
  }

  /**
   * The oldest point that can be rebuilt; 0 when every row since the room began is kept.
   * Rows at or before the oldest kept snapshot exist only if nothing was ever pruned (pruning
   * drops all of them; so did compaction before history was kept).
   */
  async earliestSeq(roomId: string): Promise<number> {
    const oldest = this.#earliest.get(roomId)?.seq ?? null;
    if (oldest === null || this.#rowAtOrBefore.get(roomId, oldest)) return 0;
    return oldest;
  }

  /** The last stored row at or before `atMs` (0: before the first row). */
  async seqAt(roomId: string, atMs: number): Promise<number> {
    return this.#seqAt.get(roomId, atMs)?.seq ?? 0;
  }

  async lastSeq(roomId: string): Promise<number> {
    return this.#lastSeq.get(roomId)?.seq ?? 0;
  }

  /**
   * What rebuilds the state at `seq`: the nearest history snapshot at or before it (null:
   * start from an empty doc) and the rows after it up to `seq`, plus the rows after `seq` up
   * to `until` (for replays that go on to now). Read in one transaction; checksums checked.
   */
  async rebuild(roomId: string, seq: number, until = seq): Promise<Rebuild> {
    return this.db.transaction((): Rebuild => {
      const base = this.#baseFor.get(roomId, seq);
      if (base) checkRow(roomId, `history snapshot #${base.upto_seq}`, base.data, base.checksum);
      const baseSeq = base?.upto_seq ?? 0;
      const rows = this.#rowsBetween.all(roomId, baseSeq, Math.max(seq, until)).map((raw) => {
        checkRow(roomId, `update #${raw.seq}`, raw.data, raw.checksum);
        return { ...toHistoryRow(raw), data: raw.data } satisfies HistoryRowData;
      });
      return { snapshot: base ? base.data : null, baseSeq, rows };
    })();
  }
}
