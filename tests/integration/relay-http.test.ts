/** HTTP on the relay's port: the app with SPA fallback and PWA-safe caching, health, metrics. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient } from './support/clients';

/** A tiny stand-in for `npm run build` output. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-static-'));
  const put = (file: string, body: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), body);
  };
  put('index.html', '<!doctype html><title>Fieldboard shell</title>');
  put('sw.js', 'self.addEventListener("install", () => {});');
  put('registerSW.js', '/* register */');
  put('workbox-4f2b1c.js', '/* workbox */');
  put('manifest.webmanifest', '{"name":"Fieldboard"}');
  put('_app/immutable/entry/app.abc123.js', 'export const app = 1;');
  put('_app/version.json', '{"version":"1"}');
  put('icons/icon-192.png', 'png');
  return dir;
}

/** GET with the path sent byte for byte (fetch would normalise `..`). */
function rawGet(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('relay http', () => {
  let relay: RelayProcess;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fakeBuild();
    relay = await startRelay({ staticDir });
  });
  afterAll(async () => {
    await relay.kill();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const get = (p: string, init?: RequestInit) => fetch(`${relay.httpUrl}${p}`, init);

  it('serves index.html for the root and for client-side routes without an extension', async () => {
    for (const route of ['/', '/board', '/jobs/123/edit']) {
      const res = await get(route);
      expect(res.status, route).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('Fieldboard shell');
    }
  });

  it('answers 404 for a missing file with an extension instead of the shell', async () => {
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/_app/immutable/nope.css')).status).toBe(404);
  });

  it('caches hashed immutable assets for a year', async () => {
    const res = await get('/_app/immutable/entry/app.abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('never caches the service worker, its registration, workbox or the manifest', async () => {
    for (const file of ['/sw.js', '/registerSW.js', '/workbox-4f2b1c.js', '/manifest.webmanifest']) {
      const res = await get(file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('cache-control'), file).toBe('no-cache, no-store, must-revalidate');
    }
    expect((await get('/manifest.webmanifest')).headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
  });

  it('revalidates other files and answers 304 to a matching ETag', async () => {
    const res = await get('/_app/version.json');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await get('/_app/version.json', { headers: { 'if-none-match': etag as string } })).status).toBe(304);
    expect((await get('/icons/icon-192.png')).headers.get('content-type')).toBe('image/png');
  });

  it('refuses path traversal', async () => {
    fs.writeFileSync(path.join(path.dirname(staticDir), 'outside.txt'), 'secret');
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/_app/%2e%2e/%2e%2e/outside.txt', '/%00']) {
      const status = await rawGet(relay.port, p);
      expect([400, 403, 404], p).toContain(status);
    }
    expect(await rawGet(relay.port, `/..%2f${path.basename(relay.dataDir)}%2fsecret.key`)).not.toBe(200);
  });

  it('reports health as JSON with rooms, connections and uptime', async () => {
    const client = await new RawClient(relay.wsUrl, 'health/board', await makeToken(relay.dataDir, { org: 'health', role: 'admin' })).ready();
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, rooms: 1, connections: 1 });
    expect(typeof body.uptimeSeconds).toBe('number');
    client.close();
  });

  it('exposes Prometheus metrics for connections, rooms, messages, bytes, rejections and commit latency', async () => {
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/\nfieldboard_messages_out_total\{type="sync-step1"\} [1-9]/); // the greeting above
    for (const name of [
      'fieldboard_connections',
      'fieldboard_rooms_loaded',
      'fieldboard_messages_in_total',
      'fieldboard_messages_out_total',
      'fieldboard_bytes_in_total',
      'fieldboard_bytes_out_total',
      'fieldboard_rejected_messages_total',
      'fieldboard_storage_commit_seconds',
      'fieldboard_updates_committed_total'
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  });

  it('answers unknown /api routes with a JSON 404', async () => {
    const res = await get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('keeps the relay running without a build and explains with a 503 at /', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-nobuild-'));
    const bare = await startRelay({ staticDir: empty });
    try {
      const res = await fetch(`${bare.httpUrl}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
      expect((await fetch(`${bare.httpUrl}/healthz`)).status).toBe(200);
      await new RawClient(bare.wsUrl, 'bare/board', await makeToken(bare.dataDir, { org: 'bare', role: 'admin' })).ready().then((c) => c.close());
    } finally {
      await bare.kill();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
