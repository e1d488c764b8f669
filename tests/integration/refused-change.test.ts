/**
 * What an honest client does when the relay refuses one of its changes (src/lib/sync/README.md
 * "Refused changes"): it keeps its whole copy as a backup in IndexedDB, drops the stored copy
 * and its pending count, and once reopened resyncs from the relay without ever resending the
 * refused change. Real relay, real websockets, DocConnection with y-indexeddb over
 * fake-indexeddb (the browser's IndexedDB API in Node).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { RefusedChangeVault } from '../../src/lib/local/refused-changes';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { BOARD_MIGRATIONS } from '../../src/lib/sync/board-migrations';
import { DocConnection, localDatabaseName, type ChangeRefusal, type DocConnectionOptions } from '../../src/lib/sync/doc-connection';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from './support/clients';

async function refusalsTotal(relay: RelayProcess): Promise<number> {
  const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
  return [...metrics.matchAll(/^fieldboard_refused_updates_total\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('a refused change on an honest client', () => {
  let relay: RelayProcess;
  const room = 'refusal/board';

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('is kept as a backup, dropped from the device, and never resent after the room is reopened', async () => {
    const admin = stockClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: 'refusal', role: 'admin', sub: 'ada' }));
    await synced(admin);
    const created = new BoardDoc(admin.doc).createJob({ customerName: 'Sam', problem: 'No heat', type: 'repair', priority: 'normal' }, { id: 'ada', name: 'Ada' }, 'ADA');
    if (!created.ok) throw new Error('could not create a job');
    const jobId = created.job.id;

    const vault = new RefusedChangeVault();
    const refusals: ChangeRefusal[] = [];
    const options: DocConnectionOptions = {
      room,
      serverUrl: relay.wsUrl,
      token: await makeToken(relay.dataDir, { org: 'refusal', role: 'technician', sub: 'tom' }),
      migrations: BOARD_MIGRATIONS,
      store: new MemoryStore(),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      refusedChanges: vault,
      onChangeRefused: (refusal) => refusals.push(refusal)
    };
    const first = new DocConnection(options);
    await first.whenLoaded;
    await until(() => first.provider?.synced === true && new BoardDoc(first.doc).getJob(jobId) !== undefined, 'the technician to sync the job');
    await until(() => first.monitor.state.unconfirmed === 0, 'the migrations to be confirmed');

    // A buggy device credits its status change to the admin.
    expect(new BoardDoc(first.doc).transitionJob(jobId, 'scheduled', { id: 'ada', name: 'Ada' }).ok).toBe(true);
    await until(() => refusals.length === 1, 'the refusal to be handled');
    expect(refusals[0]).toMatchObject({ room, reason: 'wrong-author' });
    expect(first.monitor.state.refused).toBeNull(); // not shown as a refused sign-in
    expect(first.provider?.shouldConnect).toBe(false);

    // The backup holds the device's copy, refused change included.
    const backup = await vault.get(refusals[0]!.backupId as number);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, backup!.update);
    expect(new BoardDoc(restored).getJob(jobId)?.status).toBe('scheduled');
    first.destroy();

    // Reopened (what the workspace does): a new, empty local database; the relay's state comes back.
    expect(localDatabaseName(room, options.store)).toBe(`fieldboard:${room}#1`);
    const offline = new DocConnection({ ...options, connect: false });
    await offline.whenLoaded;
    expect(new BoardDoc(offline.doc).getJob(jobId)).toBeUndefined();
    offline.destroy();
    const second = new DocConnection(options);
    try {
      await second.whenLoaded;
      await until(() => second.provider?.synced === true && new BoardDoc(second.doc).getJob(jobId) !== undefined, 'the reopened room to resync');
      const board = new BoardDoc(second.doc);
      expect(board.getJob(jobId)?.status).toBe('new');
      // An honest change goes through and is confirmed; the refusal count stays at one.
      expect(board.transitionJob(jobId, 'scheduled', { id: 'tom', name: 'Tom' }).ok).toBe(true);
      await until(() => second.monitor.state.unconfirmed === 0 && second.monitor.state.phase === 'synced', 'the honest change to be confirmed');
      await until(() => new BoardDoc(admin.doc).getJob(jobId)?.status === 'scheduled', 'the admin to see the honest change');
      expect(new BoardDoc(admin.doc).historyOf(jobId).map((e) => e.by)).toEqual(['ada', 'tom']);
      expect(await refusalsTotal(relay)).toBe(1);
      expect(second.refusal).toBeNull();
      expect(refusals).toHaveLength(1);
    } finally {
      second.destroy();
      admin.destroy();
      vault.close();
    }
  });
});
