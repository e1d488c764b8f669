/**
 * Bad input (DESIGN §4 known traps: y-websocket#82, yjs#479, yjs#732): ≥ 10,000 seeded
 * random and mutated frames over thousands of connections. Afterwards the relay is alive,
 * the room's state is byte-identical, bystanders still converge, every bad connection was
 * closed with 4400 / 1009 / 4429, and the log has a line for each.
 * Replay a failure with FUZZ_SEED=<seed printed below>.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { syncStep1Frame } from '../../server/relay/frames';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until } from './support/clients';
import { FuzzSource, type FuzzKind } from './support/fuzz-messages';

const MESSAGES = 10_000;
const WAVE = 64;
const MAX_MESSAGE_BYTES = 64 * 1024;
const ROOM = 'fuzz/board';
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Opens a socket, sends `frames`, resolves with the close code the relay chose. */
function hostileConnection(url: string, frames: Array<Uint8Array | string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`seed ${SEED}: the relay did not close a bad connection within 10 s`));
    }, 10_000);
    ws.on('open', () => {
      for (const f of frames) ws.send(f, { binary: typeof f !== 'string' });
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => {}); // the close event follows and carries the verdict
  });
}

async function roomSnapshot(relay: RelayProcess, token: string): Promise<{ sv: Buffer; state: Buffer }> {
  const reader = await new RawClient(relay.wsUrl, ROOM, token).ready();
  await reader.roundTrip();
  reader.close();
  return { sv: Buffer.from(Y.encodeStateVector(reader.doc)), state: Buffer.from(Y.encodeStateAsUpdate(reader.doc)) };
}

