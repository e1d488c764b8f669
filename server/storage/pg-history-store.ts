/**
 * A room's history in PostgreSQL (several instances; server/README.md "History" and "Several
 * instances"): the same design and invariant as the SQLite store (history-store.ts,
 * history-types.ts). `fb_updates` already keeps each row's author (token subject) and action
 * beside the relay's time; compaction moves the rows it covers to `fb_history_updates`
 * instead of deleting them, keeps a copy of its snapshot in `fb_history_snapshots` at
 * intervals, and prunes what the retention no longer needs, all inside the compaction's
 * transaction (which holds the room's advisory lock: one compactor per room).
 */
import type pg from 'pg';
import { z } from 'zod';
import {
  toHistoryRow,
  type HistoryRetention,
  type HistoryRow,
  type HistoryRowData,
  type HistorySource,
  type Rebuild
} from './history-types';
import { inTransaction } from './pg-transaction';
import { seqNumber } from './pg-rows';
import { checkRow } from './room-reader';

/** Tables added beside fb_updates/fb_snapshots (idempotent; run by PgStorage.init). */
const HISTORY_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS fb_history_updates (
  room TEXT NOT NULL, seq BIGINT NOT NULL, data BYTEA NOT NULL, created_at BIGINT NOT NULL,
  checksum BIGINT NOT NULL, author TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (room, seq));
CREATE TABLE IF NOT EXISTS fb_history_snapshots (
  room TEXT NOT NULL, upto_seq BIGINT NOT NULL, data BYTEA NOT NULL, created_at BIGINT NOT NULL,
  checksum BIGINT NOT NULL, PRIMARY KEY (room, upto_seq));
