/**
 * The console guard itself (./console-guard.ts): it must catch an error a page logs or
 * throws, let through only what an allow list names, and report everything it caught. Each
 * test takes what the guard collected before the shared after-each check, so these
 * deliberate errors do not fail the file.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../clock';
import { newDevice } from './browser';
import { useBrowserRig } from './browser-rig';
import { assertNoConsoleProblems, HTTP_REFUSALS, takeConsoleProblems, type ConsoleProblem } from './console-guard';

const rig = useBrowserRig();

/**
 * A blank page on the relay's origin (so `fetch('/api/…')` reaches the relay) that names its
 * icon, so Chromium does not ask for /favicon.ico and log the 404 itself.
 */
async function blankPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const url = `${rig.relay.httpUrl}/console-guard-test`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><link rel="icon" href="data:,"><title>guard</title>' }));
  await page.goto(url);
  return page;
}

/** Waits until the guard has seen `count` problems (console events arrive asynchronously). */
async function collected(count: number): Promise<ConsoleProblem[]> {
  const found: ConsoleProblem[] = [];
  await expect.poll(() => (found.push(...takeConsoleProblems()), found.length), { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(count);
  return found;
}

describe('the browser console guard', () => {
  it('reports a console.error and an uncaught exception from a page, and fails the check', async () => {
    const context = await newDevice(rig.browser);
    try {
      const page = await blankPage(context);
      await page.evaluate(() => {
        console.error('x: deliberately logged by the guard test');
        // Thrown in a timer: the test clock's fake timers report it as a console error.
        setTimeout(() => {
          throw new Error('deliberately thrown by the guard test');
        }, 0);
        // Never handled: an uncaught page error.
        void Promise.reject(new Error('deliberately rejected by the guard test'));
      });
      const found = await collected(3);
      const texts = found.map((p) => `${p.kind}: ${p.text}`);
      expect(texts).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^console\.error: x: deliberately logged/),
          expect.stringMatching(/deliberately thrown by the guard test/),
          expect.stringMatching(/^pageerror: .*deliberately rejected by the guard test/)
        ])
      );
      expect(() => assertNoConsoleProblems(found, 'in the guard test')).toThrow(/3 browser console error\(s\) in the guard test:[\s\S]*x: deliberately logged[\s\S]*deliberately/);
    } finally {
      await context.close();
    }
  });

  it('ignores a refused request only on a device that allows HTTP refusals', async () => {
    const strict = await newDevice(rig.browser);
    const lenient = await newDevice(rig.browser, 'desktop', { allow: [HTTP_REFUSALS] });
    try {
      for (const context of [strict, lenient]) {
        const page = await blankPage(context);
        // An unauthenticated API call: the relay answers 401 and Chromium logs it.
        await page.evaluate(() => fetch('/api/users').then((r) => r.status));
      }
      const found = await collected(1);
      expect(found).toHaveLength(1);
      expect(found[0]!.text).toMatch(/status of 4\d\d/);
    } finally {
      await strict.close();
      await lenient.close();
    }
  });

  it('lets network failures through only from a device that was taken offline', async () => {
    const context = await newDevice(rig.browser);
    try {
      const page = await blankPage(context);
      await context.setOffline(true);
      const failed = await page.evaluate(() => fetch('/healthz?offline').then(() => false, () => true));
      expect(failed).toBe(true);
      await context.setOffline(false);
      // Back online, a real error is still reported.
      await page.evaluate(() => console.error('after going back online'));
      const found = await collected(1);
      expect(found.map((p) => p.text)).toEqual([expect.stringContaining('after going back online')]);
    } finally {
      await context.close();
    }
  });

  it('runs the page on the fixed test clock', async () => {
    const context = await newDevice(rig.browser);
    try {
      const page = await blankPage(context);
      const pageNow = await page.evaluate(() => Date.now());
      // The shifted clock: the fixed instant plus the (real) minutes this file has run.
      expect(pageNow).toBeGreaterThanOrEqual(TEST_NOW.getTime());
      expect(pageNow - TEST_NOW.getTime()).toBeLessThan(10 * 60_000);
    } finally {
      await context.close();
    }
  });
});
