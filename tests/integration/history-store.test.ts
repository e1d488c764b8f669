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
import * as Y from 'yjs';
import { docAt } from '../../server/history/history-replay';
import { migrate, SCHEMA_VERSION } from '../../server/storage/schema';
import { SqliteStorage } from '../../server/storage/sqlite-storage';

const DAY = 24 * 3600_000;
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

/** A writer whose every change becomes one stored row by `userId`, at the storage clock's time. */
function writer(storage: SqliteStorage) {
  const doc = new Y.Doc();
  return {
    doc,
    async write(userId: string, change: (jobs: Y.Map<unknown>) => void): Promise<number> {
      const updates: Uint8Array[] = [];
      const collect = (u: Uint8Array) => updates.push(u);
      doc.on('update', collect);
      doc.transact(() => change(doc.getMap('jobs')));
      doc.off('update', collect);
      const { lastSeq } = await storage.appendBatch([{ roomId: ROOM, updates: updates.map((data) => ({ data, by: { userId, action: 'edit' as const } })) }]);
      return lastSeq.get(ROOM) as number;
    },
    async compact(upto: number): Promise<void> {
      await storage.writeSnapshot(ROOM, Y.encodeStateAsUpdate(doc), upto);
    }
  };
}

function jobsAt(storage: SqliteStorage, seq: number): unknown {
  const doc = docAt(storage.history, ROOM, seq);
  try {
    return doc.getMap('jobs').toJSON();
  } finally {
    doc.destroy();
  }
}

describe('history store', () => {
  it('keeps authors through compaction, rebuilds any point in the retention and prunes only what precedes it', async () => {
    let now = 0;
    const storage = new SqliteStorage(tempFile(), {
      synchronous: 'NORMAL',
      history: { retentionMs: 10 * DAY, snapshotEveryMs: DAY },
      now: () => now
    });
    const w = writer(storage);
    const s1 = await w.write('ann', (jobs) => jobs.set('a', 1));
    const s2 = await w.write('ben', (jobs) => jobs.set('b', 2));
    await w.compact(s2); // day 0: first kept snapshot
    now = DAY / 2;
    const s3 = await w.write('ann', (jobs) => jobs.delete('a'));
    await w.compact(s3); // half a day later: no new kept snapshot, rows still kept
    now = 2 * DAY;
    const s4 = await w.write('ben', (jobs) => jobs.set('c', 3));
    await w.compact(s4); // day 2: second kept snapshot

    expect(storage.history.list(ROOM, Number.MAX_SAFE_INTEGER, 10).map((r) => [r.seq, r.author, r.action])).toEqual([
      [s4, 'ben', 'edit'],
      [s3, 'ann', 'edit'],
      [s2, 'ben', 'edit'],
      [s1, 'ann', 'edit']
    ]);
    expect((await storage.loadRoom(ROOM)).updates).toHaveLength(0); // the live log is compacted
    expect(storage.history.earliestSeq(ROOM)).toBe(0);
    expect(jobsAt(storage, s1)).toEqual({ a: 1 });
    expect(jobsAt(storage, s3)).toEqual({ b: 2 });

    now = 13 * DAY; // past the retention for day 0 and day 2
    const s5 = await w.write('ann', (jobs) => jobs.set('d', 4));
    await w.compact(s5);
    // Day 2's snapshot is the newest one older than the retention: it becomes the base.
    expect(storage.history.earliestSeq(ROOM)).toBe(s4);
    expect(storage.history.list(ROOM, Number.MAX_SAFE_INTEGER, 10).map((r) => r.seq)).toEqual([s5]);
    expect(jobsAt(storage, s4)).toEqual({ b: 2, c: 3 });
    expect(jobsAt(storage, s5)).toEqual({ b: 2, c: 3, d: 4 });
    await storage.close();
  });

  it('migrates a database saved by schema v3: rows without authors, its snapshot the earliest point, idempotently', async () => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, 3);
    const doc = new Y.Doc();
    doc.getMap('jobs').set('old', 'kept');
    const snapshot = Y.encodeStateAsUpdate(doc);
    const sv = Y.encodeStateVector(doc);
    doc.getMap('jobs').set('later', 'row');
    const row = Y.encodeStateAsUpdate(doc, sv);
    old.prepare('INSERT INTO snapshots (room, upto_seq, data, created_at) VALUES (?, ?, ?, ?)').run(ROOM, 7, snapshot, 1000);
    old.prepare('INSERT INTO updates (seq, room, data, created_at) VALUES (?, ?, ?, ?)').run(8, ROOM, row, 2000);
    old.close();

    for (let open = 0; open < 2; open++) {
      const storage = new SqliteStorage(file, { synchronous: 'NORMAL' });
      expect(storage.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(storage.history.earliestSeq(ROOM)).toBe(7);
      expect(storage.history.list(ROOM, Number.MAX_SAFE_INTEGER, 10)).toEqual([
        { seq: 8, createdAt: 2000, author: null, action: null, bytes: row.byteLength }
      ]);
      expect(jobsAt(storage, 7)).toEqual({ old: 'kept' });
      expect(jobsAt(storage, 8)).toEqual({ old: 'kept', later: 'row' });
      const count = storage.database.prepare('SELECT COUNT(*) AS n FROM history_snapshots').get() as { n: number };
      expect(count.n).toBe(1);
      await storage.close();
    }
  });
});
