/** Stored-bytes accounting behind the quotas, against a real SQLite file (no schema of its own). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QuotaExceeded, roomSizes, StorageUsage } from '../../server/relay/storage-usage';
import { SqliteStorage } from '../../server/storage/sqlite-storage';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-usage-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('StorageUsage', () => {
  it('sums log rows, snapshots and the history kept for restore per room from the tables', async () => {
    const storage = new SqliteStorage(path.join(dir, 'usage.db'), { synchronous: 'NORMAL' });
    try {
      const by = { userId: 'u1', action: 'edit' } as const;
      const rows = (...sizes: number[]) => sizes.map((size) => ({ data: new Uint8Array(size), by }));
      await storage.appendBatch([
        { roomId: 'acme/board', updates: rows(100, 50) },
        { roomId: 'acme/finance', updates: rows(30) },
        { roomId: 'beta/board', updates: rows(7) }
      ]);
      // finance: the snapshot, the history's copy of it and the row after it.
      await storage.writeSnapshot('acme/finance', new Uint8Array(20), 0);
      expect(Object.fromEntries(roomSizes(storage.database))).toEqual({ 'acme/board': 150, 'acme/finance': 70, 'beta/board': 7 });
      // Compacting the board moves its rows into the history: they still count (150 + 10 + 10).
      await storage.writeSnapshot('acme/board', new Uint8Array(10), 2);
      expect(roomSizes(storage.database).get('acme/board')).toBe(170);
    } finally {
      await storage.close();
    }
  });

  it('checks room and org quotas, keeps totals exact on load, and knows which rooms exist', () => {
    const usage = new StorageUsage(new Map([['acme/board', 600], ['acme/finance', 300]]), { roomBytes: 1000, orgBytes: 1200 });
    expect(usage.orgBytes('acme')).toBe(900);
    expect(() => usage.check('acme/board', 300)).not.toThrow();
    expect(() => usage.check('acme/board', 401)).toThrow(QuotaExceeded); // room: 600 + 401 > 1000
    expect(() => usage.check('acme/catalog', 301)).toThrow(/organisation acme holds 1 KiB of 1 KiB/); // org: 900 + 301 > 1200
    expect(() => usage.check('beta/board', 999)).not.toThrow();

    usage.add('acme/catalog', 100);
    expect(usage.exists('acme/catalog')).toBe(true);
    expect(usage.orgBytes('acme')).toBe(1000);
    usage.loaded('acme/board', 200); // compaction shrank it; a load sets the exact figure
    expect(usage.orgBytes('acme')).toBe(600);
    expect(usage.exists('acme/archive-2024-01')).toBe(false);
    expect(new StorageUsage(new Map(), { roomBytes: 0, orgBytes: 0 }).check('x/board', 2 ** 40)).toBeUndefined(); // 0 = off
  });
});
