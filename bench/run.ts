/**
 * `npm run bench`: our relay (SQLite storage on) against the reference @y/websocket-server
 * 0.1.1 (no storage), same run, same workload, loopback only. Prints figures and ratios;
 * not a test (no thresholds fail it). Stops by itself; ~2–3 minutes on 2 cores.
 * BENCH_QUICK=1 runs smaller workloads; BENCH_ONLY=fanout|rooms one part; BENCH_REFERENCE_BIN=1
 * runs the reference's own bin (ws 6) instead of its handler behind ws 8.
 */
import { clusterUnavailable, startCluster } from './cluster';
import { paced, saturated, type PacedResult, type SaturatedResult } from './fanout';
import { startOurs, startReference, type BenchServer } from './servers';
import { loadLargeRoom, memoryPerRoom, openAndCloseRooms } from './rooms';

const QUICK = process.env.BENCH_QUICK === '1';
/** BENCH_ONLY=fanout|rooms runs one part. */
const ONLY = process.env.BENCH_ONLY ?? '';
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`;
let roomCounter = 0;
const nextRoom = (server: BenchServer) => (server.name === 'ours' ? `bench/archive-${2000 + Math.floor(roomCounter / 12)}-${String((roomCounter++ % 12) + 1).padStart(2, '0')}` : `bench-room-${roomCounter++}`);

async function withServer<T>(start: () => Promise<BenchServer>, run: (server: BenchServer) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

async function fanout(): Promise<void> {
  console.log('\n## Fan-out (one writer, one reader Y.Doc, the rest raw byte-counting sockets)');
  const sizes = [10, 50];
  const updates = QUICK ? 5000 : 20_000;
  const results = new Map<string, SaturatedResult>();
  const pacedResults = new Map<string, PacedResult>();
  // Ours twice: with the room rules guard (as deployed) and without it, to show its cost.
  // Then on Postgres + Redis (issue 13): one instance, and two with the reader on the other one.
  const cluster = await clusterUnavailable();
  if (cluster) console.log(`\n!!! SCALE-OUT BENCH SKIPPED: ${cluster} !!!\n`);
  const starts = [startReference, () => startOurs(), () => startOurs({ ROOM_GUARD: 'off' })];
  if (!cluster) starts.push(() => startCluster(1), () => startCluster(2));
  for (const start of starts) {
    await withServer(start, async (server) => {
      await saturated(server, nextRoom(server), 10, 2000); // warm-up
      for (const clients of sizes) {
        const r = await saturated(server, nextRoom(server), clients, updates);
        results.set(`${server.label}:${clients}`, r);
        console.log(`saturated ${server.label.padEnd(14)} ${String(clients).padStart(2)} clients: ${fmt(r.deliveriesPerSecond)} deliveries/s (${fmt(r.updates)} updates in ${fmt(r.seconds, 2)} s)`);
      }
      const p = await paced(server, nextRoom(server), 50, 500, QUICK ? 3 : 5);
      pacedResults.set(server.label, p);
      console.log(`paced     ${server.label.padEnd(14)} 50 clients, ${p.rate}/s: p50 ${fmt(p.p50, 2)} ms, p99 ${fmt(p.p99, 2)} ms, max ${fmt(p.max, 2)} ms`);
    });
  }
  if (!cluster) {
    console.log('\n### Several instances (Postgres + Redis; writer on instance A, every receiver on B) next to one instance');
    console.log('setup               10 clients deliveries/s   50 clients deliveries/s   paced p50 / p99 ms');
    for (const label of ['ours', 'ours-1×pg', 'ours-2×pg']) {
      const p = pacedResults.get(label)!;
      const row = sizes.map((c) => fmt(results.get(`${label}:${c}`)!.deliveriesPerSecond).padStart(24)).join('  ');
      console.log(`${label.padEnd(18)}${row}   ${fmt(p.p50, 2)} / ${fmt(p.p99, 2)}`);
    }
    for (const clients of sizes) {
      const one = results.get(`ours:${clients}`)!;
      const two = results.get(`ours-2×pg:${clients}`)!;
      console.log(`ratio two instances (pg)/one instance (SQLite), saturated ${clients} clients: ${fmt(two.deliveriesPerSecond / one.deliveriesPerSecond, 2)}×`);
    }
  }
  for (const clients of sizes) {
    const ours = results.get(`ours:${clients}`)!;
    const unguarded = results.get(`ours-unguarded:${clients}`)!;
    const ref = results.get(`reference:${clients}`)!;
    console.log(`ratio ours (guarded)/reference, saturated ${clients} clients: ${fmt(ours.deliveriesPerSecond / ref.deliveriesPerSecond, 2)}×`);
    console.log(`ratio ours guarded/unguarded, saturated ${clients} clients: ${fmt(ours.deliveriesPerSecond / unguarded.deliveriesPerSecond, 2)}× (guard on vs ROOM_GUARD=off)`);
  }
}

async function rooms(): Promise<void> {
  console.log('\n## Rooms (our relay)');
  await withServer(() => startOurs({ ROOM_IDLE_MS: '600000' }, undefined, true), async (server) => {
    const m = await memoryPerRoom(server, QUICK ? 100 : 300);
    console.log(
      `memory per loaded room (${m.rooms} rooms of ${m.entries} jobs, ${fmt(m.docBytes / 1024, 1)} KiB encoded): ` +
        `${fmt(m.heapPerRoom / 1024, 1)} KiB heap, ${fmt(m.rssPerRoom / 1024, 1)} KiB RSS`
    );
  });
  await withServer(() => startOurs({ ROOM_IDLE_MS: '0' }, undefined, true), async (server) => {
    await openAndCloseRooms(server, 500, 100_000); // warm-up: JIT and caches, not rooms
    const r = await openAndCloseRooms(server, QUICK ? 2000 : 10_000);
    console.log(
      `${fmt(r.rooms)} rooms opened and closed in ${fmt(r.seconds, 1)} s (≤ ${r.peakRooms} in memory at once): ` +
        `heap ${mb(r.baseline.heap)} before → ${mb(r.after.heap)} after (${fmt(((r.after.heap - r.baseline.heap) / r.baseline.heap) * 100, 1)}%); ` +
        `RSS ${mb(r.baseline.rss)} → peak ${mb(r.peakRss)} → ${mb(r.after.rss)}; rooms in memory after: ${r.roomsAfter}`
    );
  });
  const big = await loadLargeRoom(QUICK ? 20_000 : 100_000);
  console.log(`load a room with ${fmt(big.updates)} logged updates (${mb(big.bytes)}): ${fmt(big.firstMs)} ms to the greeting (rooms cached after: ${fmt(big.secondMs)} ms)`);
}

const started = Date.now();
console.log(`Fieldboard relay bench (${QUICK ? 'quick' : 'full'}); node ${process.version}`);
if (ONLY === '' || ONLY === 'fanout') await fanout();
if (ONLY === '' || ONLY === 'rooms') await rooms();
console.log(`\nbench finished in ${fmt((Date.now() - started) / 1000, 1)} s`);
process.exit(0);
