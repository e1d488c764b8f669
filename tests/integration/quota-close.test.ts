/**
 * A full storage quota as an honest client sees it: the relay closes the writer with 4413; the
 * DocConnection reports the relay's reason once (the app turns it into a notice through
 * state/errors.svelte.ts), does not take it for a refused sign-in, does not reconnect, and
 * keeps the change on the device as unconfirmed. Real relay, real websockets.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { BOARD_MIGRATIONS } from '../../src/lib/sync/board-migrations';
import { DocConnection } from '../../src/lib/sync/doc-connection';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { until } from './support/clients';

const ROOM_QUOTA = 40_000;
/** Incompressible text (Yjs stores strings as they are). */
const chunk = (seed: number, size: number) => Array.from({ length: size }, (_, i) => String.fromCharCode(33 + ((seed * 7919 + i * 104729) % 90))).join('');

describe('a full storage quota on an honest client', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelay({ env: { ROOM_QUOTA_BYTES: String(ROOM_QUOTA) } });
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('is reported once with the relay’s reason, not as a refused sign-in, and the change stays on the device', async () => {
    const quotas: Array<{ room: string; reason: string }> = [];
    const connection = new DocConnection({
      room: 'full/board',
      serverUrl: relay.wsUrl,
      token: await makeToken(relay.dataDir, { org: 'full', role: 'admin', sub: 'ada' }),
      migrations: BOARD_MIGRATIONS,
      store: new MemoryStore(),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      onQuotaExceeded: (quota) => quotas.push(quota)
    });
    try {
      await connection.whenLoaded;
      await until(() => connection.provider?.synced === true && connection.monitor.state.unconfirmed === 0, 'the first sync');
      for (let i = 0; i < 100 && quotas.length === 0; i++) {
        connection.doc.getMap('jobs').set(`n${i}`, chunk(i, 5000));
        await until(() => connection.monitor.state.unconfirmed === 0 || quotas.length > 0, `write ${i} to be confirmed or refused`);
      }
      expect(quotas).toEqual([{ room: 'full/board', reason: expect.stringMatching(/^storage quota: room full\/board holds \d+ KiB of 39 KiB$/) }]);
      expect(connection.monitor.state).toMatchObject({ phase: 'offline', refused: null, quotaFull: quotas[0]!.reason });
      expect(connection.monitor.state.unconfirmed).toBeGreaterThan(0);
      expect(connection.provider?.shouldConnect).toBe(false);
    } finally {
      connection.destroy();
    }
  });
});
