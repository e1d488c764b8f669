import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { attemptFailed, attemptStarted } from '../domain/media/upload-queue';
import { BLOB_DB_NAME, LocalBlobStore } from './blob-store';

const HASH = 'b'.repeat(64);
const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

afterEach(async () => {
  await Dexie.delete(BLOB_DB_NAME);
});

describe('LocalBlobStore', () => {
  it('keeps a taken blob and its queue entry across a reopen (reload), until the relay confirms', async () => {
    const store = new LocalBlobStore();
    await store.addLocal({ sha256: HASH, org: 'acme', type: 'image/png', bytes, kind: 'photo' }, 1000);
    store.close();
    const reopened = new LocalBlobStore();
    expect((await reopened.queue()).map((e) => [e.sha256, e.state, e.kind])).toEqual([[HASH, 'waiting', 'photo']]);
    const [entry] = await reopened.queue();
    await reopened.saveEntry(attemptFailed(attemptStarted(entry!), 'retry', 'offline', 2000, () => 0.5) as typeof entry & object);
    expect((await reopened.queue())[0]).toMatchObject({ state: 'failed', attempts: 1, lastError: 'offline' });
    await reopened.confirmed(HASH);
    expect(await reopened.queue()).toEqual([]);
    // The bytes stay after confirmation (this device's copy).
    expect((await reopened.get(HASH))?.bytes).toEqual(bytes);
    // A late save of the confirmed entry (a racing attempt) does not bring it back.
    await reopened.saveEntry(entry!);
    expect(await reopened.queue()).toEqual([]);
    reopened.close();
  });

  it('caches fetched blobs without queueing them, and a local copy is never replaced by a fetched one', async () => {
    const store = new LocalBlobStore();
    await store.addFetched({ sha256: HASH, org: 'acme', type: 'image/png', bytes });
    expect(await store.queue()).toEqual([]);
    expect((await store.get(HASH))?.origin).toBe('fetched');
    const other = 'c'.repeat(64);
    await store.addLocal({ sha256: other, org: 'acme', type: 'image/png', bytes, kind: 'signature' });
    await store.addFetched({ sha256: other, org: 'acme', type: 'image/png', bytes: new Uint8Array([1]) });
    expect((await store.get(other))?.origin).toBe('local');
    store.close();
  });
});
