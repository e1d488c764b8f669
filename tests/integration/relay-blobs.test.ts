/**
 * The relay's blob store (issue 9): PUT/GET by SHA-256, checked on arrival, written atomically,
 * per organisation, in the backup; and a SIGKILL between an upload and its answer loses nothing
 * and stores nothing twice.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBlob, uploadBlob, type BlobTransport } from '../../src/lib/api/blob-api';
import type { Role } from '../../src/lib/domain/access/roles';
import { attemptFailed, attemptStarted, isDue, newEntry, type UploadEntry } from '../../src/lib/domain/media/upload-queue';
import { runCli } from '../helpers/cli';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { untilAsync } from './support/clients';

const ORG = 'acme';
const MAX = 256 * 1024;
/** Eight blobs of MAX bytes fill an org's quota exactly. */
const ORG_QUOTA = 8 * MAX;

/** Deterministic "JPEG": the magic bytes, then a pattern varied by `seed` (no randomness needed). */
function jpeg(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 131 + seed * 7919 + (i >> 8)) & 0xff;
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let relay: RelayProcess;
const tokens = new Map<string, string>();
async function transport(role: Role, org = ORG): Promise<BlobTransport> {
  const key = `${org}/${role}`;
  if (!tokens.has(key)) tokens.set(key, await makeToken(relay.dataDir, { org, role, sub: `operator-${role}` }));
  return { baseUrl: relay.httpUrl, token: tokens.get(key) as string, org };
}
const blobFiles = (org = ORG) => listFiles(path.join(relay.dataDir, 'blobs', org));
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function put(t: BlobTransport, hash: string, type: string, body: Uint8Array, urlOrg = t.org): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.baseUrl}/api/blobs/${urlOrg}/${hash}`, { method: 'PUT', headers: { authorization: `Bearer ${t.token}`, 'content-type': type }, body: new Blob([body as Uint8Array<ArrayBuffer>]) });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  relay = await startRelay({ env: { BLOB_MAX_BYTES: String(MAX), BLOB_ORG_QUOTA_BYTES: String(ORG_QUOTA) } });
}, 60_000);
afterAll(async () => {
  await relay.kill('SIGKILL');
});

describe('blob store', () => {
  it('stores a blob under its hash and serves it back with immutable caching and the hash as ETag', async () => {
    const tech = await transport('technician');
    const bytes = jpeg(50_000, 1);
    const hash = sha(bytes);
    const first = await uploadBlob(tech, hash, 'image/jpeg', bytes);
    expect(first).toMatchObject({ outcome: 'stored', status: 201 });
    expect(blobFiles()).toEqual([path.join(hash.slice(0, 2), hash)]);
    expect(fs.statSync(path.join(relay.dataDir, 'blobs', ORG, hash.slice(0, 2), hash)).mode & 0o777).toBe(0o600);

    const res = await fetch(`${relay.httpUrl}/api/blobs/${ORG}/${hash}`, { headers: { authorization: `Bearer ${(await transport('manager')).token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(sha(new Uint8Array(await res.arrayBuffer()))).toBe(hash);
    const again = await fetch(`${relay.httpUrl}/api/blobs/${ORG}/${hash}`, { headers: { authorization: `Bearer ${tech.token}`, 'if-none-match': `"${hash}"` } });
    expect(again.status).toBe(304);

    const downloaded = await downloadBlob(await transport('dispatcher'), hash);
    expect(downloaded.ok && sha(downloaded.bytes)).toBe(hash);
    const missing = await downloadBlob(tech, sha(jpeg(10, 99)));
    expect(missing).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('answers a repeat PUT of a stored hash with 200 and does not rewrite the file', async () => {
    const tech = await transport('technician');
    const bytes = jpeg(20_000, 2);
    const hash = sha(bytes);
    expect((await put(tech, hash, 'image/jpeg', bytes)).status).toBe(201);
    const file = path.join(relay.dataDir, 'blobs', ORG, hash.slice(0, 2), hash);
    const before = fs.statSync(file);
    const repeat = await put(tech, hash, 'image/jpeg', bytes);
    expect(repeat.status).toBe(200);
    expect(JSON.parse(repeat.body)).toMatchObject({ stored: 'existing' });
    const after = fs.statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('stores concurrent uploads of one new blob once: one 201, the others 200', async () => {
    const tech = await transport('technician');
    const bytes = jpeg(150_000, 12);
    const hash = sha(bytes);
    const statuses = (await Promise.all([1, 2, 3, 4].map(() => put(tech, hash, 'image/jpeg', bytes)))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 201]);
    expect(blobFiles().filter((f) => f.endsWith(hash))).toHaveLength(1);
    expect(listFiles(path.join(relay.dataDir, 'blobs', ORG, 'tmp'))).toEqual([]);
  });

  it('refuses bytes that do not match their hash with 400 and stores nothing', async () => {
    const tech = await transport('technician');
    const files = blobFiles();
    const claimed = sha(jpeg(1000, 3));
    const res = await put(tech, claimed, 'image/jpeg', jpeg(1000, 4));
    expect(res.status).toBe(400);
    expect(res.body).toContain('hash');
    expect((await put(tech, 'not-a-hash', 'image/jpeg', jpeg(10, 5))).status).toBe(400);
    expect((await put(tech, claimed.toUpperCase(), 'image/jpeg', jpeg(10, 5))).status).toBe(400);
    expect(blobFiles()).toEqual(files);
    expect((await fetch(`${relay.httpUrl}/api/blobs/${ORG}/${claimed}`, { headers: { authorization: `Bearer ${tech.token}` } })).status).toBe(404);
  });

  it('refuses another organisation (403), roles that may not write the board (403) and no token (401)', async () => {
    const bytes = jpeg(3000, 6);
    const hash = sha(bytes);
    await uploadBlob(await transport('technician'), hash, 'image/jpeg', bytes);
    const rival = await transport('technician', 'rival');
    expect((await put(rival, hash, 'image/jpeg', bytes, ORG)).status).toBe(403);
    const read = await fetch(`${relay.httpUrl}/api/blobs/${ORG}/${hash}`, { headers: { authorization: `Bearer ${rival.token}` } });
    expect(read.status).toBe(403);
    // In its own store the rival org does not have it: orgs never share blobs.
    expect(await downloadBlob(rival, hash)).toMatchObject({ ok: false, reason: 'missing' });
    for (const role of ['manager', 'wallboard'] as const) {
      const other = jpeg(100, 7);
      expect((await put(await transport(role), sha(other), 'image/jpeg', other)).status, role).toBe(403);
    }
    expect((await fetch(`${relay.httpUrl}/api/blobs/${ORG}/${hash}`)).status).toBe(401);
    expect(listFiles(path.join(relay.dataDir, 'blobs', 'rival'))).toEqual([]);
  });

  it('refuses too big (413) and other types (415), storing nothing', async () => {
    const tech = await transport('technician');
    const files = blobFiles();
    const big = jpeg(MAX + 1, 8);
    expect((await put(tech, sha(big), 'image/jpeg', big)).status).toBe(413);
    // Without a declared length the limit holds while streaming.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${relay.httpUrl}/api/blobs/${ORG}/${sha(big)}`, { method: 'PUT', headers: { authorization: `Bearer ${tech.token}`, 'content-type': 'image/jpeg', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(big);
    });
    expect(streamed).toBe(413);
    const text = new TextEncoder().encode('hello');
    expect((await put(tech, sha(text), 'text/plain', text)).status).toBe(415);
    // Declared as a JPEG, but the bytes are not an image.
    expect((await put(tech, sha(text), 'image/jpeg', text)).status).toBe(415);
    expect(blobFiles()).toEqual(files);
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/fieldboard_blob_requests_total\{method="PUT",outcome="too-large"\} 2/);
    expect(metrics).toMatch(/fieldboard_blob_requests_total\{method="PUT",outcome="stored"\} \d+/);
  });

  it("refuses new blobs past the org's quota with 413, also after a restart, without touching other orgs", { timeout: 60_000 }, async () => {
    const small = await transport('technician', 'quota-org');
    for (let i = 0; i < 8; i++) {
      const bytes = jpeg(MAX, 100 + i);
      expect((await put(small, sha(bytes), 'image/jpeg', bytes)).status, `blob ${i}`).toBe(201);
    }
    const extra = jpeg(1000, 200);
    const refused = await put(small, sha(extra), 'image/jpeg', extra);
    expect(refused.status).toBe(413);
    expect(refused.body).toContain('storage is full');
    // A blob it already has is still a no-op 200.
    const first = jpeg(MAX, 100);
    expect((await put(small, sha(first), 'image/jpeg', first)).status).toBe(200);
    await relay.restart();
    expect((await put(small, sha(extra), 'image/jpeg', extra)).status).toBe(413);
    const other = jpeg(1000, 201);
    expect((await put(await transport('technician'), sha(other), 'image/jpeg', other)).status).toBe(201);
    expect(listFiles(path.join(relay.dataDir, 'blobs', 'quota-org')).filter((f) => !f.startsWith('tmp'))).toHaveLength(8);
  });

  it('completes the upload after a SIGKILL mid-body: no temp leftovers, one file, the right bytes', { timeout: 60_000 }, async () => {
    const tech = await transport('technician');
    const bytes = jpeg(200_000, 9);
    const hash = sha(bytes);
    // Send half the body, wait until the relay is writing it to a temp file, then kill it.
    const req = http.request(`${relay.httpUrl}/api/blobs/${ORG}/${hash}`, { method: 'PUT', headers: { authorization: `Bearer ${tech.token}`, 'content-type': 'image/jpeg', 'content-length': String(bytes.length) } });
    const answered = new Promise<string>((resolve) => {
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error) => resolve(`error ${error.message}`));
    });
    req.write(bytes.subarray(0, 100_000));
    const tempDir = path.join(relay.dataDir, 'blobs', ORG, 'tmp');
    await untilAsync(async () => listFiles(tempDir).some((f) => f.startsWith(hash) && fs.statSync(path.join(tempDir, f)).size > 0), 'the relay to start writing the upload');
    await relay.kill('SIGKILL');
    expect(await answered).toMatch(/^error/);
    expect(listFiles(tempDir).length).toBeGreaterThan(0);

    // The client's queue entry: the attempt failed without an answer, so it is retried.
    let entry: UploadEntry = attemptFailed(attemptStarted(newEntry(hash, ORG, 0)), 'retry', 'no answer', 0, () => 0);
    await relay.restart();
    expect(listFiles(tempDir)).toEqual([]);
    expect(isDue(entry, entry.nextAttemptAt)).toBe(true);
    entry = attemptStarted(entry);
    const retry = await uploadBlob(tech, hash, 'image/jpeg', bytes);
    expect(retry).toMatchObject({ outcome: 'stored', status: 201 });
    expect(entry.attempts).toBe(2);
    expect(blobFiles().filter((f) => f.endsWith(hash))).toHaveLength(1);
    expect(sha(fs.readFileSync(path.join(relay.dataDir, 'blobs', ORG, hash.slice(0, 2), hash)))).toBe(hash);
  });

  it('keeps a blob written just before a SIGKILL that cut off the answer; the retry is a no-op 200', { timeout: 60_000 }, async () => {
    const tech = await transport('technician');
    const bytes = jpeg(30_000, 10);
    const hash = sha(bytes);
    // The client never reads this answer: from its side the PUT's acknowledgement was lost.
    const req = http.request(`${relay.httpUrl}/api/blobs/${ORG}/${hash}`, { method: 'PUT', headers: { authorization: `Bearer ${tech.token}`, 'content-type': 'image/jpeg' } });
    req.on('error', () => undefined);
    req.end(bytes);
    const file = path.join(relay.dataDir, 'blobs', ORG, hash.slice(0, 2), hash);
    await untilAsync(async () => fs.existsSync(file), 'the blob to be linked into place');
    await relay.kill('SIGKILL');
    req.destroy();
    const before = fs.statSync(file);
    await relay.restart();
    const retry = await uploadBlob(tech, hash, 'image/jpeg', bytes);
    expect(retry).toMatchObject({ outcome: 'stored', status: 200 });
    expect(blobFiles().filter((f) => f.endsWith(hash))).toHaveLength(1);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(sha(fs.readFileSync(file))).toBe(hash);
    expect(listFiles(path.join(relay.dataDir, 'blobs', ORG, 'tmp'))).toEqual([]);
  });

  it('puts every stored blob in the backup (and no temp files)', { timeout: 60_000 }, async () => {
    const tech = await transport('technician');
    const bytes = jpeg(5000, 11);
    await uploadBlob(tech, sha(bytes), 'image/jpeg', bytes);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-blob-backup-'));
    try {
      const out = path.join(outDir, 'copy.db');
      const result = await runCli('backup', ['--out', out], { DATA_DIR: relay.dataDir });
      expect(result.code, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout.toString()) as { blobs: number; blobsDir: string };
      // Every org's blobs, without the temp directories.
      const stored = listFiles(path.join(relay.dataDir, 'blobs')).filter((f) => !f.split(path.sep).includes('tmp'));
      expect(stored.length).toBeGreaterThan(8);
      expect(summary.blobs).toBe(stored.length);
      expect(listFiles(summary.blobsDir).sort()).toEqual(stored.sort());
      for (const f of stored) expect(sha(fs.readFileSync(path.join(summary.blobsDir, f)))).toBe(path.basename(f));
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
