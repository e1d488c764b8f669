/**
 * Per-connection limits (server/README.md "Limits"): token buckets for frames and bytes,
 * a drop-only bucket for awareness, and the guard run on every document update before the
 * room applies it. A limit of 0 disables that bucket.
 */
import * as Y from 'yjs';
import type { ConnectionLimits } from '../config';

/** Classic token bucket: `ratePerSecond` sustained, up to `capacity` at once. */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now()
  ) {
    this.#tokens = capacity;
    this.#last = now();
  }

  /** Takes `n` tokens if available. An unlimited bucket (rate 0) always allows. */
  take(n = 1): boolean {
    if (this.ratePerSecond === 0) return true;
    const now = this.now();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#last) / 1000) * this.ratePerSecond);
    this.#last = now;
    if (this.#tokens < n) return false;
    this.#tokens -= n;
    return true;
  }

  /** Takes `n` tokens unconditionally; the bucket may go into debt (refilled over time). */
  charge(n: number): void {
    if (this.ratePerSecond === 0) return;
    this.take(0);
    this.#tokens -= n;
  }
}

export type FrameVerdict = 'ok' | 'rate-limited' | 'awareness-dropped' | 'awareness-too-big';

/** The limits one connection is held to; built per connection. */
export class ConnectionGuard {
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  readonly #awareness: TokenBucket;
  readonly #answers: TokenBucket;

  constructor(
    readonly limits: ConnectionLimits,
    maxMessageBytes: number
  ) {
    this.#messages = new TokenBucket(limits.messagesPerSecond, 2 * limits.messagesPerSecond);
    // One frame of the maximum size must always fit (a client's first step 2 can be large).
    this.#bytes = new TokenBucket(limits.bytesPerSecond, maxMessageBytes + 2 * limits.bytesPerSecond);
    this.#awareness = new TokenBucket(limits.awarenessPerSecond, 2 * limits.awarenessPerSecond);
    this.#answers = new TokenBucket(limits.answerBytesPerSecond, 2 * limits.answerBytesPerSecond);
  }

  /**
   * Answers cost what they send, not what was asked: a 20-byte sync step 1 can make us send
   * a whole room (a read-only socket re-sending step 1 made a relay send 2.9 GiB in 15 s).
   * An answer is allowed while the answer budget is not in debt; its size is then charged
   * afterwards (`chargeAnswer`), so one answer of any size always goes out (the first sync
   * of a big room), and a repeat comes only once the budget has refilled. A `cheap` answer
   * (the asker already holds every struct: only the delete set goes back) is always allowed,
   * so a client that re-syncs after its first big sync is not cut off.
   */
  answerAllowed(cheap = false): boolean {
    return this.#answers.take(0) || cheap;
  }

  chargeAnswer(bytes: number): void {
    this.#answers.charge(bytes);
  }

  /**
   * Charges a received frame. Sync frames and bytes over budget close the connection
   * (4429). Awareness is charged to its own bucket and only dropped when over: stock
   * y-websocket clients echo every presence change they receive (yjs#732), so a busy room
   * makes honest clients exceed any fixed rate; dropping an echo loses nothing.
   */
  charge(bytes: number, isAwareness: boolean): FrameVerdict {
    if (!this.#bytes.take(bytes)) return 'rate-limited';
    if (isAwareness) {
      if (bytes > this.limits.awarenessMaxBytes) return 'awareness-too-big';
      return this.#awareness.take() ? 'ok' : 'awareness-dropped';
    }
    return this.#messages.take() ? 'ok' : 'rate-limited';
  }
}

export class UpdateRejected extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'UpdateRejected';
  }
}

/**
 * Decodes the whole update without touching the room's doc (Y.parseUpdateMeta walks every
 * struct and throws on malformed input) and refuses absurd clocks, so hostile bytes are
 * turned away before `applyUpdate` can integrate part of them (yjs#479). Throws UpdateRejected.
 */
export function checkUpdate(update: Uint8Array, maxClock: number): void {
  let meta: { from: Map<number, number>; to: Map<number, number> };
  try {
    meta = Y.parseUpdateMeta(update);
  } catch (error) {
    throw new UpdateRejected(`undecodable update: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const [client, clock] of meta.to) {
    if (!Number.isSafeInteger(clock) || clock > maxClock) throw new UpdateRejected(`clock ${clock} of client ${client} is past the limit`);
  }
}

/** Whether a peer's state vector covers every struct of `doc` (its step 1 answer is then only a delete set). */
export function coversDoc(doc: Y.Doc, stateVector: Uint8Array): boolean {
  const theirs = Y.decodeStateVector(stateVector);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if ((theirs.get(client) ?? 0) < clock) return false;
  }
  return true;
}
