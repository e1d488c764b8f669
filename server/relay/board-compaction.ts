/**
 * Board generations on the relay (sync README "Board generations"): which room is an
 * organisation's live board now, building the next generation when the tombstones make it
 * worth it, and keeping old generations forwarding into the newest.
 *
 * A compaction, for one organisation (one at a time per org; with several instances, one
 * across them: `exclusive`):
 * 1. in one tick (no update can interleave): build the new doc from the loaded current room
 *    (`compactBoard`) and start queueing what peers write into that room from then on;
 * 2. store the new doc as the first durable update of `board-g<N+1>`, then persist the
 *    organisation's pointer = N+1;
 *    From then on the queued changes, and every later one, go into the new room;
 * 3. write `meta.successor` into the old room (durable; reaches connected clients live).
 * A crash before 2 completes leaves the pointer at N (the half-written room is skipped next
 * time: a new generation always starts in an empty room); after 2, old rooms find their
 * successor at load and forward again.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { boardDocName, generationOf, MAX_BOARD_GENERATION } from '../../src/lib/domain/rooms/board-generation';
import { compactBoard } from '../../src/lib/sync/board-generations';
import type { BoardGenerationStore } from '../storage/types';
import { BoardForwarder, successorOf, type HeldRoom } from './board-forwarder';
import { SYSTEM_CHANGE } from './relay-change';
import type { Room } from './room';

export interface BoardCompactionThresholds {
  /** Tombstones (encoded state minus the compacted state) of at least this many bytes… */
  minTombstoneBytes: number;
  /** …and this share of the encoded state. */
  minTombstoneShare: number;
}

export interface BoardGenerationsDeps {
  rooms: { acquire(roomId: string): Promise<Room>; release(room: Room): void };
  store: BoardGenerationStore;
  thresholds: BoardCompactionThresholds;
  log: Logger;
  /** Scale-out: runs `fn` as the organisation's only compactor; null when another instance is compacting. */
  exclusive?: <T>(org: string, fn: () => Promise<T>) => Promise<T | null>;
  /** Scale-out: applies what other instances committed to the room, before the cut reads it. */
  catchUp?: (roomId: string) => Promise<void>;
}

/** The board's size now, and how much of it compaction would drop. */
export interface BoardSize {
  doc: string;
  generation: number;
  /** The encoded state of the current generation. */
  bytes: number;
  /** What a new generation would not carry (removed entities' tombstones, overwritten values). */
  tombstoneBytes: number;
}

export type CompactionAnswer =
  | { compacted: true; doc: string; from: string; bytesBefore: number; bytesAfter: number }
  | { compacted: false; reason: string; doc: string; bytes: number; tombstoneBytes: number };

export class BoardGenerations {
  readonly #forwarders = new Map<Room, BoardForwarder>();
  readonly #running = new Map<string, Promise<CompactionAnswer>>();

  constructor(private readonly deps: BoardGenerationsDeps) {}

  /** The organisation's current live board doc name (`board`, `board-g2`, …). */
  async currentDoc(org: string): Promise<string> {
    return boardDocName(await this.deps.store.boardGeneration(org));
  }

  /** The room id a doc name means now: `board` is the current generation; any other name is itself. */
  async resolve(org: string, doc: string): Promise<string> {
    return `${org}/${doc === 'board' ? await this.currentDoc(org) : doc}`;
  }

  /** Called for every room the registry loads: an old generation forwards into the newest. */
  watch(room: Room): void {
    const slash = room.id.indexOf('/');
    if (generationOf(room.id.slice(slash + 1)) === null || successorOf(room) === null) return;
    this.#forward(room, room.id.slice(0, slash), false);
  }

  async size(org: string): Promise<BoardSize> {
    const generation = await this.deps.store.boardGeneration(org);
    const room = await this.deps.rooms.acquire(`${org}/${boardDocName(generation)}`);
    try {
      return measure(room, generation);
    } finally {
      this.deps.rooms.release(room);
    }
  }

