/**
 * Doc load from IndexedDB in real Chromium: bundles ./idb-page.ts with esbuild, serves it and
 * the encoded update from a loopback server, stores the update once, then reloads the page
 * (a cold JS heap) before each timed load. Not a test: figures for bench/client.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';

export interface ColdLoad {
  /** Fetching the update into the page and storing it in IndexedDB (once, not timed against a target). */
  storeMs: number;
  /** Per run: `new IndexeddbPersistence` → synced, and → first typed read of the jobs. */
  runs: Array<{ syncedMs: number; jobsMs: number; jobs: number }>;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>idb bench</title><script src="/bundle.js"></script>';

async function bundle(): Promise<string> {
  const result = await build({ entryPoints: [fileURLToPath(new URL('./idb-page.ts', import.meta.url))], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120', minify: true, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

let bundled: Promise<string> | null = null;

/** Serves the page and `updates` on 127.0.0.1 (IndexedDB needs a real origin). */
async function serve(updates: readonly Uint8Array[]): Promise<{ server: Server; url: string }> {
  const script = await (bundled ??= bundle());
  const server = createServer((req, res) => {
    const update = req.url?.startsWith('/update/') ? updates[Number(req.url.slice('/update/'.length))] : undefined;
    if (req.url === '/bundle.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (update) res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': update.byteLength }).end(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Stores `updates` (each one IndexedDB entry) in a fresh profile, then times `runs` cold loads. */
export async function measureColdLoad(browser: Browser, updates: readonly Uint8Array[], runs = 3, timeoutMs = 240_000): Promise<ColdLoad> {
  const { server, url } = await serve(updates);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    // A renderer that runs out of memory never answers an evaluate: fail with why instead of waiting.
    const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error('the page crashed (renderer out of memory?)'))));
    crashed.catch(() => undefined);
    await page.goto(url);
    const name = 'fieldboard:bench/board';
    const started = performance.now();
    await Promise.race([page.evaluate(([n, count]) => window.benchStore(n, count), [name, updates.length] as const), crashed]);
    const out: ColdLoad = { storeMs: performance.now() - started, runs: [] };
    for (let i = 0; i < runs; i++) {
      await Promise.race([page.reload(), crashed]);
      out.runs.push(await Promise.race([page.evaluate((n) => window.benchColdLoad(n), name), crashed]));
    }
    return out;
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
