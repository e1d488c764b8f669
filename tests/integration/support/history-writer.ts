/**
 * Writing a room's history straight through a storage (SQLite or Postgres), for the history
 * store tests: every change is one stored row by the given user, at the storage clock's time.
 */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { docAt } from '../../../server/history/history-replay';
import type { HistoryRetention, HistorySource } from '../../../server/storage/history-types';
import type { RelayStorage } from '../../../server/storage/types';

export function historyWriter(storage: RelayStorage, roomId: string) {
  const doc = new Y.Doc();
  return {
    doc,
    async write(userId: string, change: (jobs: Y.Map<unknown>) => void): Promise<number> {
      const updates: Uint8Array[] = [];
      const collect = (u: Uint8Array) => updates.push(u);
      doc.on('update', collect);
      doc.transact(() => change(doc.getMap('jobs')));
      doc.off('update', collect);
      const { lastSeq } = await storage.appendBatch([{ roomId, updates: updates.map((data) => ({ data, by: { userId, action: 'edit' as const } })) }]);
      return lastSeq.get(roomId) as number;
    },
    async compact(upto: number): Promise<void> {
      await storage.writeSnapshot(roomId, Y.encodeStateAsUpdate(doc), upto);
    }
  };
}

/** The room's jobs as they were once row `seq` was stored. */
export async function jobsAt(history: HistorySource, roomId: string, seq: number): Promise<unknown> {
  const doc = await docAt(history, roomId, seq);
  try {
    return doc.getMap('jobs').toJSON();
  } finally {
    doc.destroy();
  }
}

const DAY = 24 * 3600_000;

/** A saved state (jobs: old) and one row after it (jobs: later), for the migration tests. */
export function snapshotAndLaterRow(): { snapshot: Uint8Array; row: Uint8Array } {
  const doc = new Y.Doc();
  doc.getMap('jobs').set('old', 'kept');
  const snapshot = Y.encodeStateAsUpdate(doc);
  const sv = Y.encodeStateVector(doc);
  doc.getMap('jobs').set('later', 'row');
  return { snapshot, row: Y.encodeStateAsUpdate(doc, sv) };
}

/** The retention the scenario below assumes: 10 days, a kept snapshot at most once a day. */
export const SCENARIO_RETENTION: HistoryRetention = { retentionMs: 10 * DAY, snapshotEveryMs: DAY };

/**
 * The history contract, the same for every store: authors kept through compaction, any point
 * in the retention rebuilt, pruning only what precedes the newest snapshot older than the
 * retention. `setNow` moves the storage's injected clock; `afterCompactions` lets a test look
 * at its store's own tables before the prune.
 */
export async function retentionScenario(
  storage: RelayStorage,
  history: HistorySource,
  roomId: string,
  setNow: (ms: number) => void,
  afterCompactions: () => Promise<void> = async () => {}
): Promise<void> {
  const w = historyWriter(storage, roomId);
  const at = (seq: number) => jobsAt(history, roomId, seq);
  setNow(0);
  const s1 = await w.write('ann', (jobs) => jobs.set('a', 1));
  const s2 = await w.write('ben', (jobs) => jobs.set('b', 2));
  await w.compact(s2); // day 0: first kept snapshot
  setNow(DAY / 2);
  const s3 = await w.write('ann', (jobs) => jobs.delete('a'));
  await w.compact(s3); // half a day later: no new kept snapshot, rows still kept
  setNow(2 * DAY);
  const s4 = await w.write('ben', (jobs) => jobs.set('c', 3));
  await w.compact(s4); // day 2: second kept snapshot

  expect((await history.list(roomId, Number.MAX_SAFE_INTEGER, 10)).map((r) => [r.seq, r.author, r.action])).toEqual([
    [s4, 'ben', 'edit'],
    [s3, 'ann', 'edit'],
    [s2, 'ben', 'edit'],
    [s1, 'ann', 'edit']
  ]);
  expect((await storage.loadRoom(roomId)).updates).toHaveLength(0); // the live log is compacted
  expect(await history.earliestSeq(roomId)).toBe(0);
  expect([await history.lastSeq(roomId), await history.seqAt(roomId, DAY)]).toEqual([s4, s3]);
  expect(await at(s1)).toEqual({ a: 1 });
  expect(await at(s3)).toEqual({ b: 2 });
  await afterCompactions();

  setNow(13 * DAY); // past the retention for day 0 and day 2
  const s5 = await w.write('ann', (jobs) => jobs.set('d', 4));
  await w.compact(s5);
  // Day 2's snapshot is the newest one older than the retention: it becomes the base.
  expect(await history.earliestSeq(roomId)).toBe(s4);
  expect((await history.list(roomId, Number.MAX_SAFE_INTEGER, 10)).map((r) => r.seq)).toEqual([s5]);
  expect(await at(s4)).toEqual({ b: 2, c: 3 });
  expect(await at(s5)).toEqual({ b: 2, c: 3, d: 4 });
}
