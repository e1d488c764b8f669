/**
 * Cross-instance fan-out of document updates through one Redis **stream** per room
 * (issue 13 "Past one machine"; never pub/sub, which drops messages under load).
 *
 * Write side (`publish`, called by PgStorage after COMMIT): stream-publisher.ts. A row whose
 * XADD failed or never happened is found by the other instances as a hole (below).
 *
 * Read side: a dedicated blocking connection XREADs the streams of every loaded room and
 * applies other instances' rows to the room (idempotent in Yjs), which forwards them.
 * Redis stream ids are only a cursor; the durable order is the Postgres sequence. Per room we
 * keep `applied` (every seq up to it is in the doc) and apply rows strictly in that order
 * (early ones wait: sequence order is causal order, so no struct waits for a missing
 * dependency). A hole that stays open for `gapMs` (an instance died between COMMIT and XADD,
 * a trimmed stream, Redis lost entries), or a Redis reconnect (restart: the streams may be gone), makes the room
 * catch up from Postgres: what storage holds and the doc lacks is applied and forwarded,
 * without dropping its peers.
 *
 * Room load (room-registry.ts): `position` notes the stream's last id *before* storage is
 * read, `track` then reads from there: overlap with the stored rows is skipped by sequence
 * number, and nothing between the read and the subscription can be missed.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { z } from 'zod';
import type { RelayMetrics } from '../metrics';
import { docFromStored } from '../storage/room-reader';
import type { CommittedRow } from '../storage/pg-storage';
import { StreamPublisher } from './stream-publisher';
import type { StoredRoom } from '../storage/types';

/** What the fan-out needs of a loaded room (relay/room.ts). */
export interface StreamRoom {
  readonly id: string;
  readonly closed: boolean;
  readonly doc: Y.Doc;
  /** Applies an update another instance committed and forwards what it changed to every peer. */
  applyRemote(update: Uint8Array): void;
}

export interface RoomStreamsOptions {
  redisUrl: string;
  keyPrefix: string;
  instanceId: string;
  loadStored(roomId: string): Promise<StoredRoom>;
  /** The last committed sequence number of each room (Postgres), for the periodic head check. */
  headSeqs(roomIds: readonly string[]): Promise<Map<string, number>>;
  /** How often loaded rooms are compared with Postgres's head (default 2 s). */
  headCheckMs?: number;
  metrics: RelayMetrics;
  log: Logger;
  /** How long a hole in a room's sequence may stay open before it catches up from Postgres. */
  gapMs?: number;
  /** Approximate entries kept per stream (XADD MAXLEN ~). */
  maxLen?: number;
}

interface Tracked {
  room: StreamRoom;
  /** Stream id read up to. */
  cursor: string;
  /** Every sequence number up to this one is in the doc. */
  applied: number;
  /**
   * Rows past `applied` that arrived early (stream order is not commit order across
   * instances): the data to apply, or null when the doc already holds it (our own rows).
   * Rows are applied strictly in sequence order, which is causal order, so the doc never
   * parks structs waiting for dependencies.
   */
  ahead: Map<number, Uint8Array | null>;
  gapTimer: NodeJS.Timeout | null;
  catchingUp: Promise<void> | null;
  /** Asked again while a catch-up ran: what it read may predate the reason, so run once more. */
  again: string | null;
  /** `applied` at the last head check: behind Postgres twice with no progress → catch up. */
  checkedApplied: number;
}

const entryFields = z.object({ seq: z.coerce.number().int().positive(), from: z.string().min(1), data: z.instanceof(Buffer) });

export class RoomStreams {
  readonly #opts: RoomStreamsOptions;
  /** Commands (XADD, XREVRANGE, CLIENT UNBLOCK): fails fast while Redis is away. */
  readonly #cmd: Redis;
  /** The blocking XREAD connection. */
  readonly #reader: Redis;
  readonly #rooms = new Map<string, Tracked>();
  #readerId: number | null = null;
  #running = true;
  #loop: Promise<void>;
  #wake: (() => void) | null = null;
  readonly #publisher: StreamPublisher;
  #readerReadyOnce = false;
  readonly #headTimer: NodeJS.Timeout;