  /** Builds the next generation when worth it (thresholds) or `force`d (operators). */
  compact(org: string, force = false): Promise<CompactionAnswer> {
    const running = this.#running.get(org);
    if (running) return running;
    const run = (async () => {
      const exclusive = this.deps.exclusive;
      if (!exclusive) return this.#compact(org, force);
      const answer = await exclusive(org, () => this.#compact(org, force));
      return answer ?? { compacted: false as const, reason: 'another server is compacting this board now', doc: await this.currentDoc(org), bytes: 0, tombstoneBytes: 0 };
    })().finally(() => this.#running.delete(org));
    this.#running.set(org, run);
    return run;
  }

  async #compact(org: string, force: boolean): Promise<CompactionAnswer> {
    const generation = await this.deps.store.boardGeneration(org);
    const from = boardDocName(generation);
    const old = await this.deps.rooms.acquire(`${org}/${from}`);
    try {
      await this.deps.catchUp?.(old.id);
      // Step 1, in this tick: the cut and the start of forwarding, with nothing in between.
      const { bytes, tombstoneBytes, fresh } = cut(old, generation + 1);
      const { minTombstoneBytes, minTombstoneShare } = this.deps.thresholds;
      if (!force && (tombstoneBytes < minTombstoneBytes || tombstoneBytes < bytes * minTombstoneShare)) {
        fresh.destroy();
        const reason = `not worth it: ${formatBytes(tombstoneBytes)} of ${formatBytes(bytes)} are tombstones (needs ${formatBytes(minTombstoneBytes)} and ${Math.round(minTombstoneShare * 100)} %)`;
        return { compacted: false, reason, doc: from, bytes, tombstoneBytes };
      }
      const forwarder = this.#forward(old, org, true);
      let next: Room;
      try {
        next = await this.#emptyRoomAfter(org, generation);
      } catch (error) {
        this.#unforward(forwarder);
        throw error;
      }
      let named = false;
      try {
        const n = generationOf(next.id.slice(org.length + 1)) as number;
        // Step 2: the new generation's first durable update, then the pointer.
        next.change(SYSTEM_CHANGE, (doc) => {
          if (n !== generation + 1) fresh.getMap('meta').set('generation', n);
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(fresh));
        });
        await next.writes.whenDurable();
        await this.deps.store.setBoardGeneration(org, n);
        named = true;
        // Every old generation of the org (this one included) now writes into the new one.
        for (const other of this.#forwarders.values()) if (other.source.id.startsWith(`${org}/`)) other.retarget();
        // Step 3: tell the old room's clients to move.
        const to = boardDocName(n);
        old.change(SYSTEM_CHANGE, (doc) => doc.getMap('meta').set('successor', to));
        await old.writes.whenDurable();
        const bytesAfter = Y.encodeStateAsUpdate(next.doc).byteLength;
        this.deps.log.info({ org, from, to, bytesBefore: bytes, bytesAfter }, 'board compacted into a new generation');
        return { compacted: true, doc: to, from, bytesBefore: bytes, bytesAfter };
      } finally {
        // Before the pointer moved the old room is still current: nothing to forward.
        if (!named) this.#unforward(forwarder);
        fresh.destroy();
        this.deps.rooms.release(next);
      }
    } finally {
      this.deps.rooms.release(old);
    }
  }

  /** The first generation after `generation` whose room holds nothing (one a crashed compaction half wrote is skipped). */
  async #emptyRoomAfter(org: string, generation: number): Promise<Room> {
    for (let n = generation + 1; n <= MAX_BOARD_GENERATION; n++) {
      const room = await this.deps.rooms.acquire(`${org}/${boardDocName(n)}`);
      if (room.doc.store.clients.size === 0) return room;
      this.deps.rooms.release(room);
    }
    throw new Error(`${org} has no board generation name left`);
  }

  #forward(room: Room, org: string, paused: boolean): BoardForwarder {
    const existing = this.#forwarders.get(room);
    if (existing) return existing;
    const forwarder = new BoardForwarder(room, { holdNewest: () => this.#holdNewest(org), log: this.deps.log }, { paused });
    this.#forwarders.set(room, forwarder);
    room.doc.on('destroy', () => this.#forwarders.delete(room));
    return forwarder;
  }

  #unforward(forwarder: BoardForwarder): void {
    forwarder.stop();
    this.#forwarders.delete(forwarder.source);
  }

  async #holdNewest(org: string): Promise<HeldRoom> {
    const room = await this.deps.rooms.acquire(`${org}/${await this.currentDoc(org)}`);
    return { room, release: () => this.deps.rooms.release(room) };
  }
}

/** The board's encoded size and the next generation built from it, in one synchronous step. */
function cut(room: Room, next: number): { bytes: number; tombstoneBytes: number; fresh: Y.Doc } {
  const fresh = compactBoard(room.doc, next);
  const bytes = Y.encodeStateAsUpdate(room.doc).byteLength;
  return { bytes, tombstoneBytes: Math.max(0, bytes - Y.encodeStateAsUpdate(fresh).byteLength), fresh };
}

function measure(room: Room, generation: number): BoardSize {
  const { bytes, tombstoneBytes, fresh } = cut(room, generation + 1);
  fresh.destroy();
  return { doc: boardDocName(generation), generation, bytes, tombstoneBytes };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}
