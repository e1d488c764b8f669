/**
 * Durable before forward (DESIGN §4): an acknowledged update survives SIGKILL, SIGTERM
 * flushes what is pending, compaction keeps the doc identical, idle rooms unload.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until, untilAsync } from './support/clients';

async function withRelay(env: Record<string, string>, run: (relay: RelayProcess) => Promise<void>): Promise<void> {
  const relay = await startRelay({ env });
  try {
    await run(relay);
  } finally {
    await relay.kill('SIGKILL');
    fs.rmSync(relay.dataDir, { recursive: true, force: true });
  }
}

/** A brand-new stock client's view of the room after it synced. */
async function freshView(relay: RelayProcess, room: string): Promise<Y.Doc> {
  const [org] = room.split('/') as [string];
  const provider = stockClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org, role: 'admin', sub: 'reader' }));
  await synced(provider);
  provider.destroy();
  return provider.doc;
}

function logRows(relay: RelayProcess, room: string): { rows: number; snapshots: number } {
  const db = new Database(path.join(relay.dataDir, 'fieldboard.db'), { fileMustExist: true });
  try {
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE room = ?').get(room) as { n: number }).n;
    const snapshots = (db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE room = ?').get(room) as { n: number }).n;
    return { rows, snapshots };
  } finally {
    db.close();
  }
}

describe('relay durability', () => {
  it('acknowledges a write with a step 1 covering it, and the write survives a SIGKILL right after', async () => {
    await withRelay({}, async (relay) => {
      const writer = await new RawClient(relay.wsUrl, 'dur/board', await makeToken(relay.dataDir, { org: 'dur', role: 'technician' })).ready();
      expect(writer.isConfirmed()).toBe(true); // nothing local yet
      writer.write((doc) => doc.getMap('jobs').set('j1', 'kept'));
      expect(writer.isConfirmed()).toBe(false);
      await until(() => writer.isConfirmed(), 'the acknowledgement');
      await relay.kill('SIGKILL');
      writer.close();

      await relay.restart();
      expect((await freshView(relay, 'dur/board')).getMap('jobs').get('j1')).toBe('kept');
    });
  });

  it('does not forward or acknowledge before the commit, and SIGTERM commits what is pending (exit 0)', async () => {
    // Commits held back for a minute: only the shutdown flush can store these writes.
    await withRelay({ COMMIT_DELAY_MS: '60000' }, async (relay) => {
      const token = await makeToken(relay.dataDir, { org: 'term', role: 'dispatcher' });
      const writer = await new RawClient(relay.wsUrl, 'term/board', token).ready();
      const watcher = await new RawClient(relay.wsUrl, 'term/board', token).ready();
      for (let i = 0; i < 5; i++) writer.write((doc) => doc.getMap('jobs').set(`j${i}`, i));
      await writer.roundTrip(); // all five applied by the relay...
      const joiner = await new RawClient(relay.wsUrl, 'term/board', token).ready();
      await joiner.roundTrip(); // ...and visible to a step 1 answer,
      expect(joiner.doc.getMap('jobs').get('j4')).toBe(4);
      expect(watcher.doc.getMap('jobs').size).toBe(0); // ...but not forwarded,
      expect(writer.isConfirmed()).toBe(false); // ...nor acknowledged: not durable yet.

      await relay.kill('SIGTERM');
      expect(relay.exitCode()).toBe(0);
      // The flush acknowledged and forwarded before closing the sockets with 1001.
      await until(() => writer.isConfirmed(), 'the shutdown acknowledgement');
      await until(() => watcher.doc.getMap('jobs').get('j4') === 4, 'the shutdown forward');
      expect(await writer.closed()).toBe(1001);

      await relay.restart();
      const jobs = (await freshView(relay, 'term/board')).getMap('jobs');
      expect([...jobs.keys()].sort()).toEqual(['j0', 'j1', 'j2', 'j3', 'j4']);
    });
  });

  it('compacts a room past the row threshold into a snapshot and reloads it identically', async () => {
    await withRelay({ COMPACT_MAX_ROWS: '20' }, async (relay) => {
      const room = 'compact/board';
      const writer = await new RawClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: 'compact', role: 'admin' })).ready();
      // One acknowledged write at a time, so each is its own log row; overwrites and
      // deletions leave tombstones the snapshot must keep. (Field overwrites inside entities:
      // the room rules refuse replacing an entity.)
      for (let i = 0; i < 60; i++) {
        writer.write((doc) => {
          const jobs = doc.getMap('jobs');
          if (i < 7) jobs.set(`j${i}`, new Y.Map([['n', i]]));
          else (jobs.get(`j${i % 7}`) as Y.Map<unknown>).set('n', i);
          doc.getText('notes').insert(0, `${i},`);
          if (i % 5 === 0) doc.getText('notes').delete(0, 2);
        });
        await until(() => writer.isConfirmed(), `ack ${i}`);
      }
      await until(() => logRows(relay, room).snapshots === 1 && logRows(relay, room).rows <= 20, 'compaction to shrink the log');
      expect(logRows(relay, room).rows).toBeLessThan(60);

      await relay.kill('SIGTERM');
      await relay.restart();
      const reloaded = await freshView(relay, room);
      expect(reloaded.getMap('jobs').toJSON()).toEqual(writer.doc.getMap('jobs').toJSON());
      expect(reloaded.getText('notes').toString()).toBe(writer.doc.getText('notes').toString());
      expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(writer.doc));
      writer.close();
    });
  });

  it('unloads a room once idle and reloads it from storage on the next connection', async () => {
    await withRelay({ ROOM_IDLE_MS: '150' }, async (relay) => {
      const health = async () => (await (await fetch(`${relay.httpUrl}/healthz`)).json()) as { rooms: number; connections: number };
      const writer = await new RawClient(relay.wsUrl, 'idle/board', await makeToken(relay.dataDir, { org: 'idle', role: 'admin' })).ready();
      writer.write((doc) => doc.getMap('jobs').set('j1', 'before unload'));
      await until(() => writer.isConfirmed(), 'the acknowledgement');
      expect((await health()).rooms).toBe(1);
      writer.close();
      await untilAsync(async () => (await health()).rooms === 0, 'the room to unload');
      expect((await freshView(relay, 'idle/board')).getMap('jobs').get('j1')).toBe('before unload');
      expect((await health()).rooms).toBe(1); // loaded again for the reader
    });
  });
});
