/**
 * Group commit (DESIGN §4 "Durability"). Rooms mark themselves dirty when they hold updates
 * not yet stored; the queue seals what is pending across all rooms into one transaction,
 * and only after it commits tells each room, which then forwards and acknowledges.
 *
 * Timing: an idle queue commits on the next event-loop turn (setImmediate), so everything
 * the loop read in one pass shares a commit. While a commit is in flight, new updates
 * accumulate and go in the next one, which starts as soon as the first finishes. A commit
 * takes whole rooms (a room's acknowledgement must cover all it has applied, see
 * room-writes.ts) and stops taking more rooms once it holds `maxUpdates` updates; the rest
 * follow at once in the next commit.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { RelayMetrics } from '../metrics';
import type { AttributedUpdate, RelayStorage } from './types';

/** A room's side of the queue. At most one sealed batch per source is in flight. */
export interface WriteSource {
  readonly roomId: string;
  /** Moves all pending updates into the in-flight batch (as attributed rows); null when nothing is pending. */
  seal(): readonly AttributedUpdate[] | null;
  /** The sealed batch is durable; `lastSeq` is its last row. */
  committed(lastSeq: number, bytes: number): void;
  /** The sealed batch could not be stored; the source must not pretend it was. */
  failed(error: unknown): void;
}

export interface WriteQueueOptions {
  maxUpdates: number;
  /** Extra delay before an idle queue commits; 0 = next turn. */
  delayMs: number;
}

export class WriteQueue {
  readonly #dirty = new Set<WriteSource>();
  #timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;

  constructor(
    private readonly storage: RelayStorage,
    private readonly options: WriteQueueOptions,
    private readonly metrics: RelayMetrics,
    private readonly log: Logger
  ) {}

  markDirty(source: WriteSource): void {
    this.#dirty.add(source);
    this.#schedule();
  }

  /** Commits everything pending now, ignoring the delay; used on shutdown. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.#flushing) await this.#flushing;
      else if (this.#dirty.size > 0) this.#run();
      else return;
    }
  }

  #schedule(): void {
    if (this.#flushing || this.#timer) return; // the running flush reschedules when done
    this.#timer =
      this.options.delayMs > 0 ? setTimeout(() => this.#run(), this.options.delayMs) : setImmediate(() => this.#run());
  }

  #run(): void {
    if (this.#timer) {
      clearTimeout(this.#timer as NodeJS.Timeout);
      clearImmediate(this.#timer as NodeJS.Immediate);
      this.#timer = null;
    }
    if (this.#flushing) return;
    this.#flushing = this.#flush()
      .catch((error: unknown) => this.log.error({ err: error }, 'write queue flush failed'))
      .finally(() => {
        this.#flushing = null;
        if (this.#dirty.size > 0) this.#schedule();
      });
  }

  async #flush(): Promise<void> {
    const sealed: Array<{ source: WriteSource; updates: readonly AttributedUpdate[]; bytes: number }> = [];
    let budget = this.options.maxUpdates;
    for (const source of [...this.#dirty]) {
      if (budget <= 0) break;
      this.#dirty.delete(source);
      const updates = source.seal();
      if (!updates || updates.length === 0) continue;
      budget -= updates.length;
      sealed.push({ source, updates, bytes: updates.reduce((n, u) => n + u.data.byteLength, 0) });
    }
    if (sealed.length === 0) return;

    const started = performance.now();
    let lastSeq: Map<string, number>;
    try {
      ({ lastSeq } = await this.storage.appendBatch(sealed.map(({ source, updates }) => ({ roomId: source.roomId, updates }))));
    } catch (error) {
      this.log.error({ err: error, rooms: sealed.map((s) => s.source.roomId) }, 'commit failed');
      for (const { source } of sealed) this.#guard(source, () => source.failed(error));
      return;
    }
    const count = sealed.reduce((n, s) => n + s.updates.length, 0);
    this.metrics.commitSeconds.observe((performance.now() - started) / 1000);
    this.metrics.commitBatchSize.observe(count);
    this.metrics.updatesCommitted.inc(count);
    for (const { source, bytes } of sealed) {
      const seq = lastSeq.get(source.roomId);
      if (seq === undefined) {
        this.#guard(source, () => source.failed(new Error('storage returned no sequence number')));
      } else {
        this.#guard(source, () => source.committed(seq, bytes));
      }
    }
  }

  /** One room's bug (e.g. a socket error while forwarding) must not stop the others' acks. */
  #guard(source: WriteSource, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.log.error({ err: error, room: source.roomId }, 'room failed to handle its commit');
    }
  }
}
