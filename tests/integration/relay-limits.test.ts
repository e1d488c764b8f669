/** Limits (server/README.md "Limits"): origin, rate, awareness storms, rooms in memory, slow consumers, absurd updates. */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { awarenessFrame, syncStep1Frame, syncUpdateFrame } from '../../server/relay/frames';
import { rejectedMessages as metric } from '../helpers/relay-metrics';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until, untilAsync, upgradeStatus } from './support/clients';

async function withRelay(env: Record<string, string>, run: (relay: RelayProcess) => Promise<void>): Promise<void> {
  const relay = await startRelay({ env });
  try {
    await run(relay);
  } finally {
    await relay.kill();
  }
}

const token = (relay: RelayProcess, org = 'lim') => makeToken(relay.dataDir, { org, role: 'admin' });

function upgradeWithOrigin(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', reject);
  });
}

/** Each presence state a distinct Awareness client id. */
function awarenessOf(clients: number): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, clients);
  for (let i = 0; i < clients; i++) {
    encoding.writeVarUint(update, 1000 + i);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, JSON.stringify({ user: `u${i}` }));
  }
  return awarenessFrame(encoding.toUint8Array(update));
}

describe('relay limits', () => {
  it('refuses upgrades from another site’s Origin (403) but accepts its own host and Origin-less clients', async () => {
    await withRelay({}, async (relay) => {
      const url = `${relay.wsUrl}/lim/board?token=${encodeURIComponent(await token(relay))}`;
      expect(await upgradeWithOrigin(url, 'https://evil.example')).toBe(403);
      expect(await upgradeWithOrigin(url, `http://127.0.0.1:${relay.port}`)).toBe(101);
      expect(await upgradeWithOrigin(url, undefined)).toBe(101);
      expect(relay.logs()).toMatch(/"reason":"origin".*"msg":"upgrade refused"/);
    });
    await withRelay({ ALLOWED_ORIGINS: 'https://board.example.com, https://other.example' }, async (relay) => {
      const url = `${relay.wsUrl}/lim/board?token=${encodeURIComponent(await token(relay))}`;
      expect(await upgradeWithOrigin(url, 'https://board.example.com')).toBe(101);
      expect(await upgradeWithOrigin(url, `http://127.0.0.1:${relay.port}`)).toBe(403);
    });
  });

  it('closes a connection flooding past its message rate with 4429; others carry on', async () => {
    await withRelay({ RATE_MESSAGES_PER_SECOND: '50' }, async (relay) => {
      const t = await token(relay);
      const flooder = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      const calm = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      for (let i = 0; i < 500; i++) flooder.send(syncStep1Frame(new Uint8Array([0])));
      expect(await flooder.closed()).toBe(4429);
      calm.write((doc) => doc.getMap('jobs').set('still', 'works'));
      await until(() => calm.isConfirmed(), 'the calm client’s write to be acknowledged');
      expect(await metric(relay, 'rate-limited')).toBeGreaterThan(0);
      calm.close();
    });
  });

  it('closes a byte flood with 4429', async () => {
    await withRelay({ RATE_BYTES_PER_SECOND: '65536', MAX_MESSAGE_BYTES: '65536' }, async (relay) => {
      const flooder = await new RawClient(relay.wsUrl, 'lim/board', await token(relay)).ready();
      for (let i = 0; i < 40; i++) flooder.write((doc) => doc.getMap('blobs').set(`b${i}`, 'x'.repeat(30_000)));
      expect(await flooder.closed()).toBe(4429);
    });
  });

  it('drops awareness beyond its rate without closing, and closes a peer claiming too many presence ids (4400)', async () => {
    await withRelay({ AWARENESS_PER_SECOND: '5', AWARENESS_MAX_CLIENTS: '3' }, async (relay) => {
      const t = await token(relay);
      const chatty = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      for (let i = 0; i < 200; i++) chatty.send(awarenessOf(1));
      await chatty.roundTrip(); // still open and served
      expect(await metric(relay, 'awareness-rate')).toBeGreaterThan(100);
      const spoofer = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      spoofer.send(awarenessOf(10));
      expect(await spoofer.closed()).toBe(4400);
      expect(await metric(relay, 'awareness-clients')).toBe(1);
      chatty.close();
    });
  });

  it('refuses an update with absurd clocks (4400) before applying it', async () => {
    await withRelay({}, async (relay) => {
      const client = await new RawClient(relay.wsUrl, 'lim/board', await token(relay)).ready();
      // One GC struct of client 7 at clock 2^40: decodable, but no real client gets there.
      const update = encoding.createEncoder();
      for (const n of [1, 1, 7, 2 ** 40]) encoding.writeVarUint(update, n);
      encoding.writeUint8(update, 0); // GC struct
      encoding.writeVarUint(update, 1); // its length
      encoding.writeVarUint(update, 0); // empty delete set
      client.send(syncUpdateFrame(encoding.toUint8Array(update)));
      expect(await client.closed()).toBe(4400);
      expect(await metric(relay, 'bad-update')).toBe(1);
      const reader = await new RawClient(relay.wsUrl, 'lim/board', await token(relay)).ready();
      await reader.roundTrip();
      expect(Y.encodeStateVector(reader.doc)).toEqual(new Uint8Array([0]));
      reader.close();
    });
  });

  it('evicts the least recently used idle room at MAX_ROOMS, and answers 503 while every room is busy', async () => {
    await withRelay({ MAX_ROOMS: '2', ROOM_IDLE_MS: '600000' }, async (relay) => {
      const t = await token(relay);
      const health = async () => ((await (await fetch(`${relay.httpUrl}/healthz`)).json()) as { rooms: number }).rooms;
      const a = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      const b = await new RawClient(relay.wsUrl, 'lim/finance', t).ready();
      expect(await upgradeStatus(`${relay.wsUrl}/lim/archive-2024-01?token=${encodeURIComponent(t)}`)).toBe(503);
      a.close();
      await untilAsync(async () => (await (await fetch(`${relay.httpUrl}/healthz`)).json() as { connections: number }).connections === 1, 'a to disconnect');
      expect(await upgradeStatus(`${relay.wsUrl}/lim/archive-2024-01?token=${encodeURIComponent(t)}`)).toBe(101);
      expect(await health()).toBe(2);
      b.close();
    });
  });

  it('closes a peer that stops reading once its send buffer passes SEND_BUFFER_BYTES', async () => {
    await withRelay({ SEND_BUFFER_BYTES: '262144', RATE_BYTES_PER_SECOND: '0', RATE_MESSAGES_PER_SECOND: '0' }, async (relay) => {
      const t = await token(relay);
      const slow = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const writer = await new RawClient(relay.wsUrl, 'lim/board', t).ready();
      let i = 0;
      await untilAsync(async () => {
        for (let k = 0; k < 20; k++, i++) writer.write((doc) => doc.getMap('blobs').set(`b${i}`, 'y'.repeat(100_000)));
        return (await metric(relay, 'slow-consumer')) > 0;
      }, 'the relay to give up on the slow reader', 20_000);
      expect(relay.logs()).toContain('slow consumer; closing connection');
      await until(() => writer.isConfirmed(), 'the writer to be unaffected');
      writer.close();
    });
  });
});
