/**
 * The fan-in (server/scale-out/room-streams.ts) on real Redis and PostgreSQL, with a stand-in
 * room: rows are applied in Postgres sequence order whatever order the stream has; a row an
 * instance committed but never XADDed (it died in between) is caught up from Postgres, both
 * when a later row reveals the hole and when nothing follows it (the head check).
 * Skips loudly without Postgres/Redis.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RelayMetrics } from '../../server/metrics';
import { RoomStreams, type StreamRoom } from '../../server/scale-out/room-streams';
import { PgStorage } from '../../server/storage/pg-storage';
import { until } from './support/clients';
import { DATABASE_URL, newNamespace, REDIS_URL, scaleOutServicesAvailable, type Namespace } from './support/scale-out';

const available = await scaleOutServicesAvailable();
const by = { userId: 'u1', action: 'edit' as const };

/** A room that records the order in which its doc received keys, and whether it ever parked structs. */
function standIn(id: string): StreamRoom & { order: string[]; parked: boolean } {
  const doc = new Y.Doc();
  const order: string[] = [];
  const state = { parked: false };
  doc.getMap('m').observe((event) => order.push(...event.keysChanged));
  return {
    id,
    doc,
    order,
    closed: false,
    get parked() {
      return state.parked;
    },
    applyRemote: (update) => {
      Y.applyUpdate(doc, update, 'remote');
      if (doc.store.pendingStructs !== null) state.parked = true;
    }
  };
}

/** Updates that build on each other (one writer), so applying them out of order would park structs. */
function chain(n: number, prefix: string): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(`${prefix}${i}`, i);
  return out;
}

describe.skipIf(!available)('room streams: order and holes', () => {
  let ns: Namespace;
  let storage: PgStorage;
  let redis: Redis;
  let streams: RoomStreams | null = null;

  beforeAll(async () => {
    ns = newNamespace();
    storage = new PgStorage({ connectionString: DATABASE_URL, schema: ns.schema });
    await storage.init();
    redis = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    await streams?.close();
    streams = null;
  });
  afterAll(async () => {
    redis?.disconnect();
    await storage?.close();
    await ns?.drop();
  });

  const start = () =>
    (streams = new RoomStreams({
      redisUrl: REDIS_URL,
      keyPrefix: ns.keyPrefix,
      instanceId: 'reader',
      loadStored: (roomId) => storage.loadRoom(roomId),
      headSeqs: (roomIds) => storage.headSeqs(roomIds),
      headCheckMs: 300,
      gapMs: 200,
      metrics: new RelayMetrics(),
      log: pino({ level: 'silent' })
    }));
  /** Commits like a dead instance would: durable in Postgres, XADD left to the caller. */
  const commit = async (roomId: string, data: Uint8Array) => (await storage.appendBatch([{ roomId, updates: [{ data, by }] }])).lastSeq.get(roomId) as number;
  const xadd = (roomId: string, seq: number, data: Uint8Array) => redis.xadd(`${ns.keyPrefix}room:${roomId}`, '*', 'seq', seq, 'from', 'writer', 'data', Buffer.from(data));

  it('applies rows in sequence order when the stream has them out of order', async () => {
    const room = standIn('acme/board');
    const fanout = start();
    fanout.track(room, await fanout.position(room.id), 0);
    const updates = chain(4, 'k');
    const seqs = [];
    for (const u of updates) seqs.push(await commit(room.id, u));
    // The stream gets 2, 4, 3, 1 (two instances' XADDs racing).
    for (const i of [1, 3, 2, 0]) await xadd(room.id, seqs[i] as number, updates[i] as Uint8Array);
    await until(() => room.order.length === 4, 'all four rows');
    expect(room.order).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(room.parked, 'a row was applied before the one it builds on').toBe(false);
  });

  it('catches a hole up from Postgres when a later row reveals it', async () => {
    const room = standIn('acme/finance');
    const fanout = start();
    fanout.track(room, await fanout.position(room.id), 0);
    const updates = chain(3, 'h');
    await commit(room.id, updates[0] as Uint8Array); // committed, never XADDed (its instance died)
    const s2 = await commit(room.id, updates[1] as Uint8Array);
    const s3 = await commit(room.id, updates[2] as Uint8Array);
    await xadd(room.id, s2, updates[1] as Uint8Array);
    await xadd(room.id, s3, updates[2] as Uint8Array);
    await until(() => room.order.length === 3, 'the hidden row and the two after it', 5000);
    expect(room.order).toEqual(['h0', 'h1', 'h2']);
  });

  it('catches a lost last row up from Postgres when nothing follows it', async () => {
    const room = standIn('acme/catalog');
    const fanout = start();
    fanout.track(room, await fanout.position(room.id), 0);
    const [only] = chain(1, 'tail');
    await commit(room.id, only as Uint8Array); // never XADDed, and no row after it
    await until(() => room.order.length === 1, 'the lost tail row', 5000);
    expect(room.order).toEqual(['tail0']);
  });
});
