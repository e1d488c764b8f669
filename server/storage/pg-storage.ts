/**
 * Shared storage for several relay instances (DESIGN §6, issue 13 "Past one machine"): the
 * update log and snapshots in PostgreSQL, through `pg`.
 *
 * Order: every room has its own sequence (`fb_rooms.last_seq`). A group commit reserves each
 * room's next numbers with `UPDATE … RETURNING` inside its transaction, so the row lock makes
 * writers of one room commit one after another: the committed sequence numbers of a room are
 * always a gap-free prefix. That is what lets an instance see a missed update as a gap in the
 * numbers (scale-out/room-streams.ts). Rooms are locked in sorted order (no deadlocks between
 * instances committing several rooms at once).
 *
 * Compaction: `writeSnapshot` takes a transaction-scoped advisory lock on the room and only
 * ever moves a snapshot forward, so two instances compacting one room cannot lose rows.
 * Compacted rows move to the history tables (pg-history-store.ts), kept for the retention.
 */
import { crc32 } from 'node:zlib';
import pg from 'pg';
import { z } from 'zod';
import { ACCOUNT_TABLES_SQL } from '../accounts/pg-account-store';
import { LINK_TABLES_SQL } from '../links/pg-link-store';
import { DEFAULT_HISTORY_RETENTION, type HistoryRetention } from './history-types';
import { migrateHistory, PgHistoryStore } from './pg-history-store';
import { seqNumber } from './pg-rows';
import { inTransaction } from './pg-transaction';
import { checkRow } from './room-reader';
import type { AppendResult, BoardGenerationStore, LogSize, RelayStorage, RoomAppend, StoredRoom } from './types';

/** One stored row as the fan-out publishes it. */
export interface CommittedRow {
  roomId: string;
  seq: number;
  data: Uint8Array;
}

