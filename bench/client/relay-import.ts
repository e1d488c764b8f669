/**
 * Puts a whole board on a bench relay as its importer (bench/archive.ts, bench/client.ts):
 * one update through a Node DocConnection, checked by the relay like any update (the marker
 * and authors: every record must be authored by `importer`), waited for until committed.
 * The relay must accept a message of the update's size (MAX_MESSAGE_BYTES, see `LARGE_BOARD_RELAY`).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import type { Actor } from '../../src/lib/sync/board-doc';
import { BOARD_MIGRATIONS } from '../../src/lib/sync/board-migrations';
import { DocConnection } from '../../src/lib/sync/doc-connection';
import { roomId } from '../../src/lib/sync/protocol';
import type { RelayProcess } from '../../tests/helpers/relay-process';
import { makeToken } from '../../tests/helpers/tokens';
import { UNTHROTTLED } from './board-measure';

/** The relay's largest accepted message (server/config.ts bound): a year's live board goes in one update. */
export const RELAY_MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
/** Relay env for a board of hundreds of MB: unthrottled, the largest message, no storage quotas. */
export const LARGE_BOARD_RELAY = { ...UNTHROTTLED, MAX_MESSAGE_BYTES: String(RELAY_MAX_MESSAGE_BYTES), ROOM_QUOTA_BYTES: '0', ORG_QUOTA_BYTES: '0' };

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function importBoard(relay: RelayProcess, org: string, update: Uint8Array, importer: Actor, timeoutMs = 15 * 60_000): Promise<void> {
  if (update.byteLength > RELAY_MAX_MESSAGE_BYTES) throw new Error(`the board (${(update.byteLength / 1024 / 1024).toFixed(0)} MB) is past the relay's largest message`);
  const connection = new DocConnection({
    room: roomId(org, 'board'),
    serverUrl: relay.wsUrl,
    token: await makeToken(relay.dataDir, { org, role: 'admin', sub: importer.id, name: importer.name ?? 'Bench' }),
    migrations: BOARD_MIGRATIONS,
    store: new MemoryStore(),
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
  });
  try {
    await connection.whenLoaded;
    await waitFor(() => connection.provider?.synced === true, 'the importer to sync', timeoutMs);
    Y.applyUpdate(connection.doc, update);
    await waitFor(() => connection.monitor.state.phase === 'synced' || connection.refusal !== null, 'the relay to store the board', timeoutMs);
    if (connection.refusal) throw new Error(`the relay refused the board: ${connection.refusal.reason} ${connection.refusal.detail}`);
  } finally {
    connection.destroy();
  }
}
