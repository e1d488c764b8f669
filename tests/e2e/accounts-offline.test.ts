/**
 * Signed in with a password, a device keeps working offline — across a reload and after its
 * short-lived access token expired — and syncs once back online (the token is refreshed
 * then). Access tokens live 20 s here so expiry happens inside the test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay } from '../helpers/relay-process';
import { launchBrowser, newDevice } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { LoginPage, type Credentials } from './pages/login-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

const ACCESS_TTL_SECONDS = 20;

let relay: Relay;
let browser: Browser;
const contexts: BrowserContext[] = [];
const TECH: Credentials = { org: DEFAULT_ADMIN.org, email: 'tess@acme.test', password: 'tech-password-1' };
const ADMIN: Credentials = { org: DEFAULT_ADMIN.org, email: DEFAULT_ADMIN.adminEmail, password: DEFAULT_ADMIN.password };

beforeAll(async () => {
  relay = await startRelay({ env: { ...FAST_ACCOUNTS_ENV, ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS) } });
  browser = await launchBrowser();
  const api = new ApiClient(relay.httpUrl);
  const setup = await api.setup();
  const token = setup.body?.accessToken;
  if (!token) throw new Error(`setup failed: ${JSON.stringify(setup.error)}`);
  // A dispatcher in the field: creating jobs on the board is a dispatch action, not offered to technicians (issue 9).
  const created = await api.createUser(token, { email: TECH.email, name: 'Tess Tech', role: 'dispatcher', password: TECH.password });
  if (created.status !== 201) throw new Error(`creating the technician failed: ${JSON.stringify(created.error)}`);
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

async function signedInDevice(credentials: Credentials): Promise<{ context: BrowserContext; page: Page; board: BoardPage }> {
  // Real clock: this test waits for the access token to expire by the browser's own clock,
  // which must agree with the relay's (tokens are minted with real time).
  const context = await newDevice(browser, 'desktop', { clock: 'real' });
  contexts.push(context);
  const page = await context.newPage();
  const login = new LoginPage(page, relay.httpUrl);
  await login.open();
  await login.signIn(credentials);
  const board = new BoardPage(page, relay.httpUrl);
  await board.waitForBoard();
  return { context, page, board };
}

/** Seconds until the access token stored on this device expires (negative: expired). */
function accessTokenLifeLeft(page: Page): Promise<number> {
  return page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('fieldboard.session') ?? '{}') as { accessToken?: string };
    const payload = JSON.parse(atob((stored.accessToken ?? '..').split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number };
    return payload.exp - Date.now() / 1000;
  });
}

describe('password sign-in and offline work', () => {
  it('stays signed in offline past token expiry and across a reload, then refreshes and syncs online', async () => {
    const tech = await signedInDevice(TECH);
    const office = await signedInDevice(ADMIN);
    await tech.board.waitForSync('synced', 0);
    await office.board.waitForSync('synced', 0);
    await tech.board.waitForOfflineReady();

    await tech.context.setOffline(true);
    await tech.board.waitForSync('offline');
    const first = await tech.board.createJob(aJob({ customerName: 'Greenleaf Bakery' }));

    // Let the access token expire while offline, then reload with no network.
    await expect.poll(() => accessTokenLifeLeft(tech.page), { timeout: (ACCESS_TTL_SECONDS + 10) * 1000, interval: 1000 }).toBeLessThan(0);
    await tech.page.reload();
    await tech.board.waitForBoard();
    expect(new URL(tech.page.url()).pathname).toBe('/board');
    await tech.board.jobCard(first).waitFor();
    const second = await tech.board.createJob(aJob({ customerName: 'Lakeside Clinic' }));
    await tech.board.waitForSync('offline');
    expect(await tech.board.pendingChanges()).toBeGreaterThan(0);

    // Meanwhile the office stayed online: its token was renewed in the background.
    expect(await accessTokenLifeLeft(office.page)).toBeGreaterThan(0);
    expect(await office.board.jobNumbers()).not.toContain(first);

    await tech.context.setOffline(false);
    await tech.board.waitForSync('synced', 0, 30_000);
    expect(await accessTokenLifeLeft(tech.page)).toBeGreaterThan(0);
    await office.board.jobCard(first).waitFor({ timeout: 20_000 });
    await office.board.jobCard(second).waitFor({ timeout: 20_000 });
  });
});
