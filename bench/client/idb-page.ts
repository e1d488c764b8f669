/**
 * The page bench/client/idb-load.ts drives in Chromium (bundled with esbuild): stores an
 * encoded board update in IndexedDB the way y-indexeddb keeps it, then times a cold load
 * (a fresh page: `new IndexeddbPersistence` → synced, then the first typed read of the jobs,
 * what the board's job index does first).
 */
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import { BoardDoc } from '../../src/lib/sync/board-doc';

declare global {
  interface Window {
    benchStore: (name: string) => Promise<number>;
    benchColdLoad: (name: string) => Promise<{ syncedMs: number; jobsMs: number; jobs: number }>;
  }
}

window.benchStore = async (name) => {
  const update = new Uint8Array(await (await fetch('/update.bin')).arrayBuffer());
  // Creates y-indexeddb's stores, then adds the update as one stored entry (as a device that
  // received the doc from the relay in one sync step would have it): no decoding in the page.
  const persistence = new IndexeddbPersistence(name, new Y.Doc());
  await persistence.whenSynced;
  const [updates] = idb.transact(persistence.db!, ['updates']);
  // y-indexeddb stores Uint8Arrays (its own writes do the same); lib0's type says ArrayBuffer.
  await idb.addAutoKey(updates!, update as unknown as ArrayBuffer);
  await persistence.destroy();
  return update.byteLength;
};

window.benchColdLoad = async (name) => {
  const start = performance.now();
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const synced = performance.now();
  const jobs = new BoardDoc(doc).listJobs().length;
  const read = performance.now();
  await persistence.destroy();
  return { syncedMs: synced - start, jobsMs: read - start, jobs };
};
