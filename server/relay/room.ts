/**
 * One room (`<org>/<doc>`) held in memory: its Y.Doc, its peers, presence and the writes on
 * their way to storage. Access control is decided before a peer gets here (upgrade) and per
 * message by the connection; the room trusts its callers on that.
 */
import * as Y from 'yjs';
import { docFromStored } from '../storage/room-reader';
import type { Attribution, StoredRoom } from '../storage/types';
import type { WriteQueue } from '../storage/write-queue';
import { CloseCode } from '../../src/lib/sync/protocol';
import { syncStep1Frame, syncStep2Frame, syncUpdateFrame } from './frames';
import type { Peer } from './peer';
import { RoomAwareness } from './room-awareness';
import { RelayChange, SYSTEM_CHANGE } from './relay-change';
import { mergeInChunks, RoomWrites, type CommittedBatch } from './room-writes';

export interface RoomDeps {
  queue: WriteQueue;
  /** A commit failed or the room broke: the registry must drop it (see `fail`). */
  onBroken(room: Room, error: unknown): void;
  /** A batch of `rows` stored rows was committed (the last is `writes.log.lastSeq`); compaction may be due. */
  onCommitted(room: Room, rows: number): void;
  /** Scale-out: hands a local peer's presence change to the other instances. */
  publishAwareness?(roomId: string, update: Uint8Array): void;
}

/** Origin of updates another relay instance committed (scale-out/room-streams.ts): durable, never stored again. */
export const REMOTE_ORIGIN = Symbol('remote-instance');


export class Room {
  readonly doc: Y.Doc;
  readonly writes: RoomWrites;
  readonly #awareness: RoomAwareness;
  readonly #peers = new Set<Peer>();
  #closed = false;

  /** Builds the doc from storage; throws if the stored state cannot be applied completely. */
  constructor(
    readonly id: string,
    stored: StoredRoom,
    private readonly deps: RoomDeps
  ) {
    this.doc = docFromStored(id, stored);
    this.writes = new RoomWrites(
      id,
      this.doc,
      deps.queue,
      { onCommitted: (batch) => this.#forward(batch), onFailed: (error) => deps.onBroken(this, error) },
      { lastSeq: stored.lastSeq, logRows: stored.logRows, logBytes: stored.logBytes }
    );
    // Registered after loading, so only new changes become writes. Every change to the doc
    // comes through here, which is what makes "doc = committed rows + pending" hold.
    // Each change is attributed to what the relay knows, never to what the update claims.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE_ORIGIN) {
        this.#forwardRemote(update);
        return;
      }
      const peer = this.#peers.has(origin as Peer) ? (origin as Peer) : null;
      const by: Attribution = peer ? { userId: peer.userId, action: 'edit' } : origin instanceof RelayChange ? origin.by : SYSTEM_CHANGE;
      this.writes.record(update, peer, by);
    });
    const publish = deps.publishAwareness;
    this.#awareness = new RoomAwareness(
      this.doc,
      (frame) => {
        for (const peer of this.#peers) if (peer.isOpen) peer.send(frame, 'awareness');
      },
      publish ? (update) => publish(id, update) : undefined
    );
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether a transaction origin is one of this room's peers here (not the relay, not another instance). */
  isLocalPeer(origin: unknown): origin is Peer {
    return this.#peers.has(origin as Peer);
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
    const { pendingStructs, pendingDs } = this.doc.store;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      const store = this.doc.store;
      const touched = this.writes.recordedCount !== before || store.pendingStructs !== pendingStructs || store.pendingDs !== pendingDs;
      if (touched) this.#poisoned(peer, error);
      throw error;
    }
    this.writes.requestAck(peer, this.writes.recordedCount !== before, update);
  }

  /**
   * An update integrated (or parked, waiting for dependencies) part of itself and then threw (it decoded fine: see
   * connection-limits.ts). Yjs cannot undo that, and keeping the part would let a broken
   * update half-change the room. So the sender is closed (4400), nothing uncommitted is
   * stored (its peers were not acknowledged and resend on reconnect), and the registry
   * drops the doc so the next connection reloads the committed state.
   */
  #poisoned(sender: Peer, error: unknown): void {
    sender.close(CloseCode.badMessage, 'update failed to apply');
    this.writes.failed(new Error(`an update failed after partly applying: ${error instanceof Error ? error.message : String(error)}`));
  }

  /**
   * Makes a change as the relay (restore, undo): one transaction, stored through the room's
   * write path and forwarded to every peer like any update, recorded in history as `by`.
   */
  change(by: Attribution, fn: (doc: Y.Doc) => void): void {
    if (this.#closed) throw new Error(`room ${this.id} is closed`);
    this.doc.transact(() => fn(this.doc), new RelayChange(by));
  }

  /**
   * Scale-out: applies an update another instance already committed (so it is durable) and
   * forwards what it changed to every peer here. Idempotent: what the doc holds is skipped.
   */
  applyRemote(update: Uint8Array): void {
    if (this.#closed) return;
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  /** Scale-out: another instance's presence frame for this room. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (!this.#closed) this.#awareness.applyRemote(update);
  }

  #forwardRemote(update: Uint8Array): void {
    this.writes.remoteApplied();
    const frame = syncUpdateFrame(update);
    for (const peer of this.#peers) if (peer.isOpen) peer.send(frame, 'sync-update');
  }

  /** Applies a peer's presence; throws if malformed or if the peer now controls more than `maxClients` ids. */
  applyAwareness(peer: Peer, update: Uint8Array, maxClients = Infinity): void {
    this.#awareness.apply(peer, update, maxClients);
  }

  sendAwarenessStates(peer: Peer): void {
    const states = this.#awareness.statesFrame();
    if (states) peer.send(states, 'awareness');
  }

  /** Forwards a committed batch to every peer except, per update, the one that sent it. */
  #forward(batch: CommittedBatch): void {
    // Peers that sent nothing in this batch all get the stored chunks, encoded once; each
    // sender gets the others' updates only (merged for it).
    const senders = new Set<Peer | null>();
    for (const u of batch.updates) senders.add(u.from);
    let shared: Uint8Array[] | null = null;
    const receivers: Peer[] = [];
    for (const peer of this.#peers) {
      if (!peer.isOpen) continue;
      if (!senders.has(peer)) {
        receivers.push(peer);
        continue;
      }
      const others = batch.updates.filter((u) => u.from !== peer).map((u) => u.update);
      for (const update of mergeInChunks(others)) peer.send(syncUpdateFrame(update), 'sync-update');
    }
    if (receivers.length > 0) {
      shared = batch.merged.map((update) => syncUpdateFrame(update));
      for (const frame of shared) for (const peer of receivers) peer.send(frame, 'sync-update');
    }
    this.deps.onCommitted(this, batch.merged.length);
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
