/**
 * Presence for one room, handled like the y-websocket server: states live in a y-protocols
 * Awareness, every change is broadcast to all peers (the sender too, which is harmless and
 * keeps clocks in step), and the states a peer introduced are removed when it leaves so
 * others do not see a ghost for 30 s. Read-only peers may publish presence too.
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

export class RoomAwareness {
  readonly #awareness: awarenessProtocol.Awareness;
  /** Client ids each peer has published, to clean up after it. */
  readonly #controlled = new Map<Peer, Set<number>>();

  constructor(doc: Y.Doc, broadcast: (frame: Uint8Array) => void) {
    this.#awareness = new awarenessProtocol.Awareness(doc);
    this.#awareness.setLocalState(null); // the relay itself has no presence
    this.#awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const ids = this.#controlled.get(origin as Peer);
      if (ids) {
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const changed = added.concat(updated, removed);
      if (changed.length > 0) broadcast(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, changed)));
    });
  }

  track(peer: Peer): void {
    this.#controlled.set(peer, new Set());
  }

  /** Applies a peer's awareness update; throws on a malformed one. */
  apply(peer: Peer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, update, peer);
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
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.#awareness, [...ids], null);
  }

  destroy(): void {
    this.#awareness.destroy();
  }
}