export interface PgStorageOptions {
  connectionString: string;
  /** Schema holding the tables (created if missing). */
  schema: string;
  /** Called after COMMIT, before the relay forwards and acknowledges (the Redis XADD). */
  afterCommit?: (rows: readonly CommittedRow[]) => Promise<void>;
  now?: () => number;
  maxConnections?: number;
  /** How long history is kept through compaction (default 30 days, snapshots every 6 h). */
  history?: HistoryRetention;
}

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS fb_rooms (room TEXT PRIMARY KEY, last_seq BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS fb_updates (
  room TEXT NOT NULL, seq BIGINT NOT NULL, data BYTEA NOT NULL, created_at BIGINT NOT NULL,
  checksum BIGINT NOT NULL, author TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (room, seq));
CREATE TABLE IF NOT EXISTS fb_snapshots (
  room TEXT PRIMARY KEY, upto_seq BIGINT NOT NULL, data BYTEA NOT NULL, created_at BIGINT NOT NULL, checksum BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS fb_board_generations (org TEXT PRIMARY KEY, generation BIGINT NOT NULL, updated_at BIGINT NOT NULL);
`;

export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// Rows read back are checked with zod (untrusted input: another instance or an operator wrote them).
const snapshotRowSchema = z.object({ upto_seq: seqNumber, data: z.instanceof(Buffer), checksum: seqNumber });
const updateRowSchema = z.object({ seq: seqNumber, data: z.instanceof(Buffer), checksum: seqNumber });
const sizeRowSchema = z.object({ rows: seqNumber, bytes: z.union([seqNumber, z.null()]) });
const roomSizeRowSchema = z.object({ room: z.string(), bytes: seqNumber });

export class PgStorage implements RelayStorage, BoardGenerationStore {
  readonly pool: pg.Pool;
  /** Who changed what, kept through compaction (pg-history-store.ts). */
  readonly history: PgHistoryStore;
  readonly #options: PgStorageOptions;
  readonly #now: () => number;
  #ready: Promise<void> | null = null;

  constructor(options: PgStorageOptions) {
    // The schema is spliced into SQL and the connection options: an identifier, nothing else.
    if (!SCHEMA_NAME.test(options.schema)) throw new Error(`DATABASE_SCHEMA must be a lower-case SQL identifier, not ${JSON.stringify(options.schema)}`);
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 8,
      options: `-c search_path=${options.schema}`
    });
    // An idle client losing its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.history = new PgHistoryStore(this.pool, options.history ?? DEFAULT_HISTORY_RETENTION, () => this.init());
  }

  /** Creates the schema and tables (idempotent; concurrent starts serialise on an advisory lock). */
  init(): Promise<void> {
    this.#ready ??= this.#transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('fieldboard-schema'))");
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#options.schema}`);
      await client.query(SCHEMA_SQL);
      await migrateHistory(client);
      await client.query(ACCOUNT_TABLES_SQL); // accounts are shared too (accounts/pg-account-store.ts)
      await client.query(LINK_TABLES_SQL); // and the customer links' register (links/pg-link-store.ts)
    });
    return this.#ready;
  }

  async loadRoom(roomId: string): Promise<StoredRoom> {
    await this.init();
    // One snapshot of the database (REPEATABLE READ), so the snapshot and the rows after it match.
    return this.#transaction(async (client) => {
      const snap = await client.query('SELECT upto_seq, data, checksum FROM fb_snapshots WHERE room = $1', [roomId]);
      const snapshot = snap.rows[0] ? snapshotRowSchema.parse(snap.rows[0]) : null;
      const uptoSeq = snapshot?.upto_seq ?? 0;
      const result = await client.query('SELECT seq, data, checksum FROM fb_updates WHERE room = $1 AND seq > $2 ORDER BY seq', [roomId, uptoSeq]);
      const rows = result.rows.map((row) => updateRowSchema.parse(row));
      if (snapshot) checkRow(roomId, 'the snapshot', snapshot.data, snapshot.checksum);
      let logBytes = 0;
      for (const row of rows) {
        checkRow(roomId, `update #${row.seq}`, row.data, row.checksum);
        logBytes += row.data.byteLength;
      }
      return {
        snapshot: snapshot ? snapshot.data : null,
        updates: rows.map((row) => row.data),
        lastSeq: rows.at(-1)?.seq ?? uptoSeq,
        logRows: rows.length,
        logBytes,
        historyBytes: await this.history.bytes(client, roomId)
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async appendBatch(batch: readonly RoomAppend[]): Promise<AppendResult> {
    await this.init();
    const now = this.#now();
    const committed: CommittedRow[] = [];
    const lastSeq = new Map<string, number>();
    const ordered = [...batch].filter((b) => b.updates.length > 0).sort((a, b) => (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
    await this.#transaction(async (client) => {
      for (const { roomId, updates } of ordered) {
        const reserved = await client.query(
          `INSERT INTO fb_rooms (room, last_seq) VALUES ($1, $2)
           ON CONFLICT (room) DO UPDATE SET last_seq = fb_rooms.last_seq + EXCLUDED.last_seq RETURNING last_seq`,
          [roomId, updates.length]
        );
        const last = seqNumber.parse(reserved.rows[0]?.last_seq);
        let seq = last - updates.length;
        for (const { data, by } of updates) {
          seq++;
          await client.query('INSERT INTO fb_updates (room, seq, data, created_at, checksum, author, action) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            roomId,
            seq,
            Buffer.from(data.buffer, data.byteOffset, data.byteLength),
            now,
            crc32(data),
            by.userId,
            by.action
          ]);
          committed.push({ roomId, seq, data });
        }
        lastSeq.set(roomId, last);
      }
    });
    // Durable now. The fan-out (XADD) happens before the caller forwards and acknowledges;
    // it never fails the commit (other instances find a missed row as a gap).
    await this.#options.afterCommit?.(committed);
    return { lastSeq };
  }

  async writeSnapshot(roomId: string, state: Uint8Array, uptoSeq: number): Promise<LogSize> {
    await this.init();
    return this.#transaction(async (client) => {
      // One compactor per room across instances: a second one skips (its rows stay for the next round).
      const lock = await client.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`fieldboard-compact:${roomId}`]);
      if (lock.rows[0]?.ok === true) {
        const data = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
        const [now, checksum] = [this.#now(), crc32(state)];
        const stored = await client.query(
          `INSERT INTO fb_snapshots (room, upto_seq, data, created_at, checksum) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (room) DO UPDATE SET upto_seq = EXCLUDED.upto_seq, data = EXCLUDED.data,
             created_at = EXCLUDED.created_at, checksum = EXCLUDED.checksum
           WHERE fb_snapshots.upto_seq < EXCLUDED.upto_seq`,
          [roomId, uptoSeq, data, now, checksum]
        );
        // Only a snapshot that was really stored covers rows; an older one changes nothing.
        // The covered rows leave the live log but stay in the history for the retention.
        if (stored.rowCount === 1) await this.history.onCompaction(client, roomId, data, uptoSeq, checksum, now);
      }
      const size = sizeRowSchema.parse(
        (await client.query('SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM fb_updates WHERE room = $1', [roomId])).rows[0]
      );
      return { rows: size.rows, bytes: size.bytes ?? 0 };
    });
  }

  async boardGeneration(org: string): Promise<number> {
    await this.init();
    const result = await this.pool.query('SELECT generation FROM fb_board_generations WHERE org = $1', [org]);
    return result.rows[0] ? seqNumber.parse(result.rows[0].generation) : 1;
  }

  async setBoardGeneration(org: string, generation: number): Promise<void> {
    await this.init();
    await this.pool.query(
      `INSERT INTO fb_board_generations (org, generation, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (org) DO UPDATE SET generation = EXCLUDED.generation, updated_at = EXCLUDED.updated_at
       WHERE fb_board_generations.generation < EXCLUDED.generation`,
      [org, generation, this.#now()]
    );
  }

  /**
   * Runs `fn` as the organisation's only board compactor across instances (a session advisory
   * lock, like the per-room compaction lock); null when another instance holds it.
   */
  async asBoardCompactor<T>(org: string, fn: () => Promise<T>): Promise<T | null> {
    await this.init();
    const client = await this.pool.connect();
    try {
      const lock = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`fieldboard-board-generation:${org}`]);
      if (lock.rows[0]?.ok !== true) return null;
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`fieldboard-board-generation:${org}`]);
      }
    } finally {
      client.release();
    }
  }

  /** Each room's last committed sequence number (rooms never written are left out). */
  async headSeqs(roomIds: readonly string[]): Promise<Map<string, number>> {
    await this.init();
    const result = await this.pool.query('SELECT room, last_seq FROM fb_rooms WHERE room = ANY($1::text[])', [roomIds]);
    return new Map(result.rows.map((row) => [z.string().parse(row.room), seqNumber.parse(row.last_seq)]));
  }

  /** Stored bytes per room (snapshot, log and kept history, as with SQLite), for the quotas. */
  async roomSizes(): Promise<Map<string, number>> {
    await this.init();
    const result = await this.pool.query(
      `SELECT room, SUM(bytes) AS bytes FROM (
         SELECT room, SUM(LENGTH(data)) AS bytes FROM fb_updates GROUP BY room
         UNION ALL SELECT room, LENGTH(data) AS bytes FROM fb_snapshots
         UNION ALL SELECT room, SUM(LENGTH(data)) AS bytes FROM fb_history_updates GROUP BY room
         UNION ALL SELECT room, SUM(LENGTH(data)) AS bytes FROM fb_history_snapshots GROUP BY room) AS sizes GROUP BY room`
    );
    return new Map(result.rows.map((row) => roomSizeRowSchema.parse(row)).map((row) => [row.room, row.bytes]));
  }

  /** For /healthz: true when a trivial query answers. */
  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  #transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return inTransaction(this.pool, fn, begin);
  }
}
