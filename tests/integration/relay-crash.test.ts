/**
 * Durable before forward under a crash (DESIGN §4): several writers stream updates, readers
 * record what the relay sent them, the relay is SIGKILLed mid-stream and restarted; every
 * update any reader received (and every acknowledged write) is there afterwards.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until } from './support/clients';

const ROOM = 'crash/board';
const WRITERS = 4;
const READERS = 3;

/** Keys of the `stream` map covered by the last state vector the relay acknowledged. */
function acknowledgedKeys(writer: RawClient, keysByClock: Map<number, string>): string[] {
  const acks = writer.stateVectors();
  const last = acks.at(-1);
  const covered = last?.get(writer.doc.clientID) ?? 0;
  return [...keysByClock].filter(([clock]) => clock < covered).map(([, key]) => key);
}

describe('relay crash', () => {
  it('keeps every update any peer received when SIGKILLed mid-stream', { timeout: 60_000 }, async () => {
    const relay = await startRelay();
    try {
      const token = await makeToken(relay.dataDir, { org: 'crash', role: 'dispatcher' });
      const writers = await Promise.all(Array.from({ length: WRITERS }, () => new RawClient(relay.wsUrl, ROOM, token).ready()));
      const readers = await Promise.all(Array.from({ length: READERS }, () => new RawClient(relay.wsUrl, ROOM, token).ready()));
      // clock at which each key was written, per writer (one map entry = one clock tick)
      const written = writers.map(() => new Map<number, string>());
      let n = 0;
      const pump = setInterval(() => {
        writers.forEach((writer, w) => {
          for (let k = 0; k < 5; k++) {
            const key = `w${w}-${n++}`;
            written[w]!.set(Y.getState(writer.doc.store, writer.doc.clientID), key);
            writer.write((doc) => doc.getMap('stream').set(key, n));
          }
        });
      }, 1);

      const seenByReaders = () => new Set(readers.flatMap((r) => [...r.doc.getMap('stream').keys()]));
      await until(() => seenByReaders().size >= 500, 'readers to receive a good part of the stream');
      await relay.kill('SIGKILL');
      clearInterval(pump);

      const seen = seenByReaders();
      const acknowledged = writers.flatMap((writer, w) => acknowledgedKeys(writer, written[w]!));
      const sentTotal = written.reduce((sum, m) => sum + m.size, 0);
      for (const client of [...writers, ...readers]) client.close();

      await relay.restart();
      const view = stockClient(relay.wsUrl, ROOM, await makeToken(relay.dataDir, { org: 'crash', role: 'admin', sub: 'auditor' }));
      await synced(view);
      const stored = new Set(view.doc.getMap('stream').keys());
      view.destroy();

      console.log(`crash test: ${sentTotal} sent, ${seen.size} seen by readers, ${acknowledged.length} acknowledged, ${stored.size} stored`);
      expect(seen.size).toBeGreaterThanOrEqual(500);
      expect([...seen].filter((key) => !stored.has(key))).toEqual([]);
      expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(0);
    } finally {
      await relay.kill('SIGKILL');
    }
  });
});
