/**
 * The route optimiser's Web Worker in real Chromium: the worker module, bundled by Vite as a
 * classic worker script, answers the client's protocol off the main thread. (The app
 * creates it with `createOptimiserClient`; the message protocol itself is unit tested.)
 */
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';

const WORKER = new URL('../../src/lib/dispatch/optimiser.worker.ts', import.meta.url).pathname;
let browser: Browser;
let page: Page;
let workerCode = '';

beforeAll(async () => {
  const out = await build({ configFile: false, logLevel: 'silent', build: { write: false, minify: false, lib: { entry: WORKER, formats: ['iife'], name: 'optimiserWorker' } } });
  const chunk = (Array.isArray(out) ? out[0]! : (out as Rolldown.RolldownOutput)).output[0];
  workerCode = chunk.type === 'chunk' ? chunk.code : '';
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto('about:blank');
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('optimiser worker in Chromium', () => {
  it('optimises a day in a worker and reports bad input as a typed error', async () => {
    const responses = await page.evaluate(async (code) => {
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      const ask = (request: unknown) =>
        new Promise<unknown>((resolve) => {
          worker.addEventListener('message', (event) => resolve(event.data), { once: true });
          worker.postMessage(request);
        });
      const north = (lat: number) => ({ lat, lng: -122.4194 });
      const shift = { start: '2026-03-02T16:00:00.000Z', end: '2026-03-03T01:00:00.000Z', from: north(37.77), to: north(37.83) };
      const visits = [
        { id: 'far', location: north(37.8), serviceMinutes: 30 },
        { id: 'near', location: north(37.78), serviceMinutes: 30 },
        { id: 'farther', location: north(37.82), serviceMinutes: 30 }
      ];
      const ok = await ask({ id: 1, type: 'optimise', input: { shift, visits } });
      const bad = await ask({ id: 2, type: 'optimise', input: { shift, visits: [visits[0], visits[0]] } });
      worker.terminate();
      return [ok, bad];
    }, workerCode);
    expect(responses[0]).toMatchObject({ id: 1, ok: true, result: { method: 'exact', feasible: true, order: ['near', 'far', 'farther'] } });
    expect(responses[1]).toEqual({ id: 2, ok: false, error: { reason: 'invalid-input', message: 'visits: duplicate visit id far' } });
  });
});
