/** The relay speaks y-websocket: stock clients converge, presence flows, garbage is contained. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { CloseCode } from '../../src/lib/sync/protocol';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until } from './support/clients';

describe('relay sync', () => {
  let relay: RelayProcess;
  const cleanup: Array<{ destroy(): void } | { close(): void }> = [];
  const track = <T extends { destroy(): void } | { close(): void }>(client: T): T => {
    cleanup.push(client);
    return client;
  };

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterEach(() => {
    for (const c of cleanup.splice(0)) ('destroy' in c ? c.destroy() : c.close());
  });
  afterAll(async () => {
    await relay.kill();
  });

  const provider = async (room: string, sub: string, role: 'dispatcher' | 'technician' = 'dispatcher'): Promise<WebsocketProvider> => {
    const p = track(stockClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: room.split('/')[0] as string, role, sub })));
    await synced(p);
    return p;
  };

  it('converges two clients in acme/board: a map set on one appears on the other', async () => {
    const a = await provider('acme/board', 'alice');
    const b = await provider('acme/board', 'bob');
    a.doc.getMap('jobs').set('j1', 'Fix boiler');
    await until(() => b.doc.getMap('jobs').get('j1') === 'Fix boiler', 'the change on the other client');
    b.doc.getMap('jobs').set('j2', 'Service AC');
    await until(() => a.doc.getMap('jobs').get('j2') === 'Service AC', 'the reverse change');
  });

  it('serves a stock y-websocket client given serverUrl /sync and room <org>/<doc>', async () => {
    const token = await makeToken(relay.dataDir, { org: 'stock', role: 'technician', sub: 'sam' });
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'written offline');
    const p = track(stockClient(`ws://127.0.0.1:${relay.port}/sync`, 'stock/board', token, doc));
    await synced(p);
    expect(p.url).toBe(`ws://127.0.0.1:${relay.port}/sync/stock/board?token=${token}`);
    const late = await provider('stock/board', 'lee', 'technician');
    await until(() => late.doc.getText('notes').toString() === 'written offline', 'offline text to reach a late joiner');
  });

  it('gives a newcomer the current presence and removes a leaver’s presence', async () => {
    const a = await provider('presence/board', 'ann');
    a.awareness.setLocalState({ user: 'ann' });
    const b = await provider('presence/board', 'ben');
    await until(() => b.awareness.getStates().get(a.doc.clientID)?.user === 'ann', 'ann’s presence at ben');
    a.destroy();
    await until(() => !b.awareness.getStates().has(a.doc.clientID), 'ann’s presence to be removed');
  });

  it('closes only the connection that sends a garbage frame (4400) and the room keeps working', async () => {
    const a = await provider('garbage/board', 'ann');
    const b = await provider('garbage/board', 'ben');
    const token = await makeToken(relay.dataDir, { org: 'garbage', role: 'dispatcher', sub: 'mallory' });
    const garbage: Array<Uint8Array | string> = [
      new Uint8Array([0, 2, 5, 255, 255, 255, 255, 255]), // an update that does not decode
      new Uint8Array([0, 0, 3, 200, 200, 200]), // a step 1 with a broken state vector
      new Uint8Array([9, 1, 2]), // an unknown message type
      new Uint8Array([0, 7, 0]), // an unknown sync message type
      new Uint8Array([1, 4, 1, 1, 1, 1]), // a broken awareness update
      'hello' // text instead of binary
    ];
    for (const frame of garbage) {
      const bad = track(await new RawClient(relay.wsUrl, 'garbage/board', token).ready());
      bad.send(frame);
      expect(await bad.closed()).toBe(CloseCode.badMessage);
    }
    a.doc.getMap('m').set('still', 'working');
    await until(() => b.doc.getMap('m').get('still') === 'working', 'the room to keep syncing');
    const health = (await (await fetch(`${relay.httpUrl}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
  });

  it('closes a connection that sends a frame over the size limit with 1009', async () => {
    const small = await startRelay({ env: { MAX_MESSAGE_BYTES: '2048' } });
    try {
      const token = await makeToken(small.dataDir, { org: 'big', role: 'dispatcher' });
      const client = await new RawClient(small.wsUrl, 'big/board', token).ready();
      client.write((doc) => doc.getText('t').insert(0, 'x'.repeat(4096)));
      expect(await client.closed()).toBe(1009);
    } finally {
      await small.kill();
    }
  });
});
