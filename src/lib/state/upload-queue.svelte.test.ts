import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { BLOB_DB_NAME, LocalBlobStore } from '../local/blob-store';
import { UploadQueueState } from './upload-queue.svelte';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);

const queues: UploadQueueState[] = [];
afterEach(async () => {
  for (const q of queues.splice(0)) {
    q.stop();
    q.store.close();
  }
  await Dexie.delete(BLOB_DB_NAME);
});

/** A runner over a real (fake-indexeddb) store, answering PUTs with `answer(hash, attempt)`. */
function runner(answer: (hash: string, n: number) => Response | 'network-down', options: { online?: () => boolean; token?: () => string | null; refresh?: () => Promise<boolean> } = {}) {
  const calls: Array<{ hash: string; auth: string }> = [];
  const queue = new UploadQueueState({
    store: () => new LocalBlobStore(),
    token: options.token ?? (() => 'token-1'),
    refresh: options.refresh ?? (async () => false),
    isOnline: options.online ?? (() => true),
    fetch: async (input, init) => {
      const hash = String(input).split('/').at(-1) as string;
      calls.push({ hash, auth: new Headers(init?.headers).get('authorization') ?? '' });
      const reply = answer(hash, calls.filter((c) => c.hash === hash).length);
      if (reply === 'network-down') throw new TypeError('Failed to fetch');
      return reply;
    }
  });
  queues.push(queue);
  return { queue, calls };
}

describe('the upload queue runner', () => {
  it('removes an entry only when the relay answers 201 or 200, keeping the bytes', async () => {
    const { queue, calls } = runner(() => new Response('{}', { status: 201 }));
    await queue.store.addLocal({ sha256: A, org: 'acme', type: 'image/png', bytes: png, kind: 'photo' });
    await queue.kick();
    expect(calls.map((c) => c.hash)).toEqual([A]);
    expect(queue.entries).toEqual([]);
    expect(queue.summary).toBe('');
    expect((await queue.store.get(A))?.bytes).toEqual(png);
  });

  it('keeps entries through network failures and server errors, backing off, and says what waits', async () => {
    const { queue, calls } = runner((hash) => (hash === A ? 'network-down' : new Response('busy', { status: 503 })));
    await queue.store.addLocal({ sha256: A, org: 'acme', type: 'image/png', bytes: png, kind: 'photo' });
    await queue.store.addLocal({ sha256: B, org: 'acme', type: 'image/png', bytes: png, kind: 'signature' });
    await queue.kick();
    expect(calls).toHaveLength(2);
    expect(queue.entries.map((e) => [e.sha256, e.state, e.attempts, e.permanent])).toEqual([
      [A, 'failed', 1, false],
      [B, 'failed', 1, false]
    ]);
    expect(queue.entries.every((e) => e.nextAttemptAt > Date.now())).toBe(true);
    expect(queue.summary).toBe('1 photo and 1 signature waiting to upload');
    // Backed off: another look right away sends nothing.
    await queue.kick();
    expect(calls).toHaveLength(2);
  });

  it('sends nothing while offline or signed out, and everything once it can', async () => {
    let online = false;
    let token: string | null = 'token-1';
    const { queue, calls } = runner(() => new Response('{}', { status: 201 }), { online: () => online, token: () => token });
    await queue.store.addLocal({ sha256: A, org: 'acme', type: 'image/png', bytes: png, kind: 'photo' });
    await queue.kick();
    expect(calls).toEqual([]);
    expect(queue.entries).toHaveLength(1);
    online = true;
    token = null;
    await queue.kick();
    expect(calls).toEqual([]);
    token = 'token-1';
    await queue.kick();
    expect(calls).toHaveLength(1);
    expect(queue.entries).toEqual([]);
  });

  it('keeps a refused upload visible (no retries) until the user tries again', async () => {
    let status = 413;
    const { queue, calls } = runner(() => new Response(JSON.stringify({ error: { code: 'payload_too_large', message: 'too big' } }), { status }));
    await queue.store.addLocal({ sha256: A, org: 'acme', type: 'image/png', bytes: png, kind: 'photo' });
    await queue.kick();
    expect(queue.refused.map((e) => e.lastError)).toEqual(['413: too big']);
    status = 201;
    await queue.kick();
    expect(calls).toHaveLength(1);
    await queue.retryAll();
    expect(calls).toHaveLength(2);
    expect(queue.entries).toEqual([]);
  });

  it('renews an expired token once and sends again with the new one', async () => {
    let token = 'old';
    const { queue, calls } = runner((_hash, n) => new Response('{}', { status: n === 1 ? 401 : 201 }), {
      token: () => token,
      refresh: async () => {
        token = 'new';
        return true;
      }
    });
    await queue.store.addLocal({ sha256: A, org: 'acme', type: 'image/png', bytes: png, kind: 'photo' });
    await queue.kick();
    expect(calls.map((c) => c.auth)).toEqual(['Bearer old', 'Bearer new']);
    expect(queue.entries).toEqual([]);
  });

  it('picks up entries a reload or tab kill left mid-upload', async () => {
    const store = new LocalBlobStore();
    await store.addLocal({ sha256: A, org: 'acme', type: 'image/png', bytes: png, kind: 'photo' });
    const [entry] = await store.queue();
    await store.saveEntry({ ...entry!, state: 'uploading', attempts: 1 });
    store.close();
    const { queue, calls } = runner(() => new Response('{}', { status: 200 }));
    await queue.kick();
    expect(calls).toHaveLength(1);
    expect(queue.entries).toEqual([]);
  });
});
