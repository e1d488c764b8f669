/**
 * The page bench/client/idb-load.ts drives in Chromium (bundled with esbuild): stores encoded
 * board updates in IndexedDB the way y-indexeddb keeps them, then times a cold load
 * (a fresh page: `new IndexeddbPersistence` → synced, then the first typed read of the jobs,
 * what the board's job index does first).
 */
import * as Y from 'yjs';
import * as idb from 'lib0/indexeddb';
import { IndexeddbPersistence } from 'y-indexeddb';
import { BoardDoc } from '../../src/lib/sync/board-doc';

declare global {
  interface Window {
    benchStore: (name: string, count: number) => Promise<number>;
    benchColdLoad: (name: string) => Promise<{ syncedMs: number; jobsMs: number; jobs: number }>;
  }
}

window.benchStore = async (name, count) => {
  // Creates y-indexeddb's stores, then adds each update as one stored entry, as y-indexeddb
  // keeps a device's updates until it trims them: no decoding in the page.
  const persistence = new IndexeddbPersistence(name, new Y.Doc());
  await persistence.whenSynced;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const update = new Uint8Array(await (await fetch(`/update/${i}`)).arrayBuffer());
    const [updates] = idb.transact(persistence.db!, ['updates']);
    // y-indexeddb stores Uint8Arrays (its own writes do the same); lib0's type says ArrayBuffer.
    await idb.addAutoKey(updates!, update as unknown as ArrayBuffer);
    bytes += update.byteLength;
  }
  await persistence.destroy();
  return bytes;
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
