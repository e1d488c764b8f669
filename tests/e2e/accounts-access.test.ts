/**
 * Sign-in failures people meet: a wrong password, too many attempts, a disabled account —
 * refused at its next connect and refresh, told to sign in again, its offline data kept —
 * plus signing out with erasing, and the access-token alternative on the sign-in page.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { HTTP_REFUSALS } from './console-guard';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { LoginPage, type Credentials } from './pages/login-page';
import { UsersPage } from './pages/users-page';

const rig = useBrowserRig({ relay: { env: { ...FAST_ACCOUNTS_ENV, LOGIN_MAX_ATTEMPTS: '3' } }, closeDevices: 'after-each' });
let api: ApiClient;
const ORG = DEFAULT_ADMIN.org;
const ADMIN: Credentials = { org: ORG, email: DEFAULT_ADMIN.adminEmail, password: DEFAULT_ADMIN.password };
const BOARD_DB = `fieldboard:${ORG}/board`;

beforeAll(async () => {
  api = new ApiClient(rig.relay.httpUrl);
  if ((await api.setup()).status !== 201) throw new Error('setup failed');
});

let userCounter = 0;
/** A new dispatcher account, created through the API by the admin. */
async function aDispatcher(): Promise<Credentials & { id: string; name: string }> {
  userCounter += 1;
  const admin = await api.login({ org: ORG, email: ADMIN.email, password: ADMIN.password });
  const name = `Dispatcher ${userCounter}`;
  const credentials = { org: ORG, email: `dispatcher${userCounter}@acme.test`, password: `dispatch-pass-${userCounter}` };
  const created = await api.createUser(admin.body?.accessToken, { email: credentials.email, name, role: 'dispatcher', password: credentials.password });
  if (!created.body) throw new Error(`creating a user failed: ${JSON.stringify(created.error)}`);
  return { ...credentials, id: created.body.user.id, name };
}

async function device(): Promise<Page> {
  // Every test here provokes refusals (wrong password, rate limit, disabled account, refresh
  // refused); Chromium logs each 4xx answer as a console error.
  return (await rig.device('desktop', { allow: [HTTP_REFUSALS] })).newPage();
}

/** A new device, signed in on the sign-in page with `credentials`. */
async function signedInWith(credentials: Credentials): Promise<{ page: Page; login: LoginPage }> {
  const page = await device();
  const login = new LoginPage(page, rig.relay.httpUrl);
  await login.open();
  await login.signIn(credentials);
  return { page, login };
}

/** A new dispatcher, signed in with their password on a new device, the board loaded. */
async function signedInDispatcher(): Promise<{ user: Awaited<ReturnType<typeof aDispatcher>>; page: Page; login: LoginPage; board: BoardPage }> {
  const user = await aDispatcher();
  const { page, login } = await signedInWith(user);
  const board = new BoardPage(page, rig.relay.httpUrl);
  await board.waitForBoard();
  return { user, page, login, board };
}

/** The admin, signed in on a device of their own, on Settings › Users. */
async function adminOnUsers(): Promise<{ adminPage: Page; users: UsersPage }> {
  const { page: adminPage } = await signedInWith(ADMIN);
  const users = new UsersPage(adminPage, rig.relay.httpUrl);
  await users.openFromSettings();
  return { adminPage, users };
}

function databaseNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''));
}

