/**
 * Dispatcher Workspaces on the real relay for convergence tests: each signs in as its own user,
 * records any change the relay refuses, and can go offline and come back.
 */
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MemoryStore } from '../../../src/lib/local/pending-ledger';
import { Workspace } from '../../../src/lib/sync/workspace';
import { startRelay, type RelayProcess } from '../../helpers/relay-process';
import { makeToken } from '../../helpers/tokens';
import { until } from './clients';

export class RelayOffices {
  readonly open: Workspace[] = [];
  /** `<sub>: <reason>: <detail>` of every refused change, in order. */
  readonly refusals: string[] = [];

  constructor(
    private readonly relay: () => RelayProcess,
    private readonly org: string
  ) {}

  async office(sub: string): Promise<Workspace> {
    const relay = this.relay();
    const token = await makeToken(relay.dataDir, { org: this.org, role: 'dispatcher', sub, name: sub });
    const ws = new Workspace({
      org: this.org,
      role: 'dispatcher',
      token,
      user: sub,
      serverUrl: relay.wsUrl,
      store: new MemoryStore(),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      onChangeRefused: (r) => this.refusals.push(`${sub}: ${r.reason}: ${r.detail}`)
    });
    this.open.push(ws);
    await ws.whenLoaded;
    return ws;
  }

  static sameState(all: readonly Workspace[]): boolean {
    const first = Buffer.from(Y.encodeStateVector(all[0]!.board.doc));
    return all.every((w) => Buffer.from(Y.encodeStateVector(w.board.doc)).equals(first));
  }

  static offline(all: readonly Workspace[]): void {
    for (const w of all) w.boardConnection.provider!.disconnect();
  }

  /**
   * All back online at once. lib0's broadcast channel also delivers to every provider of the
   * room in this one process, as to tabs of one browser: it is scoped per user (DocConnection
   * `channelScope`), or a reconnecting office would publish its whole doc to the others before
   * the relay has it, and their next sync step 2 would carry another user's records, refused
   * as wrong-author (seen with three offices and jobs; not yet reproduced by a test of its own).
   */
  static async reconnect(all: readonly Workspace[]): Promise<void> {
    for (const w of all) w.boardConnection.provider!.connect();
    await until(() => RelayOffices.sameState(all), 'the offices synced');
  }

  destroy(): void {
    for (const ws of this.open) ws.destroy();
  }
}

/** Starts a relay for the enclosing describe block and gives its offices (closed afterwards). */
export function useRelayOffices(org: string): RelayOffices {
  let relay: RelayProcess | undefined;
  const offices = new RelayOffices(() => relay!, org);
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    offices.destroy();
    await relay?.kill('SIGTERM');
  });
  return offices;
}