describe('relay under hostile frames', () => {
  let relay: RelayProcess;

  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), RATE_MESSAGES_PER_SECOND: '200' } });
  });
  afterAll(async () => {
    await relay.kill();
  });

  it(`survives ${MESSAGES} random and mutated messages with the room untouched (seed printed)`, { timeout: 240_000 }, async () => {
    console.log(`relay fuzz seed: ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const token = await makeToken(relay.dataDir, { org: 'fuzz', role: 'dispatcher', sub: 'fuzzer' });
    const writer = await new RawClient(relay.wsUrl, ROOM, token).ready();
    // Nine entities whose fields are then overwritten (the room rules refuse replacing an entity).
    writer.write((doc) => {
      for (let k = 0; k < 9; k++) doc.getMap('jobs').set(`j${k}`, new Y.Map());
    });
    for (let i = 0; i < 30; i++) {
      writer.write((doc) => {
        (doc.getMap('jobs').get(`j${i % 9}`) as Y.Map<unknown>).set('title', { title: `job ${i}`, tags: [i, 'x'] });
        doc.getText('notes').insert(0, `line ${i}\n`);
        if (i % 7 === 0) doc.getText('notes').delete(0, 3);
      });
    }
    await until(() => writer.isConfirmed(), 'the seed writes to be acknowledged');
    const bystanderA = stockClient(relay.wsUrl, ROOM, token);
    const bystanderB = stockClient(relay.wsUrl, ROOM, token);
    await synced(bystanderA);
    await synced(bystanderB);
    const before = await roomSnapshot(relay, token);

    const source = new FuzzSource(SEED, before.state);
    const url = `${relay.wsUrl}/${ROOM}?token=${encodeURIComponent(token)}`;
    const codes = new Map<number, number>();
    const kinds = new Map<FuzzKind | 'oversized' | 'flood', number>();
    const count = (kind: FuzzKind | 'oversized' | 'flood', code: number) => {
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      codes.set(code, (codes.get(code) ?? 0) + 1);
    };
    let sent = 0;
    let connections = 0;
    while (sent < MESSAGES) {
      const wave: Array<Promise<void>> = [];
      for (let i = 0; i < WAVE && sent < MESSAGES; i++) {
        const message = source.next();
        // Some connections behave first (a step 1), so bad frames also arrive mid-session.
        const frames = i % 3 === 0 ? [syncStep1Frame(new Uint8Array([0])), message.data] : [message.data];
        sent++;
        connections++;
        wave.push(hostileConnection(url, frames).then((code) => count(message.kind, code)));
      }
      // Oversized frames (1009) and a flood past the rate limit (4429) in every 10th wave.
      if (connections % (WAVE * 10) < WAVE) {
        wave.push(hostileConnection(url, [new Uint8Array(MAX_MESSAGE_BYTES + 1)]).then((code) => count('oversized', code)));
        const flood = Array.from({ length: 1000 }, () => syncStep1Frame(Y.encodeStateVector(writer.doc)));
        wave.push(hostileConnection(url, flood).then((code) => count('flood', code)));
        connections += 2;
      }
      await Promise.all(wave);
    }
    const summary = { seed: SEED, sent, connections, codes: Object.fromEntries(codes), kinds: Object.fromEntries(kinds), skippedValid: source.skippedValid, skippedPartial: source.skippedPartial };
    console.log('relay fuzz summary', JSON.stringify(summary));

    // Every bad connection was closed by the relay with a named code.
    expect([...codes.keys()].every((code) => [4400, 1009, 4429].includes(code)), JSON.stringify(summary)).toBe(true);
    expect(codes.get(4400) ?? 0).toBeGreaterThanOrEqual(MESSAGES * 0.9);
    expect(codes.get(1009) ?? 0).toBeGreaterThan(0);
    expect(codes.get(4429) ?? 0).toBeGreaterThan(0);

    // The relay is alive and the room is byte-for-byte what it was.
    expect(relay.exitCode()).toBeNull();
    expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200);
    const after = await roomSnapshot(relay, token);
    expect(after.sv.equals(before.sv), `seed ${SEED}: state vector changed`).toBe(true);
    expect(after.state.equals(before.state), `seed ${SEED}: content changed`).toBe(true);

    // Clients that stayed connected throughout still converge.
    bystanderA.doc.getMap('jobs').set('after-fuzz', 'A');
    bystanderB.doc.getText('notes').insert(0, 'B was here\n');
    await until(() => bystanderB.doc.getMap('jobs').get('after-fuzz') === 'A', 'B to see A’s write');
    await until(() => bystanderA.doc.getText('notes').toString().startsWith('B was here'), 'A to see B’s write');
    expect(Y.encodeStateVector(bystanderA.doc)).toEqual(Y.encodeStateVector(bystanderB.doc));
    bystanderA.destroy();
    bystanderB.destroy();
    writer.close();

    // One log line per refused connection, naming why.
    const logs = relay.logs();
    const closeLines = (logs.match(/"msg":"bad message; closing connection"/g) ?? []).length;
    const tooBigLines = (logs.match(/"code":"WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"/g) ?? []).length;
    expect(closeLines + tooBigLines).toBeGreaterThanOrEqual(connections);
    expect(relay.logs()).not.toContain('room broken');
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/fieldboard_rejected_messages_total\{reason="bad-message"\} \d+/);
    expect(metrics).toMatch(/fieldboard_rejected_messages_total\{reason="rate-limited"\} [1-9]/);
  });

  it('resets the room when an update fails after partly applying, so none of it is kept', { timeout: 60_000 }, async () => {
    // The room rules guard decodes every update fully and turns these away before they are
    // applied; this checks the room's own last line of defence, so it runs without the guard.
    const guarded = relay;
    const relayUnguarded = await startRelay({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), ROOM_GUARD: 'off' } });
    try {
      await partialUpdatesReset(relayUnguarded);
    } finally {
      await relayUnguarded.kill();
    }
    expect(guarded.logs()).not.toContain('room broken');
  });

  async function partialUpdatesReset(relay: RelayProcess): Promise<void> {
    const room = 'fuzz/finance';
    const token = await makeToken(relay.dataDir, { org: 'fuzz', role: 'admin', sub: 'partial' });
    const bystander = stockClient(relay.wsUrl, room, token);
    await synced(bystander);
    const writer = await new RawClient(relay.wsUrl, room, token).ready();
    writer.write((doc) => doc.getMap('invoices').set('inv-1', { total: 1200 }));
    await until(() => writer.isConfirmed(), 'the write to be committed');
    writer.close();
    const snapshot = async () => {
      const reader = await new RawClient(relay.wsUrl, room, token).ready();
      await reader.roundTrip();
      reader.close();
      return Buffer.from(Y.encodeStateAsUpdate(reader.doc));
    };
    const before = await snapshot();
    const source = new FuzzSource(SEED + 1, before);
    for (let i = 0; i < 20; i++) {
      const message = source.nextPartial();
      expect(await hostileConnection(`${relay.wsUrl}/${room}?token=${encodeURIComponent(token)}`, [message.data])).toBe(4400);
      expect((await snapshot()).equals(before), `seed ${SEED + 1}: partial update ${i} changed the room`).toBe(true);
    }
    // The bystander was reset with the room, reconnected, and still writes.
    bystander.doc.getMap('invoices').set('inv-2', { total: 5 });
    const check = stockClient(relay.wsUrl, room, token);
    await until(() => check.doc.getMap('invoices').get('inv-2') !== undefined, 'the bystander’s write after the resets');
    check.destroy();
    bystander.destroy();
    expect(relay.logs()).toContain('room broken');
  }
});
