/**
 * A room's updates on their way to storage, and the acknowledgements owed for them.
 *
 * Life of an update: the room applies it to its Y.Doc at receipt (so answers to sync step 1
 * are complete) and records the doc's resulting update here as *pending*. The write queue
 * seals all pending updates into an *in-flight* batch and commits it; only then are they
 * forwarded to the room's other peers and the writers acknowledged.
 *
 * The acknowledgement is a sync step 1 carrying a state vector. Invariant: every state
 * vector the relay sends covers only committed structs. That is why it is taken when the
 * batch is sealed (the doc then holds exactly the committed updates plus this batch; all of
 * a room's pending updates are sealed together) and sent only after the commit; a vector
 * taken at commit time could also cover updates that arrived meanwhile and are not stored.
 */
import * as Y from 'yjs';
import type { Attribution, AttributedUpdate } from '../storage/types';
import type { WriteQueue, WriteSource } from '../storage/write-queue';
import type { Peer } from './peer';
import { syncStep1Frame } from './frames';

export interface PendingUpdate {
  update: Uint8Array;
  /** The peer whose message produced it; null for the relay's own changes. */
  from: Peer | null;
  /** Who the relay stores it as made by (the peer's token subject, or the relay / an admin). */
  by: Attribution;
}

export interface CommittedBatch {
  updates: readonly PendingUpdate[];
  /** All of `updates`, merged in order into chunks: what was stored, and what peers that sent none of them receive. */
  merged: readonly Uint8Array[];
}

interface InflightBatch {
  updates: PendingUpdate[];
  merged: Uint8Array[];
  waiters: Set<Peer>;
  stateVector: Uint8Array;
}

/** Updates merged per stored row / forwarded frame (Y.mergeUpdates slows down past that; yjs#710). */
export const MERGE_CHUNK = 64;

/** Merges updates in order into chunks of at most MERGE_CHUNK; a single update is kept as it is. */
export function mergeInChunks(updates: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < updates.length; i += MERGE_CHUNK) {
    const chunk = updates.slice(i, i + MERGE_CHUNK);
    out.push(chunk.length === 1 ? (chunk[0] as Uint8Array) : Y.mergeUpdates(chunk));
  }
  return out;
}

/**
 * Merges updates into stored rows without mixing authors: each run of consecutive updates
 * with the same attribution is merged in chunks, so every row has exactly one author.
 */
export function attributedRows(updates: readonly PendingUpdate[]): AttributedUpdate[] {
  const rows: AttributedUpdate[] = [];
  let start = 0;
  for (let i = 1; i <= updates.length; i++) {
    const first = updates[start] as PendingUpdate;
    const next = updates[i];
    if (next && sameAuthor(next.by, first.by)) continue;
    const run = updates.slice(start, i).map((u) => u.update);
    for (const data of mergeInChunks(run)) rows.push({ data, by: first.by });
    start = i;
  }
  return rows;
}

function sameAuthor(a: Attribution, b: Attribution): boolean {
  return a.userId === b.userId && a.action === b.action;
}

export interface RoomWritesHooks {
  /** The batch is durable: forward it. Called before the acknowledgements go out. */
  onCommitted(batch: CommittedBatch): void;
  onFailed(error: unknown): void;
}

export interface LogState {
  lastSeq: number;
  logRows: number;
  logBytes: number;
}

export class RoomWrites implements WriteSource {
  #pending: PendingUpdate[] = [];
  /** Peers to acknowledge once everything pending now is committed. */
  #waiters = new Set<Peer>();
  #inflight: InflightBatch | null = null;
  #durableStateVector: Uint8Array;
  #durable: Map<number, number>;
  #log: LogState;
  #recorded = 0;
  /** Updates queued for storage so far, and how many of them are committed (for whenDurable). */
  #queued = 0;
  #committedCount = 0;
  #durableWaiters: Array<{ target: number; resolve: () => void; reject: (error: Error) => void }> = [];
  /** Set when a commit failed: nothing more is stored for this doc (it is being dropped). */
  #broken = false;

  constructor(
    readonly roomId: string,
    private readonly doc: Y.Doc,
    private readonly queue: WriteQueue,
    private readonly hooks: RoomWritesHooks,
    log: LogState
  ) {
    // Called after the stored state is applied: everything in the doc now is durable.
    this.#durableStateVector = Y.encodeStateVector(doc);
    this.#durable = Y.decodeStateVector(this.#durableStateVector);
    this.#log = { ...log };
  }

  /** The state vector of what is committed; what every step 1 we send carries. */
  get durableStateVector(): Uint8Array {
    return this.#durableStateVector;
  }

