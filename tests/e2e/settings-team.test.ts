/**
 * A new company's first use, in the browser on the built app and the real relay: with no demo
 * data, the admin adds an office and a technician in Settings (a wrong form shows what is wrong
 * and keeps what was typed), adds that technician's user account linked to the record, and a
 * job is assigned to them on the board. Dispatchers see the team but cannot change it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice, screenshotPath, type ViewportName } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { LoginPage } from './pages/login-page';
import { addTechnicianUser, OfficesPage, TechniciansPage } from './pages/team-pages';
import { UsersPage } from './pages/users-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

let relay: Relay;
let browser: Browser;
const contexts: BrowserContext[] = [];
const ORG = DEFAULT_ADMIN.org;
const TESS = { name: 'Tess Torres', email: 'tess@acme.test', password: 'wrench-and-ladder' };
const OMAR = { name: 'Omar Haddad', email: 'omar@acme.test', password: 'pipes-and-valves' };

beforeAll(async () => {
  relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
  browser = await launchBrowser();
  // A brand-new organisation through the setup API: no offices, no technicians, no jobs.
  if ((await new ApiClient(relay.httpUrl).setup()).status !== 201) throw new Error('setup failed');
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

/** A new device whose console errors and uncaught exceptions are collected. */
async function device(errors: string[], viewport: ViewportName = 'desktop'): Promise<Page> {
  const context = await newDevice(browser, viewport);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));
  return page;
}

describe('setting up the team of a new organisation', () => {
  it('adds an office and a technician, links the technician to their account and assigns them a job', async () => {
    const errors: string[] = [];
    const page = await device(errors);
    await new LoginPage(page, relay.httpUrl).open();
    await new LoginPage(page, relay.httpUrl).signIn({ org: ORG, email: DEFAULT_ADMIN.adminEmail, password: DEFAULT_ADMIN.password });

    // Offices: a form without a name or with an unknown zone is refused, field by field, and keeps what was typed.
    const offices = new OfficesPage(page, relay.httpUrl);
    await offices.openFromSettings();
    await offices.fill({ name: '', code: 'SF-N', address: '1 Columbus Ave, San Francisco', timeZone: 'Mars/Olympus' });
    expect(await offices.submitExpectingErrors()).toEqual({
      name: 'Name is required',
      timeZone: 'Choose a time zone such as America/Los_Angeles'
    });
    expect(await offices.formValues()).toEqual({ 'Office name': '', 'Short code': 'SF-N', Address: '1 Columbus Ave, San Francisco', 'Time zone': 'Mars/Olympus' });
    await offices.add({ name: 'North Beach', code: 'SF-N', address: '1 Columbus Ave, San Francisco', timeZone: 'America/Los_Angeles' });
    expect(await offices.row('North Beach').textContent()).toContain('America/Los_Angeles');

    // Technicians: no name and a Tuesday ending before it starts are both named; nothing typed is lost.
    const techs = new TechniciansPage(page, relay.httpUrl);
    await techs.openFromSettings();
    await techs.fill({ name: '', office: 'North Beach', skills: 'hvac, gas', homeBase: 'Oakland yard', hours: { Tuesday: ['17:00', '08:00'], Saturday: ['09:00', '13:00'] } });
    expect(await techs.submitExpectingErrors()).toEqual({
      name: 'Name is required',
      'workingHours.tue': 'Tuesday: the day must end after it starts'
    });
    await page.screenshot({ path: screenshotPath('settings-technician-errors-1920x1080'), fullPage: true });
    expect(await techs.fieldValue('Skills')).toBe('hvac, gas');
    expect(await techs.fieldValue('Home base')).toBe('Oakland yard');
    expect(await techs.fieldValue('Tuesday starts')).toBe('17:00');
    expect(await techs.fieldValue('Saturday ends')).toBe('13:00');
    await techs.fill({ name: TESS.name, hours: { Tuesday: ['08:00', '17:00'] } });
    await techs.submit();
    await techs.row(TESS.name).waitFor();
    expect(await techs.accountOf(TESS.name)).toBe('no account');

    // Users: Tess gets an account with the technician role, linked to her technician record.
    const users = new UsersPage(page, relay.httpUrl);
    await users.openFromSettings();
    const done = await addTechnicianUser(users, TESS, { link: TESS.name });
    expect(done).toContain(`Linked to the technician record of ${TESS.name}`);
    // Omar has no record yet: adding his account creates one in the chosen office.
    const created = await addTechnicianUser(users, OMAR, { createIn: 'SF-N · North Beach' });
    expect(created).toContain('A technician record was created for them');
    const tessUserId = await users.row(TESS.email).getAttribute('data-user-id');
    await techs.openFromSettings();
    await techs.waitForAccount(TESS.name, `signs in as ${TESS.name} (${TESS.email})`);
    await techs.waitForAccount(OMAR.name, `signs in as ${OMAR.name} (${OMAR.email})`);
    expect(await techs.row(OMAR.name).textContent()).toContain('SF-N');
    expect(tessUserId).toBeTruthy();
    expect(await techs.row(TESS.name).getAttribute('data-user-id')).toBe(tessUserId);

    // The board: a new job is assigned to Tess and her card shows it.
    const board = new BoardPage(page, relay.httpUrl);
    await board.navigate('Board');
    await board.waitForBoard();
    const number = await board.createJob(aJob({ customerName: 'Harbor View Apartments' }));
    expect(await board.jobCard(number).getByTestId('card-techs').textContent()).toContain('Unassigned');
    await board.setTechnician(number, TESS.name);
    await page.locator(`[data-testid="job-card"][data-job-number="${number}"][aria-label*="assigned to ${TESS.name}"]`).waitFor();
    expect(await board.jobCard(number).getByTestId('card-techs').textContent()).toContain('Tess');
    expect(errors).toEqual([]);
  });

  it('lays out the technician form on a phone without sideways scrolling', async () => {
    const errors: string[] = [];
    const page = await device(errors, 'phone');
    await new BoardPage(page, relay.httpUrl).signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'ada-phone', name: 'Ada' }));
    const techs = new TechniciansPage(page, relay.httpUrl);
    await techs.openFromSettings();
    await techs.row(TESS.name).getByRole('button', { name: `Edit ${TESS.name}` }).click();
    await techs.form.waitFor();
    await page.screenshot({ path: screenshotPath('settings-technician-390x844'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });

  it('shows dispatchers the team without any way to change it', async () => {
    const errors: string[] = [];
    const page = await device(errors);
    const board = new BoardPage(page, relay.httpUrl);
    await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' }));
    const techs = new TechniciansPage(page, relay.httpUrl);
    await techs.openFromSettings();
    await techs.row(TESS.name).waitFor();
    expect(await techs.addButton.count()).toBe(0);
    expect(await techs.row(TESS.name).getByRole('button').count()).toBe(0);
    const offices = new OfficesPage(page, relay.httpUrl);
    await offices.openFromSettings();
    await offices.row('North Beach').waitFor();
    expect(await offices.addButton.count()).toBe(0);
    expect(await page.getByTestId('users-link').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
