/**
 * Forwarding from an old board generation into the newest (sync README "Board generations").
 *
 * After a cut, peers may still write the old room: a phone that was offline syncing its old
 * copy, a stock y-websocket client that only knows `<org>/board`. The old room's guard checks
 * those updates as before; once one is applied, this translates what its transaction changed
 * into plain field writes (src/lib/sync/board-generations.ts) and makes them, as the relay on
 * the writer's behalf, in the newest generation, through that room's durable write path.
 *
 * Only updates a peer connected *here* sent are forwarded (scale-out: an update applied from
 * another instance's stream was forwarded there), never the relay's own changes (the
 * `successor` it writes, restores of the old generation's history).
 *
 * The newest generation is held loaded while the old room is, so a change is normally made in
 * it in the same tick as in the old room and both are stored in the same group commit (see
 * server/README.md "Board generations" for the one commit-long window where they are not).
 */
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { applyBoardChanges, captureBoardChanges, type BoardChange } from '../../src/lib/sync/board-generations';
import type { Attribution } from '../storage/types';
import type { Room } from './room';

/** A room held until released (RoomRegistry acquire/release). */
export interface HeldRoom {
  room: Room;
  release(): void;
}

export interface BoardForwarderDeps {
  /** Loads and holds the organisation's newest board generation. */
  holdNewest(): Promise<HeldRoom>;
  log: Logger;
}

interface QueuedChange {
  by: Attribution;
  changes: BoardChange[];
}

/** How long to wait before asking again for the newest generation after that failed. */
const RETRY_MS = 1000;

export class BoardForwarder {
  readonly #queue: QueuedChange[] = [];
  #target: HeldRoom | null = null;
  #resolving = false;
  /** While a compaction is cutting: changes queue until it names the new generation. */
  #paused: boolean;
  #stopped = false;
  #forwarded = 0;
  readonly #onTransaction: (transaction: Y.Transaction) => void;

  constructor(
    readonly source: Room,
    private readonly deps: BoardForwarderDeps,
    options: { paused: boolean }
  ) {
    this.#paused = options.paused;
    this.#onTransaction = (transaction: Y.Transaction) => {
      const origin: unknown = transaction.origin;
      if (!source.isLocalPeer(origin)) return;
      const changes = captureBoardChanges(transaction);
      if (changes.length === 0) return;
      this.#queue.push({ by: { userId: origin.userId, action: 'edit' }, changes });
      this.#flush();
    };
    source.doc.on('afterTransaction', this.#onTransaction);
    source.doc.on('destroy', () => this.stop());
    if (!this.#paused) void this.#resolve();
  }

  /** Changes forwarded so far (metrics and tests). */
  get forwarded(): number {
    return this.#forwarded;
  }

  /** A compaction made a newer generation: write there from now on. */
  retarget(): void {
    this.#paused = false;
    this.#target?.release();
    this.#target = null;
    void this.#resolve();
  }

  /** Stops forwarding (the old room was unloaded, or the compaction that started this failed). */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.source.doc.off('afterTransaction', this.#onTransaction);
    this.#target?.release();
    this.#target = null;
    if (this.#queue.length > 0) this.deps.log.warn({ room: this.source.id, changes: this.#queue.length }, 'board forwarder stopped with changes not forwarded');
  }

  #flush(): void {
    if (this.#paused || this.#stopped) return;
    const target = this.#target?.room;
    if (!target || target.closed || hasSuccessor(target)) {
      void this.#resolve();
      return;
    }
    for (const { by, changes } of this.#queue.splice(0)) {
      target.change(by, (doc) => {
        this.#forwarded += applyBoardChanges(doc, changes, null);
      });
    }
  }

  async #resolve(): Promise<void> {
    if (this.#resolving || this.#stopped) return;
    this.#resolving = true;
    try {
      this.#target?.release();
      this.#target = null;
      const held = await this.deps.holdNewest();
      if (this.#stopped) held.release();
      else this.#target = held;
    } catch (error) {
      this.deps.log.error({ err: error, room: this.source.id }, 'board forwarder cannot load the newest generation; retrying');
      setTimeout(() => void this.#resolve(), RETRY_MS).unref();
      return;
    } finally {
      this.#resolving = false;
    }
    if (this.#target && !hasSuccessor(this.#target.room)) this.#flush();
    else if (this.#target) {
      // The pointer is behind the room (another instance is still finishing its compaction).
      setTimeout(() => void this.#resolve(), RETRY_MS).unref();
    }
  }
}

/** Whether a board room names a successor in `meta` (it is an old generation). */
export function hasSuccessor(room: Room): boolean {
  return successorOf(room) !== null;
}

/** The `meta.successor` of a board room (read raw: the relay may never have typed `meta`). */
export function successorOf(room: Room): string | null {
  const item = room.doc.share.get('meta')?._map.get('successor');
  if (!item || item.deleted) return null;
  const value = item.content.getContent().at(-1);
  return typeof value === 'string' ? value : null;
}
