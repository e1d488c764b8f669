/**
 * No page logs an error in normal use. An admin signs in with a password on a fresh
 * organisation, loads the demo company (built by the app at the test clock's instant, see
 * tests/clock.ts) and visits every main view: board, a job page, customers, a customer's
 * page and one of its assets, the wall, Settings and every page Settings links to. The console guard
 * (./console-guard.ts, run after each test) fails a test if any of them logged an error;
 * each test also waits for the page's own content so late errors have happened by then.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CLOCK_NAME } from '../clock';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { launchBrowser, newDevice } from './browser';
import { BoardPage } from './pages/board-page';
import { LoginPage } from './pages/login-page';

const LOAD = { timeout: 30_000 };

let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let board: BoardPage;

beforeAll(async () => {
  relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
  browser = await launchBrowser();
  const setup = await new ApiClient(relay.httpUrl).setup();
  if (!setup.body?.accessToken) throw new Error(`setup failed: ${JSON.stringify(setup.error)}`);
  context = await newDevice(browser);
  page = await context.newPage();
  const login = new LoginPage(page, relay.httpUrl);
  await login.open();
  await login.signIn({ org: DEFAULT_ADMIN.org, email: DEFAULT_ADMIN.adminEmail, password: DEFAULT_ADMIN.password });
  board = new BoardPage(page, relay.httpUrl);
  await board.waitForBoard();
  await page.getByTestId('load-demo').click();
  await board.jobCards.nth(20).waitFor(LOAD);
  await board.waitForSync('synced', 0, 30_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await relay?.kill();
});

describe(`no console errors on the main pages with the demo company loaded at ${TEST_CLOCK_NAME} org time`, () => {
  // Pages are reached the way a person moves through the app (menu, panel, links), not by
  // reloading each URL: every full load restarts the session, and a reload while its token
  // refresh is in flight signs the device out (reported to the lead separately).
  it('board', async () => {
    await board.navigate('Board');
    await board.waitForBoard();
    await board.jobCards.nth(20).waitFor(LOAD);
    await board.waitForSync('synced', 0, 30_000);
  });

  it('a job page, for an open job with a technician and one without', async () => {
    await board.navigate('Board');
    await board.jobCards.nth(20).waitFor(LOAD);
    const assigned = (await page.locator('[data-testid="job-card"]:not([data-techs=""])').first().getAttribute('data-job-number'))!;
    const unassigned = (await page.locator('[data-testid="job-card"][data-techs=""]').first().getAttribute('data-job-number'))!;
    for (const number of [assigned, unassigned]) {
      const panel = await board.openPanel(number);
      await panel.getByRole('link', { name: 'Open job page' }).click();
      await page.locator(`[data-testid="job-page"][data-job-number="${number}"]`).waitFor(LOAD);
      await page.getByTestId('history-entry').first().waitFor(LOAD);
      await board.navigate('Board');
      await board.jobCards.nth(20).waitFor(LOAD);
    }
  });

  it('customers and a customer page', async () => {
    await board.navigate('Customers');
    await page.getByTestId('customer-row').nth(10).waitFor(LOAD);
    await page.getByTestId('customer-row').first().getByRole('link').click();
    await page.getByTestId('customer-page').waitFor(LOAD);
  });

  it('an asset page (the first demo customer with equipment)', async () => {
    for (let i = 0; i < 15; i++) {
      await board.navigate('Customers');
      await page.getByTestId('customer-row').nth(i).getByRole('link').click();
      await page.getByTestId('customer-page').waitFor(LOAD);
      const assets = page.getByTestId('asset-link');
      if ((await assets.count()) === 0) continue;
      await assets.first().click();
      await page.getByTestId('asset-page').waitFor(LOAD);
      await page.getByTestId('asset-history').waitFor(LOAD);
      return;
    }
    throw new Error('none of the first 15 demo customers has equipment');
  });

  it('inventory and agreements with the demo stock and agreements', async () => {
    await board.navigate('Inventory');
    await page.locator('[data-testid="stock-by-part"] tbody tr').nth(5).waitFor(LOAD);
    await page.locator('[data-testid="stock-by-part"] tbody tr button').first().click();
    await page.getByTestId('part-history').waitFor(LOAD);
    await page.locator('[data-testid="low-stock"], [data-testid="tomorrow-needs"]').first().waitFor(LOAD);
    await board.navigate('Agreements');
    await page.locator('[data-testid="agreement-list"] tbody tr').nth(3).waitFor(LOAD);
    await page.locator('[data-testid="pm-unscheduled"] tbody tr').first().waitFor(LOAD);
  });

  it('settings and every page it links to', async () => {
    await board.navigate('Settings');
    await page.getByTestId('users-link').waitFor(LOAD);
    const links = await page.locator('a[href^="/settings/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')!))]);
    expect(links).toContain('/settings/users');
    for (const href of links) {
      await board.navigate('Settings');
      await page.locator(`a[href="${href}"]`).first().click();
      await page.waitForURL((url) => url.pathname === href, LOAD);
      await page.locator('header h1').first().waitFor(LOAD);
      if (href === '/settings/users') await page.getByTestId('users-list').waitFor(LOAD);
    }
  });

  it('reports', async () => {
    await board.navigate('Reports');
    await page.locator('[data-testid="reports"][data-ready="true"]').waitFor(LOAD);
    await page.locator('canvas[data-chart-creations="1"]').nth(2).waitFor(LOAD);
  });

  it('wall', async () => {
    // The wall is its own screen (no menu): opened by URL, as a lobby TV would be.
    await board.open('/wall');
    await page.locator('[data-testid="wall-card"]').nth(10).waitFor(LOAD);
  });
});
