/**
 * Which rooms are in memory. A room is loaded on first use and unloaded once it has had no
 * connections for `idleMs` (DESIGN §4 "Memory"; y-websocket#145 kept docs forever), never
 * while a write is pending or in flight. Concurrent first connections share one load.
 *
 * At most `maxRooms` rooms are held: loading one more first evicts the least recently
 * released idle room (synchronously; its compaction waits for its next load). When every
 * room is busy, the new room is refused (RoomsFull → HTTP 503) rather than growing memory.
 */
import type { Logger } from 'pino';
import type { RelayMetrics } from '../metrics';
import type { Compactor } from '../storage/compactor';
import type { RelayStorage } from '../storage/types';
import type { WriteQueue } from '../storage/write-queue';
import { Room } from './room';
import type { StorageUsage } from './storage-usage';

export interface RoomRegistryDeps {
  storage: RelayStorage;
  queue: WriteQueue;
  compactor: Compactor;
  metrics: RelayMetrics;
  log: Logger;
  idleMs: number;
  /** Default: unlimited. */
  maxRooms?: number;
  /** Stored bytes per room/org (quotas); kept exact at load and grown by every change. */
  usage?: StorageUsage;
  /** Scale-out: other instances' updates and presence for the loaded rooms (scale-out/scale-out.ts). */
  fanout?: RoomFanout;
  /** Every room just loaded (board generations: an old one starts forwarding, relay/board-compaction.ts). */
  onLoaded?: (room: Room) => void;
}

/** What several instances need of the registry's room life cycle (scale-out/scale-out.ts). */
export interface RoomFanout {
  /** Noted before storage is read, so nothing committed meanwhile by others is missed. */
  position(roomId: string): Promise<string>;
  track(room: Room, position: string, lastSeq: number): void;
  untrack(room: Room): void;
  /** This instance stored rows `first..last` of the room. */
  committed(room: Room, first: number, last: number): void;
  publishAwareness(roomId: string, update: Uint8Array): void;
}

/** Every held room is in use; a new one cannot be loaded now. */
export class RoomsFull extends Error {
  constructor(max: number) {
    super(`all ${max} rooms are in use`);
    this.name = 'RoomsFull';
  }
}

/** While writes are still in flight, an idle room re-checks this often. */
const BUSY_RETRY_MS = 100;

export class RoomRegistry {
  readonly #rooms = new Map<string, Room>();
  readonly #loading = new Map<string, Promise<Room>>();
  /** Holders per room: open connections plus upgrades still completing. */
  readonly #holds = new Map<Room, number>();
  readonly #idleTimers = new Map<Room, NodeJS.Timeout>();

  constructor(private readonly deps: RoomRegistryDeps) {}

  get size(): number {
    return this.#rooms.size;
  }

  /** Loads (or finds) the room and holds it; pair every acquire with one release. */
  async acquire(roomId: string): Promise<Room> {
    let room = this.#rooms.get(roomId);
    if (!room) {
      let loading = this.#loading.get(roomId);
      if (!loading) {
        const max = this.deps.maxRooms ?? Infinity;
        if (this.#rooms.size + this.#loading.size >= max && !this.#evictIdle()) {
          this.deps.log.warn({ room: roomId, max }, 'room refused: all rooms are in use');
          throw new RoomsFull(max);
        }
        loading = this.#load(roomId).finally(() => this.#loading.delete(roomId));
        this.#loading.set(roomId, loading);
      }
      room = await loading;
    }
    this.#holds.set(room, (this.#holds.get(room) ?? 0) + 1);
    this.#cancelIdle(room);
    return room;
  }

  release(room: Room): void {
    const holds = (this.#holds.get(room) ?? 0) - 1;
    if (holds > 0) {
      this.#holds.set(room, holds);
      return;
    }
    this.#holds.delete(room);
    if (this.#rooms.get(room.id) === room) this.#armIdle(room, this.deps.idleMs);
  }

  /** The room if it is loaded here (scale-out: presence from other instances). */
  loaded(roomId: string): Room | undefined {
    return this.#rooms.get(roomId);
  }

  /** Unloads every room (shutdown, after the write queue is drained). */
  closeAll(): void {
    for (const room of [...this.#rooms.values()]) this.#drop(room);
  }

  async #load(roomId: string): Promise<Room> {
    const started = Date.now();
    const fanout = this.deps.fanout;
    const position = fanout ? await fanout.position(roomId) : null;
    const stored = await this.deps.storage.loadRoom(roomId);
    const room = new Room(roomId, stored, {
      ...(fanout ? { publishAwareness: (id: string, update: Uint8Array) => fanout.publishAwareness(id, update) } : {}),
      queue: this.deps.queue,
      onBroken: (broken, error) => {
        this.deps.log.error({ err: error, room: broken.id }, 'room broken (commit failed or a partial update); dropping it, peers reconnect and resend');
        broken.fail('room reset');
        this.#drop(broken);
      },
      onCommitted: (committed, rows) => {
        const last = committed.writes.log.lastSeq;
        fanout?.committed(committed, last - rows + 1, last);
        this.deps.compactor.consider(committed);
      }
    });
    if (fanout && position !== null) fanout.track(room, position, stored.lastSeq);
    const usage = this.deps.usage;
    if (usage) {
      usage.loaded(roomId, (stored.snapshot?.byteLength ?? 0) + stored.logBytes + (stored.historyBytes ?? 0));
      room.doc.on('update', (update: Uint8Array) => usage.add(roomId, update.byteLength));
    }
    this.#rooms.set(roomId, room);
    this.deps.metrics.roomsLoaded.set(this.#rooms.size);
    this.deps.log.debug({ room: roomId, ms: Date.now() - started, rows: stored.logRows }, 'room loaded');
    this.deps.compactor.consider(room);
    this.deps.onLoaded?.(room);
    return room;
  }

  #armIdle(room: Room, ms: number): void {
    this.#cancelIdle(room);
    const timer = setTimeout(() => void this.#evict(room), ms);
    timer.unref();
    this.#idleTimers.set(room, timer);
  }

  #cancelIdle(room: Room): void {
    const timer = this.#idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.#idleTimers.delete(room);
  }

  /** Drops the least recently released idle room with nothing to write; false if none. */
  #evictIdle(): boolean {
    for (const room of this.#idleTimers.keys()) {
      if (this.#holds.has(room) || room.closed || room.writes.hasUncommitted()) continue;
      this.#drop(room);
      this.deps.log.debug({ room: room.id }, 'room evicted to make space');
      return true;
    }
    return false;
  }

  async #evict(room: Room): Promise<void> {
    this.#idleTimers.delete(room);
    if (this.#holds.has(room) || room.closed) return;
    if (room.writes.hasUncommitted()) {
      this.#armIdle(room, Math.min(BUSY_RETRY_MS, this.deps.idleMs || BUSY_RETRY_MS));
      return;
    }
    // Compacting now is cheapest: the doc is in memory and nothing is pending.
    await this.deps.compactor.compactIfDue(room);
    // Someone may have connected (or written) while compaction awaited storage.
    if (this.#holds.has(room) || room.writes.hasUncommitted() || room.closed) return;
    this.#drop(room);
    this.deps.log.debug({ room: room.id }, 'room unloaded');
  }

  #drop(room: Room): void {
    this.#cancelIdle(room);
    this.#holds.delete(room);
    if (this.#rooms.get(room.id) === room) this.#rooms.delete(room.id);
    this.deps.fanout?.untrack(room);
    room.destroy();
    this.deps.metrics.roomsLoaded.set(this.#rooms.size);
  }
}
