/**
 * The history kept in PostgreSQL (server/storage/pg-history-store.ts), the same invariant as
 * SQLite's (history-store.test.ts): rows keep their author through compaction (moved to
 * fb_history_updates), snapshots are kept at intervals, pruning after the retention keeps
 * every later point rebuildable, and a schema made before the history tables existed
 * migrates with each room's snapshot as its earliest point, once. The storage clock is
 * injected: no waiting. Real Postgres; skips loudly without it (and Redis, like every
 * scale-out test).
 */
import { crc32 } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgStorage } from '../../server/storage/pg-storage';
import { historyWriter, jobsAt, retentionScenario, SCENARIO_RETENTION, snapshotAndLaterRow } from './support/history-writer';
import { DATABASE_URL, newNamespace, scaleOutServicesAvailable, type Namespace } from './support/scale-out';

const available = await scaleOutServicesAvailable();

describe.skipIf(!available)('history store on real PostgreSQL', () => {
  let ns: Namespace;
  const opened: PgStorage[] = [];
  const open = (now: () => number) => {
    const storage = new PgStorage({ connectionString: DATABASE_URL, schema: ns.schema, now, history: SCENARIO_RETENTION });
    opened.push(storage);
    return storage;
  };
  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${ns.schema}` });
    await client.connect();
    try {
      return Number((await client.query(sql, params)).rows[0]?.n);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => {
    ns = newNamespace();
  });
  afterAll(async () => {
    for (const storage of opened) await storage.close();
    await ns?.drop();
  });

  it('keeps authors through compaction, rebuilds any point in the retention and prunes only what precedes it', async () => {
    const room = 'h/board';
    let now = 0;
    const storage = open(() => now);
    await retentionScenario(storage, storage.history, room, (ms) => (now = ms), async () => {
      // Covered rows moved to the history table; two snapshots kept (day 0 and day 2).
      expect(await count('SELECT COUNT(*) AS n FROM fb_history_updates WHERE room = $1', [room])).toBe(4);
      expect(await count('SELECT COUNT(*) AS n FROM fb_history_snapshots WHERE room = $1', [room])).toBe(2);
    });
    // The kept history counts towards the quotas, as with SQLite.
    const loaded = await storage.loadRoom(room);
    expect(loaded.historyBytes).toBeGreaterThan(0);
    expect((await storage.roomSizes()).get(room)).toBeGreaterThan(loaded.historyBytes ?? 0);
  });

  it('lists rows still in the live log and rows already moved as one history, newest first', async () => {
    const room = 'h/finance';
    const storage = open(() => 5_000);
    const w = historyWriter(storage, room);
    const s1 = await w.write('ann', (jobs) => jobs.set('x', 1));
    await w.compact(s1);
    const s2 = await w.write('cid', (jobs) => jobs.set('y', 2)); // stays in fb_updates
    expect((await storage.history.list(room, Number.MAX_SAFE_INTEGER, 10)).map((r) => [r.seq, r.author])).toEqual([
      [s2, 'cid'],
      [s1, 'ann']
    ]);
    expect((await storage.history.list(room, s2, 10)).map((r) => r.seq)).toEqual([s1]);
    expect(await jobsAt(storage.history, room, s2)).toEqual({ x: 1, y: 2 });
  });

  it('migrates a schema made before the history tables: each snapshot becomes the earliest point, once', async () => {
    // Another schema, laid out as PgStorage made it before history was kept there.
    const legacy = newNamespace();
    const room = 'old/board';
    const { snapshot, row } = snapshotAndLaterRow();
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${legacy.schema}`);
      await admin.query(`SET search_path = ${legacy.schema}`);
      await admin.query(`
        CREATE TABLE fb_rooms (room TEXT PRIMARY KEY, last_seq BIGINT NOT NULL);
        CREATE TABLE fb_updates (room TEXT NOT NULL, seq BIGINT NOT NULL, data BYTEA NOT NULL, created_at BIGINT NOT NULL,
          checksum BIGINT NOT NULL, author TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (room, seq));
        CREATE TABLE fb_snapshots (room TEXT PRIMARY KEY, upto_seq BIGINT NOT NULL, data BYTEA NOT NULL, created_at BIGINT NOT NULL, checksum BIGINT NOT NULL);`);
      await admin.query('INSERT INTO fb_rooms VALUES ($1, 8)', [room]);
      await admin.query('INSERT INTO fb_snapshots VALUES ($1, 7, $2, 1000, $3)', [room, Buffer.from(snapshot), crc32(snapshot)]);
      await admin.query("INSERT INTO fb_updates VALUES ($1, 8, $2, 2000, $3, 'ann', 'edit')", [room, Buffer.from(row), crc32(row)]);
    } finally {
      await admin.end();
    }
    try {
      for (let start = 0; start < 2; start++) {
        const storage = new PgStorage({ connectionString: DATABASE_URL, schema: legacy.schema });
        try {
          expect(await storage.history.earliestSeq(room)).toBe(7);
          expect(await storage.history.list(room, Number.MAX_SAFE_INTEGER, 10)).toEqual([
            { seq: 8, createdAt: 2000, author: 'ann', action: 'edit', bytes: row.byteLength }
          ]);
          expect(await jobsAt(storage.history, room, 7)).toEqual({ old: 'kept' });
          expect(await jobsAt(storage.history, room, 8)).toEqual({ old: 'kept', later: 'row' });
          const kept = await storage.pool.query('SELECT COUNT(*) AS n FROM fb_history_snapshots');
          expect(Number(kept.rows[0]?.n)).toBe(1);
        } finally {
          await storage.close();
        }
      }
    } finally {
      await legacy.drop();
    }
  });
});
