/**
 * Presence for one room, handled like the y-websocket server: states live in a y-protocols
 * Awareness and the states a peer introduced are removed when it leaves so others do not
 * see a ghost for 30 s. Read-only peers may publish presence too.
 *
 * Storm limits (yjs#732): changes are coalesced and broadcast once per event-loop turn, so
 * a burst of N presence frames costs one frame per peer, not N; a peer may introduce at
 * most `maxClients` client ids (a stock client has one per doc).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { awarenessFrame } from './frames';
import type { Peer } from './peer';

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export class AwarenessClientsExceeded extends Error {
  constructor(count: number, max: number) {
    super(`peer publishes ${count} awareness clients (max ${max})`);
    this.name = 'AwarenessClientsExceeded';
  }
}

export class RoomAwareness {
  readonly #awareness: awarenessProtocol.Awareness;
  /** Client ids each peer has published, to clean up after it. */
  readonly #controlled = new Map<Peer, Set<number>>();
  readonly #changed = new Set<number>();
  #flush: NodeJS.Immediate | null = null;

  constructor(
    doc: Y.Doc,
    private readonly broadcast: (frame: Uint8Array) => void,
    /** Scale-out: local presence changes go to the other instances (cluster-channels.ts). */
    private readonly publish?: (update: Uint8Array) => void
  ) {
    this.#awareness = new awarenessProtocol.Awareness(doc);
    this.#awareness.setLocalState(null); // the relay itself has no presence
    this.#awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const ids = this.#controlled.get(origin as Peer);
      if (ids) {
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      for (const id of added.concat(updated, removed)) this.#changed.add(id);
      if (this.#changed.size > 0) this.#flush ??= setImmediate(() => this.#broadcastChanges());
    });
  }

  #broadcastChanges(): void {
    this.#flush = null;
    const changed = [...this.#changed];
    this.#changed.clear();
    if (changed.length > 0) this.broadcast(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, changed)));
  }

  track(peer: Peer): void {
    this.#controlled.set(peer, new Set());
  }

  /** Applies a peer's awareness update; throws on a malformed one or too many client ids. */
  apply(peer: Peer, update: Uint8Array, maxClients = Infinity): void {
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, update, peer);
    const count = this.#controlled.get(peer)?.size ?? 0;
    if (count > maxClients) throw new AwarenessClientsExceeded(count, maxClients);
    this.publish?.(update);
  }

  /** Another instance's presence frame (already checked there); broadcast here like a local one. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, update, 'remote');
  }

  /** All current states as one frame (for a new peer or a query-awareness), or null if none. */
  statesFrame(): Uint8Array | null {
    const clients = [...this.#awareness.getStates().keys()];
    if (clients.length === 0) return null;
    return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, clients));
  }

  untrack(peer: Peer): void {
    const ids = this.#controlled.get(peer);
    this.#controlled.delete(peer);
    if (ids && ids.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.#awareness, [...ids], null);
      this.publish?.(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, [...ids]));
    }
  }

  destroy(): void {
    if (this.#flush) clearImmediate(this.#flush);
    this.#flush = null;
    this.#awareness.destroy();
  }
}
