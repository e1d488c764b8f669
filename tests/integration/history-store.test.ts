/**
 * The history kept in SQLite (server/storage/history-store.ts): rows keep their author
 * through compaction, snapshots are kept at intervals, pruning after the retention keeps
 * every later point rebuildable, and a database saved by the previous schema (v3) migrates
 * with its snapshot as the earliest point. The storage clock is injected: no waiting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, SCHEMA_VERSION } from '../../server/storage/schema';
import { SqliteStorage } from '../../server/storage/sqlite-storage';
import { jobsAt as jobsIn, retentionScenario, SCENARIO_RETENTION, snapshotAndLaterRow } from './support/history-writer';

const ROOM = 'h/board';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-history-'));
  dirs.push(dir);
  return path.join(dir, 'fieldboard.db');
}

describe('history store', () => {
  it('keeps authors through compaction, rebuilds any point in the retention and prunes only what precedes it', async () => {
    let now = 0;
    const storage = new SqliteStorage(tempFile(), { synchronous: 'NORMAL', history: SCENARIO_RETENTION, now: () => now });
    await retentionScenario(storage, storage.history, ROOM, (ms) => (now = ms));
    await storage.close();
  });

  it('migrates a database saved by schema v3: rows without authors, its snapshot the earliest point, idempotently', async () => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, 3);
    const { snapshot, row } = snapshotAndLaterRow();
    old.prepare('INSERT INTO snapshots (room, upto_seq, data, created_at) VALUES (?, ?, ?, ?)').run(ROOM, 7, snapshot, 1000);
    old.prepare('INSERT INTO updates (seq, room, data, created_at) VALUES (?, ?, ?, ?)').run(8, ROOM, row, 2000);
    old.close();

    for (let open = 0; open < 2; open++) {
      const storage = new SqliteStorage(file, { synchronous: 'NORMAL' });
      expect(storage.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(await storage.history.earliestSeq(ROOM)).toBe(7);
      expect(await storage.history.list(ROOM, Number.MAX_SAFE_INTEGER, 10)).toEqual([
        { seq: 8, createdAt: 2000, author: null, action: null, bytes: row.byteLength }
      ]);
      expect(await jobsIn(storage.history, ROOM, 7)).toEqual({ old: 'kept' });
      expect(await jobsIn(storage.history, ROOM, 8)).toEqual({ old: 'kept', later: 'row' });
      const count = storage.database.prepare('SELECT COUNT(*) AS n FROM history_snapshots').get() as { n: number };
      expect(count.n).toBe(1);
      await storage.close();
    }
  });
});
