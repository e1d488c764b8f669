/**
 * Settings → History in the browser: an admin sees who changed the board, previews it as it
 * was before a technician wiped it, restores it, and the jobs come back on the board.
 * The wipe is a stock Yjs client's delete (ROOM_GUARD=off keeps it possible once the
 * relay guard refuses deletions).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from '../integration/support/clients';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { HistoryPage } from './pages/history-page';
import { LoginPage } from './pages/login-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

let relay: Relay;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  relay = await startRelay({ env: { ...FAST_ACCOUNTS_ENV, ROOM_GUARD: 'off' } });
  browser = await launchBrowser();
  if ((await new ApiClient(relay.httpUrl).setup()).status !== 201) throw new Error('setup failed');
  context = await newDevice(browser);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await relay?.kill();
});

describe('settings: history', () => {
  it('shows who changed the board, previews it before a wipe and restores it', async () => {
    const page = await context.newPage();
    const login = new LoginPage(page, relay.httpUrl);
    await login.open();
    await login.signIn({ org: DEFAULT_ADMIN.org, email: DEFAULT_ADMIN.adminEmail, password: DEFAULT_ADMIN.password });
    const board = new BoardPage(page, relay.httpUrl);
    await board.open();
    await board.waitForBoard();
    const first = await board.createJob(aJob({ customerName: 'Harbor View Apartments' }));
    const second = await board.createJob(aJob({ customerName: 'Lakeside Clinic' }));
    await board.waitForSync('synced', 0);

    // A technician's device wipes every job.
    const tech = stockClient(relay.wsUrl, `${DEFAULT_ADMIN.org}/board`, await makeToken(relay.dataDir, { org: DEFAULT_ADMIN.org, role: 'technician', sub: 'tech-ted' }));
    try {
      await synced(tech);
      await until(() => tech.doc.getMap('jobs').size === 2, 'the technician to see both jobs');
      tech.doc.transact(() => {
        const jobs = tech.doc.getMap('jobs');
        for (const id of [...jobs.keys()]) jobs.delete(id);
      });
      await board.jobCard(first).waitFor({ state: 'detached', timeout: 20_000 });
    } finally {
      tech.destroy();
    }

    const history = new HistoryPage(page, relay.httpUrl);
    await history.openFromSettings();
    const rows = await history.rows();
    expect(rows[0]).toEqual({ user: 'tech-ted', action: 'edit' });
    expect(rows.slice(1).every((r) => r.user !== 'tech-ted')).toBe(true);

    await history.previewAt(1);
    const jobs = await history.previewJobs();
    expect(jobs.map((j) => j.difference)).toEqual(['removed', 'removed']);
    expect(jobs.map((j) => j.text).join(' ')).toContain('Lakeside Clinic');
    await page.screenshot({ path: screenshotPath('settings-history-preview') });

    await history.restorePreviewed();
    await board.open();
    await board.waitForBoard();
    await board.jobCard(first).waitFor({ timeout: 20_000 });
    await board.jobCard(second).waitFor({ timeout: 20_000 });
  });
});
