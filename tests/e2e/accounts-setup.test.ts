/**
 * First run in the browser on the built app and the real relay: setup creates the
 * organisation and its admin, the admin adds a dispatcher, the dispatcher signs in on
 * another device, and both work on the same board.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { screenshotPath, type DeviceOptions, type ViewportName } from './browser';
import { useBrowserRig } from './browser-rig';
import { HTTP_REFUSALS } from './console-guard';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { LoginPage } from './pages/login-page';
import { SetupPage } from './pages/setup-page';
import { UsersPage } from './pages/users-page';

const rig = useBrowserRig({ relay: { env: FAST_ACCOUNTS_ENV }, closeDevices: 'after-each' });

const ADMIN = { orgName: 'Acme Heating & Cooling', adminName: 'Ada Admin', email: 'ada@acme.test', password: 'correct horse battery' };
const DISPATCHER = { name: 'Dana Dispatcher', email: 'dana@acme.test', role: 'dispatcher', password: 'dispatch-me-please' };

async function device(viewport: ViewportName = 'desktop', options: DeviceOptions = {}): Promise<Page> {
  const context = await rig.device(viewport, options);
  return context.newPage();
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('first run and accounts in the browser', () => {
  it('sets up the organisation, adds a dispatcher who signs in elsewhere, and both share one board', async () => {
    // A phone visiting a new server is sent to setup too (screenshot only; the desktop sets up).
    const phone = await device('phone');
    await phone.goto(`${rig.relay.httpUrl}/board`);
    await new SetupPage(phone, rig.relay.httpUrl).waitFor();
    await phone.screenshot({ path: screenshotPath('setup-390x844') });
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);

    // The admin adds a user whose email is taken on purpose: the 409 answer is expected.
    const adminPage = await device('desktop', { allow: [HTTP_REFUSALS] });
    await adminPage.goto(`${rig.relay.httpUrl}/`);
    const setup = new SetupPage(adminPage, rig.relay.httpUrl);
    await setup.waitFor();
    await setup.fill({ ...ADMIN, confirm: 'something else entirely' });
    expect(await setup.signInName()).toBe('acme-heating-cooling');
    await setup.submit();
    expect(await setup.fieldError('confirm')).toMatch(/do not match/);
    await adminPage.screenshot({ path: screenshotPath('setup-1920x1080') });

    await setup.fill(ADMIN);
    await setup.submit();
    // Setup signs the admin in and lands on the board; the team is added from Settings › Users.
    await new BoardPage(adminPage, rig.relay.httpUrl).waitForBoard();
    expect(new URL(adminPage.url()).pathname).toBe('/board');
    const users = new UsersPage(adminPage, rig.relay.httpUrl);
    await users.openFromSettings();
    expect(await users.emails()).toEqual([ADMIN.email]);

    await users.addUser(DISPATCHER);
    expect(await users.row(DISPATCHER.email).getAttribute('data-role')).toBe('dispatcher');
    // The server's answer for a taken email is shown next to the Email field.
    const errors = await users.addUserExpectingErrors({ ...DISPATCHER, name: 'Dana Again' });
    expect(errors.email).toMatch(/already in use/);
    await adminPage.screenshot({ path: screenshotPath('users-1920x1080') });

    // The dispatcher signs in on another device.
    const dispatcherPage = await device();
    const login = new LoginPage(dispatcherPage, rig.relay.httpUrl);
    await dispatcherPage.goto(`${rig.relay.httpUrl}/schedule`);
    await login.waitFor();
    await dispatcherPage.screenshot({ path: screenshotPath('login-1920x1080') });
    await login.signIn({ org: 'acme-heating-cooling', email: DISPATCHER.email, password: DISPATCHER.password });
    // Back to the page that asked for sign-in.
    expect(new URL(dispatcherPage.url()).pathname).toBe('/schedule');
    const dispatcherBoard = new BoardPage(dispatcherPage, rig.relay.httpUrl);
    await dispatcherBoard.navigate('Board');
    await dispatcherBoard.waitForBoard();
    expect(await dispatcherPage.getByTestId('session-badge').textContent()).toContain('Dana Dispatcher');

    const adminBoard = new BoardPage(adminPage, rig.relay.httpUrl);
    await adminBoard.navigate('Board');
    await adminBoard.waitForBoard();
    await adminBoard.waitForSync('synced', 0);
    await dispatcherBoard.waitForSync('synced', 0);

    const number = await adminBoard.createJob(aJob({ customerName: 'Harbor View Apartments' }));
    await dispatcherBoard.jobCard(number).waitFor({ timeout: 20_000 });
    await dispatcherBoard.setStatus(number, 'scheduled');
    await adminPage.locator(`[data-testid="job-card"][data-job-number="${number}"][data-status="scheduled"]`).waitFor({ timeout: 20_000 });
  });

  it('lays out sign-in and Users on a phone without sideways scrolling', async () => {
    const page = await device('phone');
    const login = new LoginPage(page, rig.relay.httpUrl);
    await login.open();
    await page.screenshot({ path: screenshotPath('login-390x844') });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await login.signIn({ org: 'acme-heating-cooling', email: ADMIN.email, password: ADMIN.password });
    const users = new UsersPage(page, rig.relay.httpUrl);
    await users.openFromSettings();
    await users.row(DISPATCHER.email).getByRole('button', { name: 'Reset password' }).click();
    await page.screenshot({ path: screenshotPath('users-390x844') });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Add user' }).click();
    await users.addForm.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('users-add-390x844') });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.goto(`${rig.relay.httpUrl}/settings`);
    await page.getByTestId('session-details').getByLabel(/Also erase this device/).check();
    await page.getByTestId('session-details').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('settings-session-390x844') });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});