  constructor(opts: RoomStreamsOptions) {
    this.#opts = opts;
    this.#cmd = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.#reader = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, autoResendUnfulfilledCommands: false });
    for (const conn of [this.#cmd, this.#reader]) conn.on('error', (error: Error) => opts.log.debug({ err: error.message }, 'redis connection error'));
    this.#publisher = new StreamPublisher(this.#cmd, (roomId) => this.#key(roomId), opts);
    this.#reader.on('ready', () => {
      this.#readerId = null;
      // A reconnect may be a Redis restart: streams and entries may be gone. Catch every room up.
      if (this.#readerReadyOnce) {
        opts.log.warn({ rooms: this.#rooms.size }, 'redis reconnected; catching loaded rooms up from Postgres');
        for (const tracked of this.#rooms.values()) void this.#catchUp(tracked, 'redis-reconnect');
      }
      this.#readerReadyOnce = true;
    });
    this.#loop = this.#readLoop();
    this.#headTimer = setInterval(() => void this.#checkHeads(), opts.headCheckMs ?? 2000);
    this.#headTimer.unref();
  }

  #key(roomId: string): string {
    return `${this.#opts.keyPrefix}room:${roomId}`;
  }

  /** The stream's last id now ('0-0' when empty or Redis is away: reading from the start is only overlap). */
  async position(roomId: string): Promise<string> {
    try {
      const last = await this.#cmd.xrevrange(this.#key(roomId), '+', '-', 'COUNT', 1);
      return last[0]?.[0] ?? '0-0';
    } catch {
      return '0-0';
    }
  }

  /** Starts reading the room's stream from `position`; `lastSeq` is what storage gave it. */
  track(room: StreamRoom, position: string, lastSeq: number): void {
    this.#rooms.set(room.id, { room, cursor: position, applied: lastSeq, ahead: new Map(), gapTimer: null, catchingUp: null, again: null, checkedApplied: -1 });
    this.#interrupt();
  }

  untrack(room: StreamRoom): void {
    const tracked = this.#rooms.get(room.id);
    if (!tracked || tracked.room !== room) return;
    if (tracked.gapTimer) clearTimeout(tracked.gapTimer);
    this.#rooms.delete(room.id);
  }

  /** This instance committed rows `first..last` of the room (its doc already holds them). */
  committedLocally(roomId: string, first: number, last: number): void {
    const tracked = this.#rooms.get(roomId);
    if (!tracked) return;
    for (let seq = first; seq <= last; seq++) if (seq > tracked.applied) tracked.ahead.set(seq, null);
    this.#advance(tracked);
  }

  /**
   * Applies what Postgres holds and the loaded room lacks, now (the history service plans a
   * restore against the room: it must not miss a row another instance committed just before).
   */
  async catchUpRoom(roomId: string): Promise<void> {
    const tracked = this.#rooms.get(roomId);
    if (!tracked) return;
    // One already running may have read before this call: wait for it, then read again
    // (or join the re-run it queued, which started after this call).
    if (tracked.catchingUp) await tracked.catchingUp;
    await (tracked.catchingUp ?? this.#catchUp(tracked, 'history'));
  }

  /** XADD every committed row (PgStorage's afterCommit). Never throws. */
  publish(rows: readonly CommittedRow[]): Promise<void> {
    return this.#publisher.publish(rows);
  }

  /**
   * Safety net for a row nobody will ever XADD and no later row reveals (an instance killed
   * between COMMIT and XADD, at the end of a burst): a room behind Postgres's head at two
   * checks in a row, without progress in between, catches up.
   */
  async #checkHeads(): Promise<void> {
    if (this.#rooms.size === 0) return;
    let heads: Map<string, number>;
    try {
      heads = await this.#opts.headSeqs([...this.#rooms.keys()]);
    } catch {
      return; // Postgres away: commits fail too; the next check runs when it is back
    }
    for (const tracked of this.#rooms.values()) {
      const head = heads.get(tracked.room.id) ?? 0;
      if (head <= tracked.applied) {
        tracked.checkedApplied = -1;
        continue;
      }
      if (tracked.checkedApplied === tracked.applied) void this.#catchUp(tracked, 'behind-head');
      tracked.checkedApplied = tracked.applied;
    }
  }

  /** For /healthz. */
  async ping(): Promise<boolean> {
    try {
      return (await this.#cmd.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.#running = false;
    clearInterval(this.#headTimer);
    this.#publisher.close();
    this.#interrupt();
    for (const tracked of this.#rooms.values()) if (tracked.gapTimer) clearTimeout(tracked.gapTimer);
    this.#rooms.clear();
    this.#reader.disconnect();
    this.#cmd.disconnect();
    // A read blocked on a connection that is reconnecting may never settle; do not wait on it forever.
    await Promise.race([this.#loop.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  /** Makes a blocked XREAD return so the next one covers the current set of rooms. */
  #interrupt(): void {
    this.#wake?.();
    if (this.#readerId !== null) this.#cmd.client('UNBLOCK', this.#readerId).catch(() => undefined);
  }

  async #readLoop(): Promise<void> {
    while (this.#running) {
      if (this.#rooms.size === 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = null;
        continue;
      }
      try {
        if (this.#readerId === null) this.#readerId = Number(await this.#reader.client('ID'));
        const rooms = [...this.#rooms.values()];
        const keys = rooms.map((t) => this.#key(t.room.id));
        const ids = rooms.map((t) => t.cursor);
        const answer = await this.#reader.xreadBuffer('COUNT', 1000, 'BLOCK', 5000, 'STREAMS', ...keys, ...ids);
        if (answer) for (const [key, entries] of answer) this.#consume(key.toString(), entries);
      } catch (error) {
        if (!this.#running) return;
        this.#opts.log.debug({ err: error instanceof Error ? error.message : String(error) }, 'redis stream read failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  #consume(key: string, entries: Array<[Buffer, Buffer[]]>): void {
    const roomId = key.slice(`${this.#opts.keyPrefix}room:`.length);
    const tracked = this.#rooms.get(roomId);
    if (!tracked) return;
    for (const [id, flat] of entries) {
      tracked.cursor = id.toString();
      const fields: Record<string, unknown> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const name = (flat[i] as Buffer).toString();
        fields[name] = name === 'data' ? flat[i + 1] : (flat[i + 1] as Buffer).toString();
      }
      const entry = entryFields.safeParse(fields);
      if (!entry.success) {
        this.#opts.log.warn({ room: roomId, id: tracked.cursor }, 'malformed stream entry skipped');
        continue;
      }
      const { seq, from, data } = entry.data;
      if (seq <= tracked.applied || tracked.ahead.has(seq)) continue; // overlap with storage or our own row
      tracked.ahead.set(seq, from === this.#opts.instanceId ? null : new Uint8Array(data));
    }
    this.#advance(tracked);
  }

  /** Applies the rows that follow `applied` without a hole; a hole left open arms the gap timer. */
  #advance(tracked: Tracked): void {
    for (let next = tracked.applied + 1; tracked.ahead.has(next); next++) {
      const data = tracked.ahead.get(next);
      tracked.ahead.delete(next);
      tracked.applied = next;
      if (!data || tracked.room.closed) continue;
      try {
        tracked.room.applyRemote(data);
        this.#opts.metrics.fanoutApplied.inc();
      } catch (error) {
        this.#opts.log.error({ err: error, room: tracked.room.id, seq: next }, 'a stream entry failed to apply; catching up from Postgres');
        void this.#catchUp(tracked, 'apply-failed');
      }
    }
    if (tracked.ahead.size === 0) {
      if (tracked.gapTimer) clearTimeout(tracked.gapTimer);
      tracked.gapTimer = null;
    } else if (!tracked.gapTimer) {
      tracked.gapTimer = setTimeout(() => {
        tracked.gapTimer = null;
        if (tracked.ahead.size > 0) void this.#catchUp(tracked, 'gap');
      }, this.#opts.gapMs ?? 1000);
      tracked.gapTimer.unref();
    }
  }

  /** Applies what Postgres holds and the room lacks; then every stored seq counts as applied. */
  #catchUp(tracked: Tracked, reason: string): Promise<void> {
    if (tracked.catchingUp) {
      tracked.again = reason;
      return tracked.catchingUp;
    }
    tracked.catchingUp = (async () => {
      const { room } = tracked;
      try {
        const stored = await this.#opts.loadStored(room.id);
        if (room.closed || this.#rooms.get(room.id) !== tracked) return;
        const fresh = docFromStored(room.id, stored);
        try {
          const missing = Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(room.doc));
          room.applyRemote(missing);
        } finally {
          fresh.destroy();
        }
        this.#opts.metrics.fanoutCatchUps.inc({ reason });
        this.#opts.log.info({ room: room.id, reason, from: tracked.applied, to: stored.lastSeq }, 'room caught up from Postgres');
        if (stored.lastSeq > tracked.applied) tracked.applied = stored.lastSeq;
        for (const seq of tracked.ahead.keys()) if (seq <= tracked.applied) tracked.ahead.delete(seq);
        this.#advance(tracked);
      } catch (error) {
        this.#opts.log.error({ err: error, room: room.id, reason }, 'catching a room up from Postgres failed; retrying at the next gap');
        if (!tracked.gapTimer && this.#running) {
          tracked.gapTimer = setTimeout(() => {
            tracked.gapTimer = null;
            void this.#catchUp(tracked, reason);
          }, 1000);
          tracked.gapTimer.unref();
        }
      } finally {
        tracked.catchingUp = null;
        const again = tracked.again;
        tracked.again = null;
        if (again && this.#running) void this.#catchUp(tracked, again);
      }
    })();
    return tracked.catchingUp;
  }
}