  /** Whether the item with this id is committed (archive removals need the copy stored: update-guard.ts). */
  holdsDurably(client: number, clock: number): boolean {
    return clock < (this.#durable.get(client) ?? 0);
  }

  get log(): Readonly<LogState> {
    return this.#log;
  }

  /** True while some applied update is not committed yet (pending or in flight). */
  hasUncommitted(): boolean {
    return this.#pending.length > 0 || this.#inflight !== null;
  }

  /** How many doc updates were ever recorded; lets a caller see whether applying changed the doc. */
  get recordedCount(): number {
    return this.#recorded;
  }

  /** Records the doc's update event (called synchronously from Y.Doc 'update'). */
  record(update: Uint8Array, from: Peer | null, by: Attribution): void {
    this.#recorded++;
    if (this.#broken) return;
    this.#pending.push({ update, from, by });
    this.#queued++;
    this.queue.markDirty(this);
  }

  /**
   * Resolves once every update recorded so far is committed (for changes the server makes
   * itself, e.g. a job from the public request form); rejects if the room breaks first.
   */
  whenDurable(): Promise<void> {
    if (this.#broken) return Promise.reject(new Error(`room ${this.roomId} is broken`));
    if (this.#committedCount >= this.#queued) return Promise.resolve();
    return new Promise((resolve, reject) => this.#durableWaiters.push({ target: this.#queued, resolve, reject }));
  }

  /**
   * After a peer's step 2 / update was applied: acknowledge it once it is durable.
   * `changed` says whether applying it changed the doc (recorded a pending update).
   * A message that changed nothing is acknowledged only if what it carries is not durable
   * yet; otherwise the client's answer to our acknowledgement (a step 2) would earn another
   * acknowledgement, and so on forever.
   */
  requestAck(peer: Peer, changed: boolean, update: Uint8Array): void {
    if (changed) {
      this.#waiters.add(peer);
      return;
    }
    if (this.#covered(update)) return;
    if (this.#pending.length > 0) this.#waiters.add(peer);
    else if (this.#inflight) this.#inflight.waiters.add(peer);
    // else: its structs wait for missing dependencies; nothing to promise yet.
  }

  forget(peer: Peer): void {
    this.#waiters.delete(peer);
    this.#inflight?.waiters.delete(peer);
  }

  seal(): readonly AttributedUpdate[] | null {
    if (this.#broken || this.#pending.length === 0 || this.#inflight) return null;
    // Stored merged: one row per chunk instead of one per update (fewer inserts, shorter
    // logs to load), one author per row (the history), and the same bytes are forwarded
    // after the commit.
    const rows = attributedRows(this.#pending);
    const merged = rows.map((row) => row.data);
    this.#inflight = { updates: this.#pending, merged, waiters: this.#waiters, stateVector: Y.encodeStateVector(this.doc) };
    this.#pending = [];
    this.#waiters = new Set();
    return rows;
  }

  committed(lastSeq: number, bytes: number): void {
    const batch = this.#inflight;
    if (!batch) return;
    this.#inflight = null;
    this.#durableStateVector = batch.stateVector;
    this.#durable = Y.decodeStateVector(batch.stateVector);
    this.#log.lastSeq = lastSeq;
    this.#log.logRows += batch.merged.length;
    this.#log.logBytes += bytes;
    this.#committedCount += batch.updates.length;
    this.hooks.onCommitted({ updates: batch.updates, merged: batch.merged });
    if (this.#durableWaiters.length > 0) {
      const ready = this.#durableWaiters.filter((w) => w.target <= this.#committedCount);
      this.#durableWaiters = this.#durableWaiters.filter((w) => w.target > this.#committedCount);
      for (const waiter of ready) waiter.resolve();
    }
    const ack = syncStep1Frame(batch.stateVector);
    for (const peer of batch.waiters) if (peer.isOpen) peer.send(ack, 'sync-step1');
    if (this.#pending.length > 0) this.queue.markDirty(this); // defensive: never strand pending updates
  }

  failed(error: unknown): void {
    // Later updates may build on the lost batch; storing them alone would leave a log that
    // does not match any state a client saw. Drop them too: their senders were never
    // acknowledged and resend on reconnect.
    this.#broken = true;
    this.#inflight = null;
    this.#pending = [];
    this.#waiters.clear();
    const waiters = this.#durableWaiters;
    this.#durableWaiters = [];
    for (const waiter of waiters) waiter.reject(new Error(`room ${this.roomId} failed to store its changes`));
    this.hooks.onFailed(error);
  }

  /**
   * Scale-out: the doc just took an update another instance committed. It is durable, so when
   * nothing of ours is waiting the state vector we greet and acknowledge with covers it too
   * (otherwise the next seal's vector does: the doc is then committed rows + that batch).
   */
  remoteApplied(): void {
    if (this.hasUncommitted() || this.#broken) return;
    this.#durableStateVector = Y.encodeStateVector(this.doc);
    this.#durable = Y.decodeStateVector(this.#durableStateVector);
  }

  /** After compaction: the log now holds only rows after the snapshot. */
  compacted(remaining: { rows: number; bytes: number }): void {
    this.#log.logRows = remaining.rows;
    this.#log.logBytes = remaining.bytes;
  }

  /** Whether the durable state vector already covers every struct in `update`. */
  #covered(update: Uint8Array): boolean {
    let meta: ReturnType<typeof Y.parseUpdateMeta>;
    try {
      meta = Y.parseUpdateMeta(update);
    } catch {
      return true; // it applied, so this cannot happen; never ack what we cannot read
    }
    for (const [client, clock] of meta.to) {
      if (clock > (this.#durable.get(client) ?? 0)) return false;
    }
    return true;
  }
}
