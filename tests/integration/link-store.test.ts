/**
 * The customer-link register in the embedded SQLite file (server/links/link-store.ts): the
 * register's contract (support/link-store-contract.ts), rows kept when the file is reopened,
 * and a database of the previous schema (v4, before links had ids) gaining the table once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteLinkStore } from '../../server/links/link-store';
import { migrate, SCHEMA_VERSION } from '../../server/storage/schema';
import { SqliteStorage } from '../../server/storage/sqlite-storage';
import { linkStoreContract } from './support/link-store-contract';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-links-'));
  dirs.push(dir);
  return path.join(dir, 'fieldboard.db');
}

describe('customer-link register on SQLite', () => {
  it('keeps the register’s contract, and its rows when the file is reopened', async () => {
    const file = tempFile();
    const storage = new SqliteStorage(file, { synchronous: 'NORMAL' });
    await linkStoreContract(new SqliteLinkStore(storage.database));
    await storage.close();
    const reopened = new SqliteStorage(file, { synchronous: 'NORMAL' });
    expect(new SqliteLinkStore(reopened.database).get('link-a-000000000001')).toMatchObject({ revokedBy: 'u-ben' });
    await reopened.close();
  });

  it('adds the table to a database of schema v4, once', async () => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, 4);
    expect(old.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'customer_links'").get()).toEqual({ n: 0 });
    old.close();
    for (let open = 0; open < 2; open++) {
      const storage = new SqliteStorage(file, { synchronous: 'NORMAL' });
      expect(storage.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const links = new SqliteLinkStore(storage.database);
      if (open === 0) links.record({ id: 'link-x-000000000001', org: 'bayside', kind: 'invoice', doc: 'i1', mintedBy: 'u-ann', mintedByName: 'Ann Lee', mintedAtMs: 1, expiresAtMs: 2 });
      expect(links.ofDocument('bayside', 'invoice', 'i1').map((l) => l.id)).toEqual(['link-x-000000000001']);
      await storage.close();
    }
  });
});
