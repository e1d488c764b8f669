/**
 * Damaged storage on start: a room whose stored state cannot be read or applied is refused
 * (HTTP 503 on the upgrade, a log line naming it), never served as an empty or partial doc,
 * and the other rooms keep working.
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until, upgradeStatus } from './support/clients';

async function writeRoom(relay: RelayProcess, room: string, writes: number, size = 20): Promise<Y.Doc> {
  const [org] = room.split('/') as [string];
  const writer = await new RawClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org, role: 'admin' })).ready();
  for (let i = 0; i < writes; i++) {
    writer.write((doc) => doc.getMap('jobs').set(`j${i}`, `${room} #${i} ${'x'.repeat(size)}`));
    await until(() => writer.isConfirmed(), `ack ${i} in ${room}`); // one row per write
  }
  writer.close();
  return writer.doc;
}

/** What a fresh client gets: 'refused' (status) or the synced doc's jobs. */
async function open(relay: RelayProcess, room: string): Promise<number | Record<string, unknown>> {
  const [org] = room.split('/') as [string];
  const token = await makeToken(relay.dataDir, { org, role: 'admin', sub: 'auditor' });
  const status = await upgradeStatus(`${relay.wsUrl}/${room}?token=${encodeURIComponent(token)}`);
  if (status !== 101) return status;
  const reader = await new RawClient(relay.wsUrl, room, token).ready();
  await reader.roundTrip();
  reader.close();
  return reader.doc.getMap('jobs').toJSON();
}

function editDatabase(relay: RelayProcess, edit: (db: Database.Database) => void): void {
  const db = new Database(path.join(relay.dataDir, 'fieldboard.db'));
  try {
    edit(db);
  } finally {
    db.close();
  }
}

describe('corrupt storage', () => {
  it('refuses rooms whose rows fail to apply, fail their checksum or miss a row; other rooms still work', async () => {
    const relay = await startRelay();
    try {
      const good = await writeRoom(relay, 'ok/board', 5);
      await writeRoom(relay, 'garbage/board', 5);
      await writeRoom(relay, 'zeroed/board', 5);
      await writeRoom(relay, 'gap/board', 5);
      await relay.kill('SIGTERM');
      editDatabase(relay, (db) => {
        const garbage = Buffer.from([0x05, 0xff, 0x13, 0x37, 0x00, 0x99]);
        db.prepare("UPDATE updates SET data = ?, checksum = ? WHERE seq = (SELECT MIN(seq) FROM updates WHERE room = 'garbage/board')").run(garbage, crc32(garbage));
        db.prepare("UPDATE updates SET data = zeroblob(length(data)) WHERE room = 'zeroed/board'").run();
        // Later rows build on the first one: without it they cannot be integrated.
        db.prepare("DELETE FROM updates WHERE seq = (SELECT MIN(seq) FROM updates WHERE room = 'gap/board')").run();
      });
      await relay.restart();

      expect(await open(relay, 'garbage/board')).toBe(503);
      expect(await open(relay, 'zeroed/board')).toBe(503);
      expect(await open(relay, 'gap/board')).toBe(503);
      expect(await open(relay, 'ok/board')).toEqual(good.getMap('jobs').toJSON());
      expect(await open(relay, 'fresh/board')).toEqual({}); // a room that never existed is simply empty
      const logs = relay.logs();
      for (const room of ['garbage/board', 'zeroed/board', 'gap/board']) {
        expect(logs).toMatch(new RegExp(`"room":"${room}".*"msg":"room failed to load; refusing it"`));
      }
      expect(logs).toContain('checksum mismatch');
      expect(logs).toContain('missing dependencies');
    } finally {
      await relay.kill('SIGKILL');
    }
  });

  it('refuses to start on a truncated database file, naming it and how to restore, instead of serving anything', async () => {
    const relay = await startRelay();
    for (const room of ['t0/board', 't1/board', 't2/board']) await writeRoom(relay, room, 8, 2000);
    await relay.kill('SIGTERM'); // checkpoints the WAL into the file
    const file = path.join(relay.dataDir, 'fieldboard.db');
    fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));
    // SQLite refuses a file shorter than its header says, so no room could be read safely.
    await expect(relay.restart()).rejects.toThrow(/fieldboard\.db is damaged \(SQLITE_CORRUPT.*Restore it from a backup/s);
  });

  it('refuses to start on a database file truncated to nothing, saying how to recover', async () => {
    const relay = await startRelay();
    await writeRoom(relay, 'empty/board', 2);
    await relay.kill('SIGTERM');
    fs.truncateSync(path.join(relay.dataDir, 'fieldboard.db'), 0);
    await expect(relay.restart()).rejects.toThrow(/truncated.*Restore it from a backup/s);
  });
});
