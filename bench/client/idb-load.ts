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
  /** Per run: `new IndexeddbPersistence` → synced, and → first typed read of the jobs. */
  runs: Array<{ syncedMs: number; jobsMs: number; jobs: number }>;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>idb bench</title><script src="/bundle.js"></script>';

async function bundle(): Promise<string> {
  const result = await build({ entryPoints: [fileURLToPath(new URL('./idb-page.ts', import.meta.url))], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120', minify: true, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

let bundled: Promise<string> | null = null;

/** Serves the page and `update` on 127.0.0.1 (IndexedDB needs a real origin). */
async function serve(update: Uint8Array): Promise<{ server: Server; url: string }> {
  const script = await (bundled ??= bundle());
  const server = createServer((req, res) => {
    if (req.url === '/bundle.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/update.bin') res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': update.byteLength }).end(Buffer.from(update.buffer, update.byteOffset, update.byteLength));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Stores `update` in a fresh profile's IndexedDB, then times `runs` cold loads. */
export async function measureColdLoad(browser: Browser, update: Uint8Array, runs = 3, timeoutMs = 240_000): Promise<ColdLoad> {
  const { server, url } = await serve(update);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.goto(url);
    const name = 'fieldboard:bench/board';
    await page.evaluate((n) => window.benchStore(n), name);
    const out: ColdLoad = { runs: [] };
    for (let i = 0; i < runs; i++) {
      await page.reload();
      out.runs.push(await page.evaluate((n) => window.benchColdLoad(n), name));
    }
    return out;
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
