/**
 * A sign-in link signed by another installation's secret: the relay refuses it (HTTP 401 on
 * the upgrade, which a browser cannot see), so the app asks the server, signs out with a
 * message saying where the local data stays, and keeps what was typed meanwhile.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../helpers/relay-process';
import { ApiClient, DEFAULT_ADMIN } from '../helpers/api-client';
import { makeForgedToken } from '../helpers/tokens';
import { launchBrowser, newDevice } from './browser';
import { HTTP_REFUSALS, REFUSED_UPGRADE } from './console-guard';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { LoginPage } from './pages/login-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

const ORG = 'refused-org';
const ADMIN = { ...DEFAULT_ADMIN, org: ORG, orgName: 'Refused & Sons Heating' };
const TIMEOUT = 60_000;

let relay: Relay;
let browser: Browser;

beforeAll(async () => {
  relay = await startRelay();
  // This server has its own organisation of that name; the link comes from another installation.
  const setup = await new ApiClient(relay.httpUrl).setup(ADMIN);
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

/** Every update y-indexeddb holds for `room`, as text (Yjs stores strings as UTF-8), or null without a database. */
function storedUpdatesText(page: Page, room: string): Promise<string | null> {
  return page.evaluate(async (name) => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes(name)) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(new Error(String(request.error)));
    });
    const updates = await new Promise<Uint8Array[]>((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').getAll();
      request.onsuccess = () => resolve(request.result as Uint8Array[]);
      request.onerror = () => reject(new Error(String(request.error)));
    });
    db.close();
    const decoder = new TextDecoder('utf-8', { fatal: false });
    return updates.map((update) => decoder.decode(update)).join('\n');
  }, `fieldboard:${room}`);
}

describe('a sign-in link this server did not issue', () => {
  it('signs out with a message, never offers demo data, and keeps the job typed meanwhile', async () => {
    const context = await newDevice(browser, 'desktop', { allow: [REFUSED_UPGRADE, HTTP_REFUSALS] });
    try {
      const page = await context.newPage();
      const board = new BoardPage(page, relay.httpUrl);
      // Hold the app's token check until the job is typed, so the test does not race the user.
      const held: Route[] = [];
      let release: (() => void) | null = null;
      const checked = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/api/auth/session', (route) => {
        held.push(route);
        release?.();
      });

      const forged = await makeForgedToken({ org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' });
      await board.signInWithLink(forged);
      await page.getByTestId('empty-board').waitFor({ timeout: TIMEOUT });
      expect(await page.getByTestId('load-demo').count()).toBe(0);

      const job = aJob();
      const number = await board.createJob(job);
      expect(await board.pendingChanges()).toBeGreaterThan(0);
      expect(await page.getByTestId('load-demo').count()).toBe(0);

      // The relay keeps refusing the socket; the app asks the server about the token.
      await checked;
      for (const route of held) await route.continue();
      await page.unroute('**/api/auth/session');

      const login = new LoginPage(page, relay.httpUrl);
      await login.notice.waitFor({ timeout: TIMEOUT });
      await login.waitFor();
      const text = (await login.notice.textContent()) ?? '';
      expect(text).toMatch(/sign-in link is not valid for this server/i);
      expect(text).toContain('IndexedDB');
      expect(text).toContain(ORG);
      expect(await page.evaluate(() => localStorage.getItem('fieldboard.session'))).toBeNull();
      expect(await page.getByTestId('load-demo').count()).toBe(0);

      // The job is still on this device.
      const stored = await storedUpdatesText(page, `${ORG}/board`);
      expect(stored).toContain(job.customerName);

      // Signing in again as a user of that organisation brings it back, and it syncs.
      await login.signIn({ org: ORG, email: ADMIN.adminEmail, password: ADMIN.password });
      await board.waitForBoard();
      await board.jobCard(number).waitFor({ timeout: TIMEOUT });
      await board.waitForSync('synced', 0, TIMEOUT);
    } finally {
      await context.close();
    }
  });
});
