/** WAL checkpoints run in a worker thread (storage/checkpointer.ts), not inside commits. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until, untilAsync } from './support/clients';

describe('WAL checkpoints', () => {
  it('moves committed pages into the database file while the relay runs, and SIGTERM leaves no WAL behind', async () => {
    const relay = await startRelay();
    try {
      const file = path.join(relay.dataDir, 'fieldboard.db');
      const writer = await new RawClient(relay.wsUrl, 'ckpt/board', await makeToken(relay.dataDir, { org: 'ckpt', role: 'admin' })).ready();
      const before = fs.statSync(file).size;
      for (let i = 0; i < 100; i++) writer.write((doc) => doc.getMap('jobs').set(`j${i}`, 'z'.repeat(4000 + i)));
      await until(() => writer.isConfirmed(), 'the writes to be committed');
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(100 * 4000);
      // Automatic checkpoints are off (they would stall a commit); only the worker moves pages.
      await untilAsync(async () => fs.statSync(file).size > before + 100 * 4000, 'a background checkpoint');
      writer.close();
      await relay.kill('SIGTERM');
      expect(relay.exitCode()).toBe(0);
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
    } finally {
      await relay.kill('SIGKILL');
    }
  });
});
