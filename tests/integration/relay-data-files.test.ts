/**
 * What the relay leaves on disk (issue 14): a new DATA_DIR is 0700; the database, its WAL
 * and SHM, the signing secret and backups are 0600 (they hold password and token hashes and
 * customers). A damaged database is found at start (`PRAGMA quick_check`) and by the
 * backup, each refusing with a message that names the restore procedure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { runCli } from '../helpers/cli';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until } from './support/clients';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-files-'));
let previousUmask = 0;
beforeAll(() => {
  // The usual default: without our own care, new files would be 0644 and dirs 0755.
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
  fs.rmSync(root, { recursive: true, force: true });
});

const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

async function writeSomething(relay: RelayProcess): Promise<void> {
  const writer = await new RawClient(relay.wsUrl, 'acme/board', await makeToken(relay.dataDir, { org: 'acme', role: 'admin' })).ready();
  writer.write((doc) => doc.getMap('jobs').set('j1', 'boiler'));
  await until(() => writer.isConfirmed(), 'the write to be acknowledged');
  writer.close();
}

describe('data files', () => {
  it('creates DATA_DIR 0700 and the database, WAL, SHM, secret and backups 0600', async () => {
    const dataDir = path.join(root, 'new', 'data');
    const relay = await startRelay({ dataDir, env: FAST_ACCOUNTS_ENV });
    try {
      expect((await new ApiClient(relay.httpUrl).setup()).status).toBe(201);
      await writeSomething(relay);
      expect(mode(dataDir)).toBe('700');
      for (const file of ['fieldboard.db', 'fieldboard.db-wal', 'fieldboard.db-shm', 'secret.key']) {
        expect(mode(path.join(dataDir, file)), file).toBe('600');
      }
      const out = path.join(root, 'backups', 'copy.db');
      const backup = await runCli('backup', ['--out', out], { DATA_DIR: dataDir });
      expect(backup.code, backup.stderr).toBe(0);
      expect(mode(path.dirname(out))).toBe('700');
      expect(mode(out)).toBe('600');
      expect(mode(`${out}.secret.key`)).toBe('600');
    } finally {
      await relay.kill();
    }
  });

  it('tightens an existing database file left world-readable', async () => {
    const relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    await writeSomething(relay);
    await relay.kill();
    fs.chmodSync(path.join(relay.dataDir, 'fieldboard.db'), 0o644);
    await relay.restart();
    try {
      expect(mode(path.join(relay.dataDir, 'fieldboard.db'))).toBe('600');
    } finally {
      await relay.kill();
    }
  });
});

describe('startup integrity check', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    const api = new ApiClient(relay.httpUrl);
    const admin = (await api.setup()).body!.accessToken;
    for (let i = 0; i < 30; i++) {
      expect((await api.createUser(admin, { email: `user${i}@acme.test`, name: `User ${i}`, role: 'technician', password: 'long enough password' })).status).toBe(201);
    }
    await writeSomething(relay);
    await relay.kill('SIGTERM'); // checkpoints the WAL into the file
  });

  it('refuses to start on a database whose users table has a damaged page, naming the restore procedure', async () => {
    const file = path.join(relay.dataDir, 'fieldboard.db');
    const db = new Database(file, { readonly: true });
    const { rootpage } = db.prepare<[], { rootpage: number }>("SELECT rootpage FROM sqlite_master WHERE name = 'users'").get()!;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // Scribble over the users table's root page (its b-tree header and cell pointers).
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (rootpage - 1) * pageSize);
    fs.closeSync(fd);

    await expect(relay.restart()).rejects.toThrow(/fieldboard\.db is damaged \(.*\)\. Restore it from a backup \(server\/README\.md "Backup and restore"\)/s);
    expect(relay.exitCode()).toBe(1);

    const backup = await runCli('backup', ['--out', path.join(root, 'damaged-copy.db')], { DATA_DIR: relay.dataDir });
    expect(backup.code).not.toBe(0);
    expect(backup.stderr).toMatch(/is damaged .*Restore it from a backup/s);
    expect(fs.existsSync(path.join(root, 'damaged-copy.db'))).toBe(false);
  });
});
