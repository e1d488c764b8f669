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
import fs from 'node:fs';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { Checkpointer } from './checkpointer';
import { DEFAULT_HISTORY_RETENTION, HistoryStore, type HistoryRetention } from './history-store';
import { readRoom } from './room-reader';
import { migrate } from './schema';
import type { AppendResult, BoardGenerationStore, LogSize, RelayStorage, RoomAppend, StoredRoom } from './types';

export interface SqliteStorageOptions {
  synchronous: 'NORMAL' | 'FULL';
  /** Checkpoint the WAL from a worker thread every this many ms instead of inside commits (the relay). */
  checkpointEveryMs?: number;
  log?: Logger;
  /** How long history is kept through compaction (default 30 days, snapshots every 6 h). */
  history?: HistoryRetention;
  /** The relay's clock for row times and retention; injectable for tests. */
  now?: () => number;
}

interface SizeRow {
  rows: number;
  bytes: number | null;
}

export class SqliteStorage implements RelayStorage, BoardGenerationStore {
  readonly #db: Database.Database;
  readonly #insertUpdate: Database.Statement<[string, Uint8Array, number, number, string, string]>;
  readonly #upsertSnapshot: Database.Statement<[string, number, Uint8Array, number, number]>;
  readonly #deleteCovered: Database.Statement<[string, number]>;
  readonly #logSize: Database.Statement<[string], SizeRow>;
  #closed = false;
  readonly #checkpointer: Checkpointer | null = null;
  readonly #history: HistoryStore;
  readonly #now: () => number;

  /** The open database, shared with the accounts store and the online backup. */
  get database(): Database.Database {
    return this.#db;
  }

  /** Who changed what, kept through compaction (history-store.ts). */
  get history(): HistoryStore {
    return this.#history;
  }

  constructor(file: string, options: SqliteStorageOptions) {
    // SQLite treats an empty file as a new database and would happily serve every room as
    // empty; a 0-byte database that exists is a truncated one. Refuse to start on it.
    if (fs.existsSync(file) && fs.statSync(file).size === 0) {
      throw new Error(`${file} is empty (0 bytes): the database was truncated. Restore it from a backup (server/README.md), or delete it to start with no data.`);
    }
    // The file holds password and token hashes and customers: owner-only, like its WAL and
    // SHM (SQLite creates those later, with the database file's mode; the umask covers us
    // if it ever does otherwise), and an existing file is tightened too.
    const restoreUmask = ownerOnlyFiles();
    try {
      this.#db = new Database(file);
    } catch (error) {
      restoreUmask();
      throw error;
    }
    try {
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma(`synchronous = ${options.synchronous}`);
      // A second connection (an operator's sqlite3 shell, a backup) may hold the lock briefly.
      this.#db.pragma('busy_timeout = 5000');
      checkIntegrity(this.#db, file);
      migrate(this.#db);
      if (options.checkpointEveryMs) this.#db.pragma('wal_autocheckpoint = 0');
      restrictModes(file);
    } catch (error) {
      restoreUmask();
      this.#db.close();
      // SQLite refuses a whole file that is shorter than its header says (truncated) or is
      // not a database; serving some rooms from it is not possible, and none may be empty.
      const code = (error as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
        throw new Error(`${file} is damaged (${code}: ${(error as Error).message}). Restore it from a backup (server/README.md "Backup and restore").`);
      }
      throw error;
    }
    restoreUmask();
    this.#insertUpdate = this.#db.prepare(
      'INSERT INTO updates (room, data, created_at, checksum, author, action) VALUES (?, ?, ?, ?, ?, ?)'
    );
    this.#upsertSnapshot = this.#db.prepare(
      `INSERT INTO snapshots (room, upto_seq, data, created_at, checksum) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (room) DO UPDATE SET upto_seq = excluded.upto_seq, data = excluded.data,
         created_at = excluded.created_at, checksum = excluded.checksum`
    );
    this.#deleteCovered = this.#db.prepare('DELETE FROM updates WHERE room = ? AND seq <= ?');
    this.#logSize = this.#db.prepare('SELECT COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM updates WHERE room = ?');
    this.#history = new HistoryStore(this.#db, options.history ?? DEFAULT_HISTORY_RETENTION);
    this.#now = options.now ?? Date.now;
    if (options.checkpointEveryMs && options.log) this.#checkpointer = new Checkpointer(file, options.checkpointEveryMs, options.log);
  }

