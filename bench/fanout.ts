/**
 * Fan-out workloads, identical for both relays:
 * - saturated: one writer sends N pre-encoded updates as fast as its socket takes them; one
 *   reader integrates them into a Y.Doc; every other client is a raw socket that only
 *   counts bytes (so client-side Yjs work does not hide the relay's cost). Done when the
 *   reader holds all N and every raw socket has received as many bytes as the reader.
 *   Fan-out deliveries/s = N × (clients − 1) / elapsed.
 * - paced: the writer sends 500 updates/s; the reader timestamps each key's arrival.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { syncUpdateFrame } from '../server/relay/frames';
import type { BenchServer } from './servers';

const MESSAGE_SYNC = 0;

/** N updates of the kind a board produces: one small map entry each. */
export function makeUpdates(n: number, clientId = 1): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const frames: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => frames.push(syncUpdateFrame(u)));
  const map = doc.getMap('jobs');
  for (let i = 0; i < n; i++) map.set(`k${i}`, { s: 'open', n: i });
  return frames;
}

function open(url: string, onMessage?: (data: Buffer) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    let greeted = false;
    ws.on('message', (data: Buffer) => {
      onMessage?.(data);
      if (!greeted) {
        greeted = true;
        resolve(ws);
      }
    });
    ws.once('error', reject);
  });
}

/** Bytes a server-to-client websocket frame of `payload` bytes takes on the wire (unmasked). */
const wireBytes = (payload: number) => payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);

/**
 * A client that integrates sync updates into a doc. `wire` counts the frames' bytes on the
 * wire after `start()`, to compare with the raw sockets.
 */
async function reader(url: string, onKey?: (key: string) => void) {
  const doc = new Y.Doc();
  const state = { doc, wire: 0, keys: 0, counting: false, ws: null as WebSocket | null };
  // Counted as they arrive: YMap.size walks every entry, far too slow to poll.
  doc.getMap('jobs').observe((e) => {
    state.keys += e.keysChanged.size;
    if (onKey) e.keysChanged.forEach(onKey);
  });
  state.ws = await open(url, (data) => {
    if (state.counting) state.wire += wireBytes(data.byteLength);
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC) return;
    const sub = decoding.readVarUint(d);
    if (sub === 1 || sub === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d));
  });
  return state;
}

/**
 * Raw sockets: after the websocket handshake and the relay's greeting, ws is detached from
 * the TCP socket, which then only counts the bytes that arrive (no frame parsing at all).
 */
async function counters(url: (index: number) => string, n: number) {
  const counts = Array.from({ length: n }, () => ({ bytes: 0 }));
  const sockets = await Promise.all(counts.map((_, i) => open(url(i))));
  sockets.forEach((ws, i) => {
    const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.removeAllListeners('data');
    socket.on('data', (chunk: Buffer) => (counts[i]!.bytes += chunk.byteLength));
  });
  return { counts, sockets };
}

/** Where each client connects: one URL, or per role on several instances. */
function urls(server: BenchServer, room: string) {
  const at = (role: 'writer' | 'reader' | 'counter', i = 0) => server.urlFor?.(room, role, i) ?? server.url(room);
  return { writer: at('writer'), reader: at('reader'), counter: (i: number) => at('counter', i) };
}

function until(check: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error('bench step timed out'));
      setTimeout(tick, 2); // polling with setImmediate would spin a core the relays need
    };
    tick();
  });
}

export interface SaturatedResult {
  clients: number;
  updates: number;
  seconds: number;
  deliveriesPerSecond: number;
}

export async function saturated(server: BenchServer, room: string, clients: number, updates: number): Promise<SaturatedResult> {
  const frames = makeUpdates(updates);
  const at = urls(server, room);
  const read = await reader(at.reader);
  const raw = await counters(at.counter, clients - 2);
  const writer = await open(at.writer);
  read.counting = true;
  const started = performance.now();
  for (const frame of frames) writer.send(frame);
  await until(() => read.keys === updates, 120_000);
  await until(() => raw.counts.every((c) => c.bytes >= read.wire), 60_000);
  const seconds = (performance.now() - started) / 1000;
  for (const ws of [writer, read.ws!, ...raw.sockets]) ws.terminate();
  return { clients, updates, seconds, deliveriesPerSecond: (updates * (clients - 1)) / seconds };
}

export interface PacedResult {
  rate: number;
  updates: number;
  p50: number;
  p99: number;
  max: number;
}

export async function paced(server: BenchServer, room: string, clients: number, rate: number, seconds: number): Promise<PacedResult> {
  const total = rate * seconds;
  const frames = makeUpdates(total, 2);
  const sentAt = new Float64Array(total);
  const latencies: number[] = [];
  const to = urls(server, room);
  const read = await reader(to.reader, (key) => latencies.push(performance.now() - (sentAt[Number(key.slice(1))] as number)));
  const raw = await counters(to.counter, clients - 2);
  const writer = await open(to.writer);
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        sentAt[sent] = performance.now();
        writer.send(frames[sent] as Uint8Array);
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await until(() => latencies.length === total, 30_000);
  for (const ws of [writer, read.ws!, ...raw.sockets]) ws.terminate();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  return { rate, updates: total, p50: at(0.5), p99: at(0.99), max: at(1) };
}
