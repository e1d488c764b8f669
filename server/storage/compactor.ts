/**
 * Background compaction (DESIGN §4): when a room's log passes a row or byte threshold, its
 * state is written as one snapshot and the rows it covers are deleted, in one transaction.
 *
 * The snapshot is `Y.encodeStateAsUpdate` of a doc that reflects exactly the committed rows,
 * never `Y.mergeUpdates` over the log (slow with many updates, yjs#710):
 * - normally the room's own doc, taken when the room has nothing pending or in flight and
 *   no structs waiting for missing dependencies (then doc == committed rows; see room.ts);
 * - otherwise a fresh doc rebuilt from storage.
 * Runs one room at a time from a setImmediate, never inside message handling.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { RelayMetrics } from '../metrics';
import type { Room } from '../relay/room';
import { docFromStored } from './room-reader';
import type { RelayStorage } from './types';

export interface CompactionThresholds {
  maxRows: number;
  maxBytes: number;
  /**
   * Scale-out: always rebuild from storage. A room's doc on one instance may lack a row
   * another instance committed just before this instance's last one, so the doc is not
   * "exactly the rows up to lastSeq" there.
   */
  fromStorageOnly?: boolean;
}

export class Compactor {
  readonly #queue = new Set<Room>();
  #running = false;

  constructor(
    private readonly storage: RelayStorage,
    private readonly thresholds: CompactionThresholds,
    private readonly metrics: RelayMetrics,
    private readonly log: Logger
  ) {}

  isDue(room: Room): boolean {
    const { logRows, logBytes } = room.writes.log;
    return logRows > this.thresholds.maxRows || logBytes > this.thresholds.maxBytes;
  }

  /** Queues the room if it is over a threshold. Cheap; call after every commit. */
  consider(room: Room): void {
    if (!this.isDue(room) || this.#queue.has(room)) return;
    this.#queue.add(room);
    this.#kick();
  }

  /** Compacts now if due (used before a room is unloaded). Never throws. */
  async compactIfDue(room: Room): Promise<void> {
    this.#queue.delete(room);
    if (this.isDue(room)) await this.#compact(room);
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = true;
    setImmediate(() => {
      void this.#drain().finally(() => {
        this.#running = false;
        if (this.#queue.size > 0) this.#kick();
      });
    });
  }

  async #drain(): Promise<void> {
    for (const room of this.#queue) {
      this.#queue.delete(room);
      if (room.closed || !this.isDue(room)) continue;
      // Writes in progress: the room comes back here after its next commit.
      if (room.writes.hasUncommitted()) continue;
      await this.#compact(room);
      // Yield between rooms so sockets are served.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async #compact(room: Room): Promise<void> {
    const started = Date.now();
    try {
      const { state, uptoSeq, source } = await this.#durableState(room);
      if (room.closed) return;
      const remaining = await this.storage.writeSnapshot(room.id, state, uptoSeq);
      room.writes.compacted(remaining);
      this.metrics.compactions.inc({ outcome: 'ok' });
      this.log.info(
        { room: room.id, uptoSeq, snapshotBytes: state.byteLength, source, ms: Date.now() - started, remainingRows: remaining.rows },
        'compacted'
      );
    } catch (error) {
      this.metrics.compactions.inc({ outcome: 'error' });
      this.log.error({ err: error, room: room.id }, 'compaction failed');
    }
  }

  async #durableState(room: Room): Promise<{ state: Uint8Array; uptoSeq: number; source: 'memory' | 'storage' }> {
    const store = room.doc.store;
    if (!this.thresholds.fromStorageOnly && !room.writes.hasUncommitted() && store.pendingStructs === null && store.pendingDs === null) {
      return { state: Y.encodeStateAsUpdate(room.doc), uptoSeq: room.writes.log.lastSeq, source: 'memory' };
    }
    const stored = await this.storage.loadRoom(room.id);
    const doc = docFromStored(room.id, stored);
    try {
      return { state: Y.encodeStateAsUpdate(doc), uptoSeq: stored.lastSeq, source: 'storage' };
    } finally {
      doc.destroy();
    }
  }
}