describe('sign-in failures and session end', () => {
  it('says so when the password is wrong, and after too many attempts asks to wait', async () => {
    const user = await aDispatcher();
    const login = new LoginPage(await device(), rig.relay.httpUrl);
    await login.open();
    const wrong = { ...user, password: 'not-the-password' };
    expect(await login.signInExpectingError(wrong)).toMatch(/Wrong organisation, email or password/);
    expect(new URL(login.page.url()).pathname).toBe('/login');
    expect(await login.form.getByLabel('Password', { exact: true }).inputValue()).toBe('');

    await login.signInExpectingError(wrong);
    await login.signInExpectingError(wrong);
    await login.submit(wrong);
    await login.error.getByText(/Too many attempts\. Wait \d+ (seconds|minutes)/).waitFor();
  });

  it('explains that signing in needs the network once when the device is offline', async () => {
    const user = await aDispatcher();
    const page = await device();
    const login = new LoginPage(page, rig.relay.httpUrl);
    await login.open();
    await page.context().setOffline(true);
    await page.getByTestId('offline-notice').waitFor();
    expect(await login.signInExpectingError(user)).toBe(
      "You're offline — sign in needs the network once; after that this device works offline."
    );
    await page.context().setOffline(false);
    await login.signIn(user);
    expect(new URL(page.url()).pathname).toBe('/board');
  });

  it('refuses a disabled user at the next connect and refresh, tells them to sign in again, and keeps their offline data', async () => {
    const { user, page, login, board } = await signedInDispatcher();
    await board.waitForSync('synced', 0);
    const job = await board.createJob(aJob({ customerName: 'Before Disabling Ltd' }));
    await board.waitForSync('synced', 0);

    // The admin disables the account in Settings → Users on their own device.
    const { users } = await adminOnUsers();
    await users.setDisabled(user.email, true);

    // The relay drops the user's socket; the refresh that follows is refused: signed out, with the reason.
    await login.waitFor();
    await login.notice.getByText('Your account was disabled or your session ended — sign in again.').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('fieldboard.session'))).toBeNull();
    expect(await databaseNames(page)).toContain(BOARD_DB);

    expect(await login.signInExpectingError(user)).toMatch(/This account is disabled/);

    // Enabled again, they sign in and find their work.
    await users.setDisabled(user.email, false);
    await login.signIn(user);
    await board.waitForBoard();
    await board.jobCard(job).waitFor();
  });

  it('applies a new role on the signed-in device at its next connect, and a reset password at the next sign-in', async () => {
    const { user, page, board } = await signedInDispatcher();
    await board.waitForSync('synced', 0);
    expect(await page.getByRole('link', { name: 'Invoices' }).count()).toBe(1);

    const { adminPage, users } = await adminOnUsers();
    await users.changeRole(user.email, 'technician');
    await adminPage.getByTestId('notice').getByText(`${user.name} is now technician`).waitFor();
    await adminPage.screenshot({ path: screenshotPath('users-role-changed-1920x1080') });

    // The relay drops the socket; the device renews its token, gets the new role and reconnects.
    await page.getByTestId('session-badge').getByText('technician').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Invoices' }).count()).toBe(0);
    await board.waitForSync('synced', 0, 30_000);

    await users.resetPassword(user.email, 'a-brand-new-password');
    const other = new LoginPage(await device(), rig.relay.httpUrl);
    await other.open();
    expect(await other.signInExpectingError(user)).toMatch(/Wrong organisation, email or password/);
    await other.signIn({ ...user, password: 'a-brand-new-password' });
  });

  it('signs out and erases this device’s offline copy when asked', async () => {
    const { page, login, board } = await signedInDispatcher();
    await board.createJob(aJob());
    await board.waitForSync('synced', 0);
    expect(await databaseNames(page)).toContain(BOARD_DB);

    await board.navigate('Settings');
    const details = page.getByTestId('session-details');
    await details.getByLabel(/Also erase this device/).check();
    await details.getByRole('button', { name: 'Sign out and erase' }).click();
    await login.waitFor();
    await expect.poll(() => databaseNames(page)).not.toContain(BOARD_DB);
    expect(await page.evaluate(() => localStorage.getItem('fieldboard.session'))).toBeNull();
  });

  it('still offers sign-in with an access token on a server that has accounts', async () => {
    const page = await device();
    const login = new LoginPage(page, rig.relay.httpUrl);
    await login.open();
    await login.signInWithToken(await rig.token({ org: ORG, role: 'wallboard', sub: 'lobby-screen', name: 'Lobby' }));
    const board = new BoardPage(page, rig.relay.httpUrl);
    await board.waitForBoard();
    expect(await page.getByTestId('session-badge').textContent()).toContain('Lobby');
  });
});
