/**
 * Amplification (issue 14): a 20-byte sync step 1 can make the relay send a whole room.
 * Answers are charged by the bytes they send, per connection, so a socket re-sending step 1
 * is closed with 4429 after a few copies of the room instead of being sent gigabytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncStep1Frame } from '../../server/relay/frames';
import { CloseCode } from '../../src/lib/sync/protocol';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until } from './support/clients';

const ROOM = 'amp/board';
const ANSWER_RATE = 64 * 1024;
const ENTRIES = 40;
const ENTRY_BYTES = 10_000;
const ASKS = 200;

const text = (seed: number) => Array.from({ length: ENTRY_BYTES }, (_, i) => String.fromCharCode(33 + ((seed * 31 + i * 7) % 90))).join('');
const received = (client: RawClient) => client.frames.reduce((sum, frame) => sum + frame.byteLength, 0);

describe('answer-cost limiting', () => {
  let relay: RelayProcess;
  let roomBytes = 0;

  beforeAll(async () => {
    relay = await startRelay({ env: { RATE_ANSWER_BYTES_PER_SECOND: String(ANSWER_RATE) } });
    const writer = await new RawClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: 'amp', role: 'admin' })).ready();
    for (let i = 0; i < ENTRIES; i++) {
      writer.write((doc) => doc.getMap('jobs').set(`j${i}`, text(i)));
      await until(() => writer.isConfirmed(), `write ${i}`);
    }
    roomBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
    writer.close();
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('closes a read-only socket that keeps asking for the whole room (4429) after a few copies', async () => {
    const reader = await new RawClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: 'amp', role: 'manager', sub: 'leech' })).ready();
    const empty = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < ASKS; i++) reader.send(empty);
    expect(await reader.closed()).toBe(CloseCode.rateLimited);
    // Without the limit it would have received ASKS copies of the room.
    expect(received(reader)).toBeLessThan(4 * roomBytes);
    expect(received(reader)).toBeGreaterThanOrEqual(roomBytes); // the first full answer always goes out
    expect(relay.logs()).toContain('"reason":"answer-rate"');
  });

  it('keeps an honest client that re-syncs with its state vector (small answers)', async () => {
    const reader = await new RawClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: 'amp', role: 'manager', sub: 'honest' })).ready();
    await reader.roundTrip(); // one full answer
    expect(reader.doc.getMap('jobs').size).toBe(ENTRIES);
    for (let i = 0; i < 50; i++) await reader.roundTrip(); // each answer is a few bytes
    expect(reader.closeCode).toBeNull();
    reader.close();
  });
});
