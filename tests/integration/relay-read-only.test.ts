/** A read-only (manager) connection reads and shows presence, but its writes go nowhere (DESIGN §2). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessFrame } from '../../server/relay/frames';
import { rejectedMessages } from '../helpers/relay-metrics';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until } from './support/clients';

describe('read-only access', () => {
  let relay: RelayProcess;

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('never forwards, stores or acknowledges a manager’s updates, and still syncs the board to them', async () => {
    const room = 'ro/board';
    const dispatcher = stockClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: 'ro', role: 'dispatcher', sub: 'dee' }));
    const observer = stockClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: 'ro', role: 'dispatcher', sub: 'obi' }));
    const manager = await new RawClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: 'ro', role: 'manager', sub: 'meg' })).ready();
    try {
      await synced(dispatcher);
      await synced(observer);
      dispatcher.doc.getMap('jobs').set('seen', 'by everyone');
      await until(() => manager.doc.getMap('jobs').get('seen') === 'by everyone', 'the manager to read the board');

      // The manager writes through both paths a client can use: an update and a step 2.
      manager.write((doc) => doc.getMap('jobs').set('forbidden', 'manager edit'));
      manager.sendState();
      await manager.roundTrip(); // the relay has processed both frames

      // Barrier: a writer's later update is forwarded after anything accepted before it.
      dispatcher.doc.getMap('jobs').set('after', 'barrier');
      await until(() => observer.doc.getMap('jobs').get('after') === 'barrier', 'the barrier update');
      expect(observer.doc.getMap('jobs').get('forbidden')).toBeUndefined();
      expect(dispatcher.doc.getMap('jobs').get('forbidden')).toBeUndefined();
      expect(manager.isConfirmed()).toBe(false);
      // Both frames were counted as refused (update and step 2 alike).
      expect(await rejectedMessages(relay, 'read-only')).toBeGreaterThanOrEqual(2);

      // Presence is still allowed for read-only peers.
      manager.send(awarenessOf(manager, { user: 'meg' }));
      await until(() => observer.awareness.getStates().get(manager.doc.clientID)?.user === 'meg', 'manager presence');
    } finally {
      dispatcher.destroy();
      observer.destroy();
      manager.close();
    }

    await relay.restart();
    const fresh = stockClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org: 'ro', role: 'admin', sub: 'ada' }));
    try {
      await synced(fresh);
      expect(fresh.doc.getMap('jobs').get('after')).toBe('barrier');
      expect(fresh.doc.getMap('jobs').get('forbidden')).toBeUndefined();
    } finally {
      fresh.destroy();
    }
  });
});


function awarenessOf(client: RawClient, state: Record<string, unknown>): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(client.doc);
  awareness.setLocalState(state);
  const frame = awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [client.doc.clientID]));
  awareness.destroy();
  return frame;
}
