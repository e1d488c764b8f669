/** Room-level figures for our relay: memory per loaded room, open/close churn, loading a long log. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SqliteStorage } from '../server/storage/sqlite-storage';
import type { AttributedUpdate } from '../server/storage/types';
import { Inspector } from './inspector';
import { startOurs, type BenchServer } from './servers';

function greet(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function health(server: BenchServer): Promise<{ rooms: number; connections: number }> {
  return (await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json()) as { rooms: number; connections: number };
}

const roomName = (i: number) => `bench/archive-${1000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** A typical small board: `entries` jobs with a few fields each. */
function boardState(entries: number): Uint8Array {
  const doc = new Y.Doc();
  const jobs = doc.getMap('jobs');
  for (let i = 0; i < entries; i++) jobs.set(`job-${i}`, { title: `Service visit ${i}`, status: 'open', customer: `c${i % 40}`, priceCents: 12_500 + i });
  return Y.encodeStateAsUpdate(doc);
}

/** Heap after a full GC, and RSS, of a relay started with `inspect`. */
async function measure(server: BenchServer): Promise<{ heap: number; rss: number }> {
  const inspector = await Inspector.connect(server.inspectorUrl as string);
  try {
    return { heap: await inspector.heapAfterGc(), rss: server.rss() };
  } finally {
    inspector.close();
  }
}

export async function memoryPerRoom(server: BenchServer, rooms: number) {
  const entries = 200;
  const state = boardState(entries);
  const frame = Buffer.concat([Buffer.from([0, 2]), encodeLength(state.byteLength), Buffer.from(state)]);
  // Write each room's content, then disconnect (ROOM_IDLE_MS keeps them loaded).
  const baseline = await measure(server);
  for (let i = 0; i < rooms; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, rooms - i) }, (_, k) => greet(server.url(roomName(i + k)))));
    for (const ws of batch) ws.send(frame);
    await new Promise((r) => setTimeout(r, 20));
    for (const ws of batch) ws.close();
  }
  const loaded = (await health(server)).rooms;
  const after = await measure(server);
  return {
    rooms: loaded,
    entries,
    docBytes: state.byteLength,
    heapPerRoom: (after.heap - baseline.heap) / loaded,
    rssPerRoom: (after.rss - baseline.rss) / loaded
  };
}

function encodeLength(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}

export async function openAndCloseRooms(server: BenchServer, rooms: number, firstRoom = 0) {
  const baseline = await measure(server);
  let peakRss = baseline.rss;
  let peakRooms = 0;
  const started = performance.now();
  const concurrency = 50;
  for (let i = 0; i < rooms; i += concurrency) {
    const batch = await Promise.all(Array.from({ length: Math.min(concurrency, rooms - i) }, (_, k) => greet(server.url(roomName(firstRoom + i + k)))));
    for (const ws of batch) ws.close();
    if (i % 1000 === 0) {
      peakRss = Math.max(peakRss, server.rss());
      peakRooms = Math.max(peakRooms, (await health(server)).rooms);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const deadline = Date.now() + 30_000;
  while ((await health(server)).rooms > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const after = await measure(server);
  return { rooms, seconds, baseline, after, peakRss, peakRooms, roomsAfter: (await health(server)).rooms };
}

export async function loadLargeRoom(updates: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-bench-big-'));
  const storage = new SqliteStorage(path.join(dir, 'fieldboard.db'), { synchronous: 'NORMAL' });
  const doc = new Y.Doc();
  let batch: AttributedUpdate[] = [];
  let bytes = 0;
  doc.on('update', (u: Uint8Array) => {
    batch.push({ data: u, by: { userId: 'bench', action: 'edit' } });
    bytes += u.byteLength;
  });
  const jobs = doc.getMap('jobs');
  for (let i = 0; i < updates; i++) {
    jobs.set(`job-${i % 2000}`, { status: i % 3 === 0 ? 'open' : 'done', n: i });
    if (batch.length === 1000) {
      await storage.appendBatch([{ roomId: 'bench/board', updates: batch }]);
      batch = [];
    }
  }
  if (batch.length) await storage.appendBatch([{ roomId: 'bench/board', updates: batch }]);
  await storage.close();
  // Compaction would run after the load; keep it out of the way of the measurement.
  const server = await startOurs({ COMPACT_MAX_ROWS: String(updates * 10), COMPACT_MAX_BYTES: String(2 ** 40) }, dir);
  try {
    let started = performance.now();
    const first = await greet(server.url('bench/board'));
    const firstMs = performance.now() - started;
    started = performance.now();
    const second = await greet(server.url('bench/board'));
    const secondMs = performance.now() - started;
    first.close();
    second.close();
    return { updates, bytes, firstMs, secondMs };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
