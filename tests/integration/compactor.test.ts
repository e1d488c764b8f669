/** Compaction writes a snapshot equal to the committed rows, whichever doc it starts from. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayMetrics } from '../../server/metrics';
import type { Peer } from '../../server/relay/peer';
import { Room } from '../../server/relay/room';
import { Compactor } from '../../server/storage/compactor';
import { SqliteStorage } from '../../server/storage/sqlite-storage';
import { WriteQueue } from '../../server/storage/write-queue';
import { until } from './support/clients';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const peer: Peer = { id: 1, userId: 'tester', isOpen: true, send: () => {}, close: () => {} };

async function roomWithLog(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-compact-'));
  dirs.push(dir);
  const storage = new SqliteStorage(path.join(dir, 'db.sqlite'), { synchronous: 'NORMAL' });
  const metrics = new RelayMetrics();
  const log = pino({ level: 'silent' });
  const queue = new WriteQueue(storage, { maxUpdates: 64, delayMs: 0 }, metrics, log);
  const compactor = new Compactor(storage, { maxRows: 5, maxBytes: 1 << 30 }, metrics, log);
  const room = new Room('c/board', await storage.loadRoom('c/board'), { queue, onBroken: () => {}, onCommitted: () => {} });
  const source = new Y.Doc();
  source.on('update', (u: Uint8Array) => room.applyUpdate(peer, u));
  for (let i = 0; i < rows; i++) {
    source.getMap('m').set(`k${i % 3}`, i);
    await until(() => !room.writes.hasUncommitted(), `commit ${i}`);
  }
  return { storage, compactor, room, source };
}

describe('compactor', () => {
  it('snapshots from the room’s doc when nothing is pending', async () => {
    const { storage, compactor, room, source } = await roomWithLog(12);
    await compactor.compactIfDue(room);
    const stored = await storage.loadRoom('c/board');
    expect(stored.updates).toHaveLength(0);
    expect(room.writes.log.logRows).toBe(0);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot as Uint8Array);
    expect(reloaded.getMap('m').toJSON()).toEqual(source.getMap('m').toJSON());
    await storage.close();
  });

  it('rebuilds from storage when the doc holds structs still waiting for missing dependencies', async () => {
    const { storage, compactor, room, source } = await roomWithLog(12);
    // An update whose predecessor never arrived: Yjs keeps it pending in the room's doc.
    const other = new Y.Doc();
    other.getMap('m').set('gap', 1);
    const missing = Y.encodeStateAsUpdate(other);
    other.getMap('m').set('orphan', 2);
    const orphan = Y.encodeStateAsUpdate(other, Y.encodeStateVectorFromUpdate(missing));
    room.applyUpdate(peer, orphan);
    expect(room.doc.store.pendingStructs).not.toBeNull();
    await compactor.compactIfDue(room);
    const stored = await storage.loadRoom('c/board');
    expect(stored.updates).toHaveLength(0);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.snapshot as Uint8Array);
    expect(reloaded.getMap('m').toJSON()).toEqual(source.getMap('m').toJSON());
    expect(reloaded.store.pendingStructs).toBeNull(); // the unstored orphan did not leak in
    await storage.close();
  });
});
