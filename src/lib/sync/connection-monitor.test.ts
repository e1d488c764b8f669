import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { MemoryStore, PendingLedger } from '../local/pending-ledger';
import { ConnectionMonitor, type ConnectionState } from './connection-monitor';

/** Just enough of a provider to emit events; the real one is covered by integration tests. */
function fakeProvider() {
  const handlers = new Map<string, Array<(arg: unknown) => void>>();
  const provider = {
    wsconnected: false,
    wsconnecting: false,
    synced: false,
    messageHandlers: [] as unknown[],
    on(name: string, fn: (arg: unknown) => void) {
      handlers.set(name, [...(handlers.get(name) ?? []), fn]);
    },
    off() {},
    emit(name: string, arg: unknown) {
      for (const fn of handlers.get(name) ?? []) fn(arg);
    }
  };
  return provider;
}

/** A monitor over a fake provider, and every state it told its listener. */
function watched() {
  const provider = fakeProvider();
  const monitor = new ConnectionMonitor(new Y.Doc(), provider as unknown as WebsocketProvider, new PendingLedger('a/board', new MemoryStore()));
  const seen: ConnectionState[] = [];
  monitor.subscribe((state) => seen.push(state));
  return { provider, seen };
}

describe('ConnectionMonitor', () => {
  it('tells listeners when the relay refuses the connection for good, and clears it on reconnect', () => {
    const { provider, seen } = watched();
    provider.emit('closed', { code: 4401, reason: 'token expired' });
    expect(seen.at(-1)?.refused).toEqual({ code: 4401, reason: 'token expired' });
    provider.wsconnected = true;
    provider.synced = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)).toMatchObject({ phase: 'synced', refused: null });
  });

  it('keeps a full storage quota (4413) apart from a refused sign-in, and clears it on reconnect', () => {
    const { provider, seen } = watched();
    provider.emit('closed', { code: 4413, reason: 'storage quota: room a/board holds 40 KiB of 39 KiB' });
    expect(seen.at(-1)).toMatchObject({ refused: null, quotaFull: 'storage quota: room a/board holds 40 KiB of 39 KiB' });
    provider.emit('closed', { code: 4422, reason: 'refused: wrong-author: x' });
    expect(seen.at(-1)?.refused).toBeNull();
    provider.wsconnected = true;
    provider.emit('status', { status: 'connected' });
    expect(seen.at(-1)).toMatchObject({ refused: null, quotaFull: null });
  });

  it('counts a local edit as unconfirmed until the relay acknowledges it', () => {
    const doc = new Y.Doc();
    const monitor = new ConnectionMonitor(doc, null, new PendingLedger('a/board', new MemoryStore()));
    doc.getMap('jobs').set('x', 1);
    expect(monitor.state).toMatchObject({ phase: 'offline', unconfirmed: 1 });
  });
});