  async loadRoom(roomId: string): Promise<StoredRoom> {
    return readRoom(this.#db, roomId);
  }

  async appendBatch(batch: readonly RoomAppend[]): Promise<AppendResult> {
    const now = this.#now();
    const lastSeq = new Map<string, number>();
    this.#db.transaction(() => {
      for (const { roomId, updates } of batch) {
        for (const { data, by } of updates) {
          const { lastInsertRowid } = this.#insertUpdate.run(roomId, data, now, crc32(data), by.userId, by.action);
          lastSeq.set(roomId, Number(lastInsertRowid));
        }
      }
    }).immediate();
    return { lastSeq };
  }

  async writeSnapshot(roomId: string, state: Uint8Array, uptoSeq: number): Promise<LogSize> {
    return this.#db.transaction((): LogSize => {
      const now = this.#now();
      const checksum = crc32(state);
      this.#upsertSnapshot.run(roomId, uptoSeq, state, now, checksum);
      // The covered rows leave the live log but stay in the history for the retention.
      this.#history.onCompaction(roomId, state, uptoSeq, checksum, now);
      this.#deleteCovered.run(roomId, uptoSeq);
      const size = this.#logSize.get(roomId);
      return { rows: size?.rows ?? 0, bytes: size?.bytes ?? 0 };
    }).immediate();
  }

  async boardGeneration(org: string): Promise<number> {
    const row = this.#db.prepare('SELECT generation FROM board_generations WHERE org = ?').get(org) as { generation: number } | undefined;
    return row?.generation ?? 1;
  }

  async setBoardGeneration(org: string, generation: number): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO board_generations (org, generation, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (org) DO UPDATE SET generation = excluded.generation, updated_at = excluded.updated_at
         WHERE board_generations.generation < excluded.generation`
      )
      .run(org, generation, this.#now());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#checkpointer?.close();
    this.#db.close(); // the last connection: SQLite checkpoints the WAL and removes it
  }
}

/** Where a damaged database sends the operator. */
export const RESTORE_HINT = 'Restore it from a backup (server/README.md "Backup and restore").';

/**
 * `PRAGMA quick_check` (b-tree structure, record formats; not index contents): a damaged
 * page would otherwise be found only when a request reads it (a 500 on /api/users). Throws
 * a message naming the file and the restore procedure.
 */
export function checkIntegrity(db: Database.Database, file: string): void {
  let problems: Array<{ quick_check: string }>;
  try {
    problems = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
  } catch (error) {
    // Damage bad enough that the check itself cannot walk the file.
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('SQLITE_CORRUPT') && !code.startsWith('SQLITE_NOTADB')) throw error;
    throw new Error(`${file} is damaged (${code}: ${(error as Error).message}). ${RESTORE_HINT}`);
  }
  const found = problems.map((row) => row.quick_check).filter((text) => text !== 'ok');
  if (found.length > 0) {
    throw new Error(`${file} is damaged (PRAGMA quick_check: ${found.slice(0, 3).join('; ')}${found.length > 3 ? ` and ${found.length - 3} more` : ''}). ${RESTORE_HINT}`);
  }
}

/** Sets a 077 umask for files created from now on; returns the function restoring the old one. */
export function ownerOnlyFiles(): () => void {
  if (process.platform === 'win32') return () => {};
  let previous: number;
  try {
    previous = process.umask(0o077);
  } catch {
    return () => {}; // worker threads cannot set the umask; restrictModes still applies
  }
  let restored = false;
  return () => {
    if (!restored) process.umask(previous);
    restored = true;
  };
}

/** chmod 600 the database and its WAL/SHM (whichever exist). */
export function restrictModes(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
  }
}
