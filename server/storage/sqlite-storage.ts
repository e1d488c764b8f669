/**
 * Embedded storage: one SQLite file (DATA_DIR/fieldboard.db) in WAL mode.
 *
 * Durability choice: `synchronous=NORMAL` with WAL. A committed transaction is in the WAL
 * file (the OS page cache at least) when `COMMIT` returns, so it survives the relay process
 * dying at any instant, SIGKILL included; that is our bar. It can lose the last commits on
 * power loss or a kernel crash (the WAL is only fsynced at checkpoints). Operators who need
 * that too set SQLITE_SYNCHRONOUS=FULL (an fsync per group commit, which is why commits are
 * grouped).
 */
import Database from 'better-sqlite3';
import { migrate } from './schema';
import type { AppendResult, LogSize, RelayStorage, RoomAppend, StoredRoom } from './types';

export interface SqliteStorageOptions {
  synchronous: 'NORMAL' | 'FULL';
}

interface SnapshotRow {
  upto_seq: number;
  data: Buffer;
}
interface UpdateRow {
  seq: number;
  data: Buffer;
}
interface SizeRow {
  rows: number;
  bytes: number | null;
}

export class SqliteStorage implements RelayStorage {
  readonly #db: Database.Database;
  readonly #selectSnapshot: Database.Statement<[string], SnapshotRow>;
  readonly #selectUpdates: Database.Statement<[string, number], UpdateRow>;
  readonly #insertUpdate: Database.Statement<[string, Uint8Array, number]>;
  readonly #upsertSnapshot: Database.Statement<[string, number, Uint8Array, number]>;
  readonly #deleteCovered: Database.Statement<[string, number]>;
  readonly #logSize: Database.Statement<[string], SizeRow>;
  #closed = false;

  constructor(file: string, options: SqliteStorageOptions) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`synchronous = ${options.synchronous}`);
    // A second connection (an operator's sqlite3 shell, a backup) may hold the lock briefly.
    this.#db.pragma('busy_timeout = 5000');
    migrate(this.#db);
    this.#selectSnapshot = this.#db.prepare('SELECT upto_seq, data FROM snapshots WHERE room = ?');
    this.#selectUpdates = this.#db.prepare('SELECT seq, data FROM updates WHERE room = ? AND seq > ? ORDER BY seq');
    this.#insertUpdate = this.#db.prepare('INSERT INTO updates (room, data, created_at) VALUES (?, ?, ?)');
    this.#upsertSnapshot = this.#db.prepare(
      `INSERT INTO snapshots (room, upto_seq, data, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (room) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data, created_at = excluded.created_at`
    );
    this.#deleteCovered = this.#db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?');
    this.#logSize = this.#db.prepare('SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM updates WHERE room = ?');
  }

  async loadRoom(roomId: string): Promise<StoredRoom> {
    // One read transaction so the snapshot and the rows after it are a consistent pair.
    return this.#db.transaction((): StoredRoom => {
      const snapshot = this.#selectSnapshot.get(roomId);
      const uptoSeq = snapshot?.upto_seq ?? 0;
      const rows = this.#selectUpdates.all(roomId, uptoSeq);
      let logBytes = 0;
      for (const row of rows) logBytes += row.data.byteLength;
      const last = rows.at(-1);
      return {
        snapshot: snapshot ? snapshot.data : null,
        updates: rows.map((row) => row.data),
        lastSeq: last ? last.seq : uptoSeq,
        logRows: rows.length,
        logBytes
      };
    })();
  }

  async appendBatch(batch: readonly RoomAppend[]): Promise<AppendResult> {
    const now = Date.now();
    const lastSeq = new Map<string, number>();
    this.#db.transaction(() => {
      for (const { roomId, updates } of batch) {
        for (const update of updates) {
          const { lastInsertRowid } = this.#insertUpdate.run(roomId, update, now);
          lastSeq.set(roomId, Number(lastInsertRowid));
        }
      }
    }).immediate();
    return { lastSeq };
  }

  async writeSnapshot(roomId: string, state: Uint8Array, uptoSeq: number): Promise<LogSize> {
    return this.#db.transaction((): LogSize => {
      this.#upsertSnapshot.run(roomId, uptoSeq, state, Date.now());
      this.#deleteCovered.run(roomId, uptoSeq);
      const size = this.#logSize.get(roomId);
      return { rows: size?.rows ?? 0, bytes: size?.bytes ?? 0 };
    }).immediate();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}
