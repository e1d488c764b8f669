/**
 * One room (`<org>/<doc>`) held in memory: its Y.Doc, its peers, presence and the writes on
 * their way to storage. Access control is decided before a peer gets here (upgrade) and per
 * message by the connection; the room trusts its callers on that.
 */
import * as Y from 'yjs';
import type { StoredRoom } from '../storage/types';
import type { WriteQueue } from '../storage/write-queue';
import { CloseCode } from '../../src/lib/sync/protocol';
import { syncStep1Frame, syncStep2Frame, syncUpdateFrame } from './frames';
import type { Peer } from './peer';
import { RoomAwareness } from './room-awareness';
import { RoomWrites, type CommittedBatch } from './room-writes';

export interface RoomDeps {
  queue: WriteQueue;
  /** A commit failed or the room broke: the registry must drop it (see `fail`). */
  onBroken(room: Room, error: unknown): void;
  /** A batch was committed; compaction may be due. */
  onCommitted(room: Room): void;
}

/** Forwarded batches are merged in chunks of this many updates (Y.mergeUpdates slows down past that; yjs#710). */
const MERGE_CHUNK = 64;

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly writes: RoomWrites;
  readonly #awareness: RoomAwareness;
  readonly #peers = new Set<Peer>();
  #closed = false;

  /** Builds the doc from storage; throws if a stored update cannot be applied. */
  constructor(
    readonly id: string,
    stored: StoredRoom,
    private readonly deps: RoomDeps
  ) {
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    });
    this.writes = new RoomWrites(
      id,
      this.doc,
      deps.queue,
      { onCommitted: (batch) => this.#forward(batch), onFailed: (error) => deps.onBroken(this, error) },
      { lastSeq: stored.lastSeq, logRows: stored.logRows, logBytes: stored.logBytes }
    );
    // Registered after loading, so only new changes become writes. Every change to the doc
    // comes through here, which is what makes "doc = committed rows + pending" hold.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.writes.record(update, this.#peers.has(origin as Peer) ? (origin as Peer) : null);
    });
    this.#awareness = new RoomAwareness(this.doc, (frame) => {
      for (const peer of this.#peers) if (peer.isOpen) peer.send(frame, 'awareness');
    });
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Greets a new peer like the y-websocket server: sync step 1, then current presence. */
  join(peer: Peer): void {
    this.#peers.add(peer);
    this.#awareness.track(peer);
    peer.send(syncStep1Frame(this.writes.durableStateVector), 'sync-step1');
    const states = this.#awareness.statesFrame();
    if (states) peer.send(states, 'awareness');
  }

  leave(peer: Peer): void {
    if (!this.#peers.delete(peer)) return;
    this.writes.forget(peer);
    this.#awareness.untrack(peer);
  }

  /** Answers a peer's step 1 with everything it lacks (throws on a malformed state vector). */
  answerStep1(peer: Peer, stateVector: Uint8Array): void {
    peer.send(syncStep2Frame(Y.encodeStateAsUpdate(this.doc, stateVector)), 'sync-step2');
  }

  /**
   * Applies a writer's step 2 / update. Throws if the update is malformed; whatever part of
   * it was integrated before the throw is recorded as a write like any other change.
   */
  applyUpdate(peer: Peer, update: Uint8Array): void {
    if (this.#closed) return;
    const before = this.writes.recordedCount;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } finally {
      // Also after a throw: a partly integrated update is recorded and must be acknowledged.
      this.writes.requestAck(peer, this.writes.recordedCount !== before, update);
    }
  }

  applyAwareness(peer: Peer, update: Uint8Array): void {
    this.#awareness.apply(peer, update);
  }

  sendAwarenessStates(peer: Peer): void {
    const states = this.#awareness.statesFrame();
    if (states) peer.send(states, 'awareness');
  }

  /** Forwards a committed batch to every peer except, per update, the one that sent it. */
  #forward(batch: CommittedBatch): void {
    // Peers that sent nothing in this batch all get the same frames (key null); each
    // sender gets the others' updates only.
    const merged = new Map<Peer | null, Uint8Array[]>();
    const senders = new Set(batch.updates.map((u) => u.from));
    for (const peer of this.#peers) {
      if (!peer.isOpen) continue;
      const key = senders.has(peer) ? peer : null;
      let frames = merged.get(key);
      if (!frames) {
        const updates = batch.updates.filter((u) => u.from !== peer).map((u) => u.update);
        frames = [];
        for (let i = 0; i < updates.length; i += MERGE_CHUNK) {
          const chunk = updates.slice(i, i + MERGE_CHUNK);
          frames.push(syncUpdateFrame(chunk.length === 1 ? (chunk[0] as Uint8Array) : Y.mergeUpdates(chunk)));
        }
        merged.set(key, frames);
      }
      for (const frame of frames) peer.send(frame, 'sync-update');
    }
    this.deps.onCommitted(this);
  }

  /**
   * The room can no longer promise durability (a commit failed): the doc holds changes that
   * are not stored. Close every peer (they resend unacknowledged changes on reconnect) and
   * let the registry drop the doc so the next connection reloads what storage really has.
   */
  fail(reason: string): void {
    for (const peer of [...this.#peers]) peer.close(CloseCode.serverError, reason);
    this.destroy();
  }

  destroy(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#awareness.destroy();
    this.doc.destroy();
  }
}