`;

/**
 * Creates the history tables. On the first run against a schema that predates them, each
 * room's current snapshot becomes its earliest point (the rows it covered were deleted), as
 * the SQLite v4 migration does. Runs under PgStorage.init's advisory lock, so it happens once.
 */
export async function migrateHistory(client: pg.PoolClient): Promise<void> {
  const existed = await client.query("SELECT to_regclass('fb_history_snapshots') IS NOT NULL AS ok");
  await client.query(HISTORY_TABLES_SQL);
  if (existed.rows[0]?.ok !== true) {
    await client.query(
      `INSERT INTO fb_history_snapshots (room, upto_seq, data, created_at, checksum)
       SELECT room, upto_seq, data, created_at, checksum FROM fb_snapshots ON CONFLICT DO NOTHING`
    );
  }
}

const rowSchema = z.object({
  seq: seqNumber,
  created_at: seqNumber,
  author: z.string().nullable(),
  action: z.string().nullable(),
  bytes: seqNumber
});
const dataRowSchema = rowSchema.extend({ data: z.instanceof(Buffer), checksum: seqNumber });
const snapshotSchema = z.object({ upto_seq: seqNumber, data: z.instanceof(Buffer), checksum: seqNumber });
const maybeSeq = z.object({ seq: z.union([seqNumber, z.null()]) });

const ROW_COLUMNS = 'seq, created_at, author, action, LENGTH(data) AS bytes';

/**
 * Both row tables as one, filtered (and, with `tail`, ordered and limited) per arm so each
 * walks its own (room, seq) key instead of the union being sorted whole: `$1` is the room.
 */
function allRows(columns: string, where: string, tail = ''): string {
  return `((SELECT ${columns} FROM fb_updates WHERE room = $1 AND ${where} ${tail})
           UNION ALL (SELECT ${columns} FROM fb_history_updates WHERE room = $1 AND ${where} ${tail}))`;
}

export class PgHistoryStore implements HistorySource {
  constructor(
    private readonly pool: pg.Pool,
    readonly retention: HistoryRetention,
    private readonly ready: () => Promise<void>
  ) {}

  /**
   * Inside compaction's transaction, once its snapshot is stored: moves the covered rows out
   * of the live log into the history, keeps the snapshot if one is due, prunes.
   */
  async onCompaction(client: pg.PoolClient, roomId: string, state: Buffer, uptoSeq: number, checksum: number, now: number): Promise<void> {
    await client.query(
      `WITH moved AS (DELETE FROM fb_updates WHERE room = $1 AND seq <= $2
                      RETURNING room, seq, data, created_at, checksum, author, action)
       INSERT INTO fb_history_updates (room, seq, data, created_at, checksum, author, action)
       SELECT room, seq, data, created_at, checksum, author, action FROM moved ON CONFLICT DO NOTHING`,
      [roomId, uptoSeq]
    );
    const newest = await client.query('SELECT created_at FROM fb_history_snapshots WHERE room = $1 ORDER BY upto_seq DESC LIMIT 1', [roomId]);
    const newestAt = newest.rows[0] ? seqNumber.parse(newest.rows[0].created_at) : null;
    if (newestAt === null || now - newestAt >= this.retention.snapshotEveryMs) {
      await client.query(
        `INSERT INTO fb_history_snapshots (room, upto_seq, data, created_at, checksum) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (room, upto_seq) DO UPDATE SET data = EXCLUDED.data, created_at = EXCLUDED.created_at, checksum = EXCLUDED.checksum`,
        [roomId, uptoSeq, state, now, checksum]
      );
    }
    const base = await client.query(
      'SELECT upto_seq FROM fb_history_snapshots WHERE room = $1 AND created_at <= $2 ORDER BY upto_seq DESC LIMIT 1',
      [roomId, now - this.retention.retentionMs]
    );
    if (base.rows[0]) {
      const baseSeq = seqNumber.parse(base.rows[0].upto_seq);
      await client.query('DELETE FROM fb_history_snapshots WHERE room = $1 AND upto_seq < $2', [roomId, baseSeq]);
      await client.query('DELETE FROM fb_history_updates WHERE room = $1 AND seq <= $2', [roomId, baseSeq]);
    }
  }

  async list(roomId: string, before: number, limit: number): Promise<HistoryRow[]> {
    await this.ready();
    const result = await this.pool.query(`SELECT * FROM ${allRows(ROW_COLUMNS, 'seq < $2', 'ORDER BY seq DESC LIMIT $3')} AS r ORDER BY seq DESC LIMIT $3`, [
      roomId,
      before,
      limit
    ]);
    return result.rows.map((row) => toHistoryRow(rowSchema.parse(row)));
  }

  /** As history-store.ts: rows at or before the oldest kept snapshot exist only if nothing was pruned. */
  async earliestSeq(roomId: string): Promise<number> {
    await this.ready();
    return inTransaction(
      this.pool,
      async (client) => {
        const oldest = maybeSeq.parse((await client.query('SELECT MIN(upto_seq) AS seq FROM fb_history_snapshots WHERE room = $1', [roomId])).rows[0]).seq;
        if (oldest === null) return 0;
        const kept = await client.query('SELECT 1 FROM fb_history_updates WHERE room = $1 AND seq <= $2 LIMIT 1', [roomId, oldest]);
        return kept.rows.length > 0 ? 0 : oldest;
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
    );
  }

  async seqAt(roomId: string, atMs: number): Promise<number> {
    await this.ready();
    const result = await this.pool.query(`SELECT MAX(seq) AS seq FROM ${allRows('seq', 'created_at <= $2')} AS r`, [roomId, atMs]);
    return maybeSeq.parse(result.rows[0]).seq ?? 0;
  }

  async lastSeq(roomId: string): Promise<number> {
    await this.ready();
    // GREATEST skips NULL (a table without rows of the room); each MAX reads one index entry.
    const result = await this.pool.query(
      `SELECT GREATEST((SELECT MAX(seq) FROM fb_updates WHERE room = $1), (SELECT MAX(seq) FROM fb_history_updates WHERE room = $1)) AS seq`,
      [roomId]
    );
    return maybeSeq.parse(result.rows[0]).seq ?? 0;
  }

  /** One REPEATABLE READ cut: a compaction moving rows meanwhile is seen wholly or not at all. */
  async rebuild(roomId: string, seq: number, until = seq): Promise<Rebuild> {
    await this.ready();
    return inTransaction(
      this.pool,
      async (client): Promise<Rebuild> => {
        const baseRow = (
          await client.query('SELECT upto_seq, data, checksum FROM fb_history_snapshots WHERE room = $1 AND upto_seq <= $2 ORDER BY upto_seq DESC LIMIT 1', [
            roomId,
            seq
          ])
        ).rows[0];
        const base = baseRow ? snapshotSchema.parse(baseRow) : null;
        if (base) checkRow(roomId, `history snapshot #${base.upto_seq}`, base.data, base.checksum);
        const baseSeq = base?.upto_seq ?? 0;
        const result = await client.query(`SELECT * FROM ${allRows(`${ROW_COLUMNS}, data, checksum`, 'seq > $2 AND seq <= $3')} AS r ORDER BY seq`, [
          roomId,
          baseSeq,
          Math.max(seq, until)
        ]);
        const rows = result.rows.map((raw): HistoryRowData => {
          const row = dataRowSchema.parse(raw);
          checkRow(roomId, `update #${row.seq}`, row.data, row.checksum);
          return { ...toHistoryRow(row), data: row.data };
        });
        return { snapshot: base ? base.data : null, baseSeq, rows };
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
    );
  }

  /** Bytes of the room's kept history (for the quotas, like SQLite's). */
  async bytes(client: pg.PoolClient, roomId: string): Promise<number> {
    const result = await client.query(
      `SELECT COALESCE((SELECT SUM(LENGTH(data)) FROM fb_history_updates WHERE room = $1), 0)
            + COALESCE((SELECT SUM(LENGTH(data)) FROM fb_history_snapshots WHERE room = $1), 0) AS bytes`,
      [roomId]
    );
    return seqNumber.parse(result.rows[0]?.bytes);
  }
}
