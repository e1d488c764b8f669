/**
 * PgStorage against real PostgreSQL (issue 13 "Past one machine"): two storages on one
 * schema stand for two instances. Per-room sequence numbers stay gap-free under concurrent
 * group commits; snapshots only move forward and delete only what they cover; a compaction
 * that cannot take the room's advisory lock changes nothing. Skips loudly without Postgres/Redis.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docFromStored } from '../../server/storage/room-reader';
import { PgStorage, type CommittedRow } from '../../server/storage/pg-storage';
import { DATABASE_URL, newNamespace, scaleOutServicesAvailable, type Namespace } from './support/scale-out';

const available = await scaleOutServicesAvailable();
const by = { userId: 'u1', action: 'edit' as const };

/** Updates that each set one key (a fresh doc per call, so they apply on their own). */
function updates(n: number, prefix: string): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(`${prefix}${i}`, i);
  return out;
}

describe.skipIf(!available)('PgStorage on real PostgreSQL', () => {
  let ns: Namespace;
  let one: PgStorage;
  let two: PgStorage;
  const published: CommittedRow[] = [];

  beforeAll(async () => {
    ns = newNamespace();
    one = new PgStorage({ connectionString: DATABASE_URL, schema: ns.schema, afterCommit: async (rows) => void published.push(...rows) });
    two = new PgStorage({ connectionString: DATABASE_URL, schema: ns.schema });
    await Promise.all([one.init(), two.init()]);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await ns?.drop();
  });

  it('numbers each room gap-free across concurrent commits from two instances, and publishes after commit', async () => {
    const a = updates(40, 'a');
    const b = updates(40, 'b');
    // Each commit writes both rooms (in opposite orders on the two sides: no deadlock).
    const commits = a.map((u, i) => {
      const pair = [
        { roomId: 'acme/board', updates: [{ data: u, by }] },
        { roomId: 'acme/finance', updates: [{ data: b[i] as Uint8Array, by }] }
      ];
      return (i % 2 === 0 ? one : two).appendBatch(i % 2 === 0 ? pair : [...pair].reverse());
    });
    const results = await Promise.all(commits);
    const seqs = results.map((r) => r.lastSeq.get('acme/board')).sort((x, y) => (x as number) - (y as number));
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(published.filter((r) => r.roomId === 'acme/board').length).toBe(20); // instance one's commits only
    const stored = await two.loadRoom('acme/board');
    expect(stored.lastSeq).toBe(40);
    const doc = docFromStored('acme/board', stored);
    expect(doc.getMap('m').size).toBe(40);
    expect(await two.headSeqs(['acme/board', 'acme/finance', 'acme/none'])).toEqual(new Map([['acme/board', 40], ['acme/finance', 40]]));
  });

  it('keeps the newest snapshot and the rows after it when an older compaction arrives late', async () => {
    const room = 'acme/catalog';
    const rows = updates(30, 'c');
    for (const data of rows) await one.appendBatch([{ roomId: room, updates: [{ data, by }] }]);
    const stateUpTo = (n: number) => {
      const doc = new Y.Doc();
      for (const u of rows.slice(0, n)) Y.applyUpdate(doc, u);
      return Y.encodeStateAsUpdate(doc);
    };
    expect(await one.writeSnapshot(room, stateUpTo(20), 20)).toEqual({ rows: 10, bytes: expect.any(Number) });
    // A slower instance compacted from an older read: its snapshot must not replace the newer one.
    expect((await two.writeSnapshot(room, stateUpTo(10), 10)).rows).toBe(10);
    const stored = await two.loadRoom(room);
    expect([stored.lastSeq, stored.logRows]).toEqual([30, 10]);
    expect(docFromStored(room, stored).getMap('m').size).toBe(30);
  });

  it('skips a compaction while another instance holds the room’s advisory lock', async () => {
    const room = 'acme/archive-2026-01';
    const rows = updates(5, 'd');
    for (const data of rows) await one.appendBatch([{ roomId: room, updates: [{ data, by }] }]);
    const doc = new Y.Doc();
    for (const u of rows) Y.applyUpdate(doc, u);
    const holder = new pg.Client({ connectionString: DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fieldboard-compact:${room}`]);
      expect((await two.writeSnapshot(room, Y.encodeStateAsUpdate(doc), 5)).rows).toBe(5); // nothing compacted
      await holder.query('COMMIT');
    } finally {
      await holder.end();
    }
    expect((await two.writeSnapshot(room, Y.encodeStateAsUpdate(doc), 5)).rows).toBe(0);
    expect(docFromStored(room, await one.loadRoom(room)).getMap('m').size).toBe(5);
  });

  it('shares each org’s board generation across instances, only moving it forward, with one board compactor at a time', async () => {
    expect(await one.boardGeneration('acme')).toBe(1);
    await one.setBoardGeneration('acme', 3);
    await two.setBoardGeneration('acme', 2);
    expect(await two.boardGeneration('acme')).toBe(3);
    expect(await one.boardGeneration('other')).toBe(1);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = one.asBoardCompactor('acme', async () => {
      entered();
      await held;
      return 'first';
    });
    await inside;
    expect(await two.asBoardCompactor('acme', async () => 'second')).toBeNull();
    expect(await two.asBoardCompactor('other', async () => 'other org')).toBe('other org');
    release();
    expect(await first).toBe('first');
    expect(await two.asBoardCompactor('acme', async () => 'after')).toBe('after');
  });
});
