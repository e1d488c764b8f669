/**
 * The acknowledgement contract inside one room, with real SQLite storage behind a gate that
 * lets the test hold a commit in flight (as a slow storage adapter would).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateVectorOfSyncStep1, unconfirmedStructs } from '../../src/lib/sync/confirmation';
import { RelayMetrics } from '../../server/metrics';
import type { FrameKind } from '../../server/relay/frames';
import type { Peer } from '../../server/relay/peer';
import { Room } from '../../server/relay/room';
import { SqliteStorage } from '../../server/storage/sqlite-storage';
import type { AppendResult, RelayStorage, RoomAppend } from '../../server/storage/types';
import { WriteQueue } from '../../server/storage/write-queue';
import { until } from './support/clients';

/** Storage whose commits wait for `open()`, or fail when told to. */
class GatedStorage implements RelayStorage {
  #gate: Promise<void> = Promise.resolve();
  #release: () => void = () => {};
  failNext = false;
  commits = 0;
  constructor(private readonly inner: SqliteStorage) {}
  close() {
    this.#release();
    return this.inner.close();
  }
  hold(): void {
    this.#gate = new Promise((resolve) => (this.#release = resolve));
  }
  open(): void {
    this.#release();
  }
  loadRoom(roomId: string) {
    return this.inner.loadRoom(roomId);
  }
  writeSnapshot(roomId: string, state: Uint8Array, uptoSeq: number) {
    return this.inner.writeSnapshot(roomId, state, uptoSeq);
  }
  async appendBatch(batch: readonly RoomAppend[]): Promise<AppendResult> {
    await this.#gate;
    if (this.failNext) throw new Error('disk full');
    this.commits++;
    return this.inner.appendBatch(batch);
  }
}

class FakePeer implements Peer {
  static next = 1;
  readonly id = FakePeer.next++;
  readonly userId = `user-${this.id}`;
  readonly frames: Array<{ frame: Uint8Array; kind: FrameKind }> = [];
  isOpen = true;
  closedWith: number | null = null;
  readonly doc = new Y.Doc();
  send(frame: Uint8Array, kind: FrameKind): void {
    this.frames.push({ frame, kind });
  }
  close(code: number): void {
    this.isOpen = false;
    this.closedWith = code;
  }
  /** Changes the local doc; returns the update to hand to the room. */
  edit(change: (doc: Y.Doc) => void): Uint8Array {
    let out: Uint8Array | null = null;
    const on = (u: Uint8Array) => (out = u);
    this.doc.on('update', on);
    this.doc.transact(() => change(this.doc));
    this.doc.off('update', on);
    return out as unknown as Uint8Array;
  }
  acks(): Map<number, number>[] {
    return this.frames.flatMap(({ frame }) => {
      const sv = stateVectorOfSyncStep1(frame);
      return sv ? [sv] : [];
    });
  }
  unconfirmedAfterLastAck(): number {
    const last = this.acks().at(-1);
    return unconfirmedStructs(Y.decodeStateVector(Y.encodeStateVector(this.doc)), last ?? new Map());
  }
  count(kind: FrameKind): number {
    return this.frames.filter((f) => f.kind === kind).length;
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-room-'));
  dirs.push(dir);
  const storage = new GatedStorage(new SqliteStorage(path.join(dir, 'db.sqlite'), { synchronous: 'NORMAL' }));
  const metrics = new RelayMetrics();
  const log = pino({ level: 'silent' });
  const queue = new WriteQueue(storage, { maxUpdates: 64, delayMs: 0 }, metrics, log);
  const broken: unknown[] = [];
  const room = new Room('t/board', await storage.loadRoom('t/board'), {
    queue,
    onBroken: (r, error) => {
      broken.push(error);
      r.fail('storage failure');
    },
    onCommitted: () => {}
  });
  return { storage, queue, room, broken };
}

describe('room writes', () => {
  it('acknowledges only what was committed, even while later writes are pending', async () => {
    const { storage, room } = await setup();
    const writer = new FakePeer();
    const reader = new FakePeer();
    room.join(writer);
    room.join(reader);
    storage.hold();
    room.applyUpdate(writer, writer.edit((d) => d.getMap('m').set('a', 1)));
    await new Promise((r) => setImmediate(r)); // first batch sealed, its commit now waits at the gate
    room.applyUpdate(writer, writer.edit((d) => d.getMap('m').set('b', 2)));
    expect(reader.count('sync-update')).toBe(0); // nothing forwarded before a commit
    storage.open();
    await until(() => writer.acks().length >= 3, 'both acknowledgements');
    // The first acknowledgement covers the first write, not the second (still uncommitted).
    const firstAck = writer.acks()[1] as Map<number, number>;
    expect(firstAck.get(writer.doc.clientID)).toBe(1);
    expect(writer.unconfirmedAfterLastAck()).toBe(0);
    expect(storage.commits).toBe(2);
    expect(reader.count('sync-update')).toBe(2);
    await storage.close();
  });

  it('does not acknowledge a step 2 that only repeats durable state (no ping-pong)', async () => {
    const { room, storage } = await setup();
    const writer = new FakePeer();
    room.join(writer);
    room.applyUpdate(writer, writer.edit((d) => d.getMap('m').set('a', 1)));
    await until(() => writer.unconfirmedAfterLastAck() === 0, 'the acknowledgement');
    const acks = writer.acks().length;
    room.applyUpdate(writer, Y.encodeStateAsUpdate(writer.doc)); // what a client answers to our step 1
    // Barrier: a real write after it; any acknowledgement owed for the repeat comes by then.
    room.applyUpdate(writer, writer.edit((d) => d.getMap('m').set('b', 2)));
    await until(() => writer.unconfirmedAfterLastAck() === 0, 'the barrier acknowledgement');
    expect(writer.acks().length).toBe(acks + 1);
    await storage.close();
  });

  it('acknowledges a peer that repeats content still in flight once that commit lands', async () => {
    const { room, storage } = await setup();
    const writer = new FakePeer();
    const echo = new FakePeer();
    room.join(writer);
    room.join(echo);
    storage.hold();
    const update = writer.edit((d) => d.getMap('m').set('a', 1));
    room.applyUpdate(writer, update);
    await new Promise((r) => setImmediate(r));
    Y.applyUpdate(echo.doc, update);
    room.applyUpdate(echo, update); // no change to the room, but not durable yet either
    expect(echo.unconfirmedAfterLastAck()).toBeGreaterThan(0);
    storage.open();
    await until(() => echo.unconfirmedAfterLastAck() === 0, 'the echo’s acknowledgement');
    await storage.close();
  });

  it('closes every peer with 1011 and never acknowledges when a commit fails', async () => {
    const { room, storage, broken } = await setup();
    const writer = new FakePeer();
    room.join(writer);
    storage.failNext = true;
    room.applyUpdate(writer, writer.edit((d) => d.getMap('m').set('a', 1)));
    await until(() => broken.length === 1, 'the failure');
    expect(writer.closedWith).toBe(1011);
    expect(writer.acks().length).toBe(1); // only the greeting
    expect(room.closed).toBe(true);
    await storage.close();
  });
});
