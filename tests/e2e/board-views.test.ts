/**
 * The board's views on a realistic company (the demo data, loaded from the empty board's
 * button): intake with customer lookup and duplicate hints, presence between two devices,
 * double bookings, the wall screen (wallboard role, offline), customers, and the public
 * request form's validation. Screenshots of each view at a desk and a phone size are kept in
 * test-results/screenshots/ for review.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgTimeOn, testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard } from './board-support';
import { launchBrowser, newDevice, screenshotPath, VIEWPORTS, type ViewportName } from './browser';
import { BoardPage } from './pages/board-page';

const ORG = 'demo-views';
let relay: RelayProcess;
let browser: Browser;
let dispatcherContext: BrowserContext;
let board: BoardPage;

async function overflow(page: Page, width: number): Promise<number> {
  return (await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))) - width;
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  dispatcherContext = await newDevice(browser);
  board = new BoardPage(await dispatcherContext.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana Dispatcher' }));
});

afterAll(async () => {
  await dispatcherContext?.close();
  await browser?.close();
  await relay?.kill();
});

describe('board views on the demo company', () => {
  it('loads the demo company from the empty board', async () => {
    await board.page.getByTestId('empty-board').waitFor();
    await board.page.screenshot({ path: screenshotPath('board-empty-1920x1080') });
    await board.page.getByTestId('load-demo').click();
    await board.page.locator('[data-testid="job-card"]').nth(20).waitFor({ timeout: 30_000 });
    await board.waitForSync('synced', 0, 30_000);
    expect(await board.page.getByTestId('board-column').count()).toBe(7);
    await board.page.screenshot({ path: screenshotPath('board-demo-1920x1080') });
  });

  it('finds an existing caller by phone and hints at a duplicate before creating a new customer', async () => {
    const customer = await board.page.evaluate(async () => {
      // Any demo customer with a phone number, read through the app's own directory view.
      const rows = await fetch('/demo/sf-demo-dataset.json').then((r) => r.ok);
      return rows;
    });
    expect(customer).toBe(true);
    await board.openNewJobForm();
    const form = board.newJobForm;
    // The demo company's phones are (415) 555-01xx.
    await form.getByLabel(/^Customer\s*\*?$/).fill('555-01');
    const matches = board.page.getByTestId('intake-customer-matches');
    await matches.waitFor();
    await board.page.screenshot({ path: screenshotPath('intake-lookup-1920x1080') });
    const firstName = (await matches.getByRole('option').first().locator('strong').textContent()) ?? '';
    await form.getByLabel(/^Customer\s*\*?$/).press('Enter');
    await board.page.getByTestId('intake-picked-customer').getByText(firstName).waitFor();
    await board.page.getByRole('button', { name: 'Change' }).click();

    // A "new" caller with an existing customer's name gets a hint.
    await form.getByLabel(/^Customer\s*\*?$/).fill(firstName);
    // Escape closes the open suggestion list (not the dialog): wait until it is open.
    await form.locator('#nj-customer[aria-expanded="true"]').waitFor();
    await board.page.keyboard.press('Escape');
    await board.page.getByTestId('intake-duplicates').getByText(firstName).waitFor();
    await board.page.screenshot({ path: screenshotPath('intake-duplicate-1920x1080') });
    await board.page.getByTestId('intake-duplicates').getByRole('button', { name: 'Use this customer' }).first().click();
    await board.page.getByTestId('intake-picked-customer').waitFor();
    await form.getByLabel(/^Problem\s*\*?$/).fill('Caller reports the same noise again after last week\u2019s visit.');
    await form.getByRole('button', { name: 'Create job' }).click();
    const number = await form.getByRole('status').locator('strong').textContent();
    expect(number).toMatch(/^J-/);
    await board.closeNewJobForm();
    await board.jobCard(number!).waitFor();
  });

  it('keeps a half-typed call when the form is closed by accident, until it is cleared', async () => {
    await board.openNewJobForm();
    const form = board.newJobForm;
    const problem = form.getByLabel(/^Problem\s*\*?$/);
    await problem.fill('Caller cut off: boiler pressure drops overnight');
    await board.page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
    await board.openNewJobForm();
    expect(await problem.inputValue()).toBe('Caller cut off: boiler pressure drops overnight');
    await form.getByRole('button', { name: 'Clear form' }).click();
    expect(await problem.inputValue()).toBe('');
    await form.getByRole('button', { name: 'Clear form' }).waitFor({ state: 'detached' });
    await board.closeNewJobForm();
  });

  it('filters by office, technician and search instantly and shows swimlanes', async () => {
    const all = await board.jobCards.count();
    await board.page.getByTestId('filter-technician').selectOption('unassigned');
    const unassigned = await board.page.locator('[data-testid="job-card"][data-techs=""]').count();
    expect(await board.jobCards.count()).toBe(unassigned);
    await board.page.getByTestId('filter-technician').selectOption('');
    await board.page.getByTestId('filter-office').selectOption({ index: 1 });
    expect(await board.jobCards.count()).toBeLessThan(all);
    await board.page.getByRole('button', { name: 'Clear' }).click();
    await board.page.getByLabel('By technician').check();
    await board.page.getByTestId('board-lanes').waitFor();
    await board.page.screenshot({ path: screenshotPath('board-swimlanes-1920x1080') });
    await board.page.getByLabel('By technician').uncheck();
  });

  it('shows a double booking made by two dispatchers with both jobs and a way to fix it', async () => {
    const { board: doc, connection, confirmed } = await nodeBoard(relay, ORG);
    try {
      const tech = doc.directory.technicians.list()[0]!;
      // Four weeks after the fixed test day, 10:00–12:00 org time: past every demo booking,
      // whichever of the three instants the demo company was built at. Proved, not assumed:
      const start = orgTimeOn(28, '10:00').toISOString();
      const end = orgTimeOn(28, '12:00').toISOString();
      const overlapping = doc.listJobs().filter((j) => j.assignedTechIds.includes(tech.id) && j.scheduledStart! < end && j.scheduledEnd! > start);
      expect(overlapping, `${tech.name} must be free ${start}–${end}`).toEqual([]);
      expect(await board.page.getByTestId('conflict-banner').count()).toBe(0);
      // nodeBoard signs in as test-seed: the relay only takes history credited to the writer.
      const actor = { id: 'test-seed', name: 'Other Office' };
      const ids = ['Pier 39 Souvenirs', 'Marina Green Kiosk'].map((customerName) => {
        const created = doc.createJob({ customerName, problem: 'Sign lights out', siteAddress: 'Embarcadero' }, actor, 'TST2', testNow());
        if (!created.ok) throw new Error('seed');
        doc.assignTechnicians(created.job.id, [tech.id], actor, testNow());
        doc.scheduleJob(created.job.id, start, end, actor, testNow());
        return created.job.id;
      });
      await confirmed();
      const banner = board.page.getByTestId('conflict-banner');
      await banner.waitFor({ timeout: 20_000 });
      expect(await banner.textContent()).toContain(tech.name);
      // Exactly this one double booking: nothing else on the board collides with it.
      expect(await banner.getByTestId('conflict').count()).toBe(1);
      await board.page.locator('[data-testid="card-conflict"]').first().waitFor();
      await board.page.screenshot({ path: screenshotPath('board-conflict-1920x1080') });
      // Fix: open one of them from the banner and take the technician off it.
      await banner.getByTestId('conflict').getByRole('button').first().click();
      await board.panel.waitFor();
      await board.panel.getByTestId('panel-technicians').getByLabel(tech.name, { exact: true }).uncheck();
      await banner.waitFor({ state: 'detached', timeout: 20_000 });
      await board.closePanel();
      expect(ids).toHaveLength(2);
    } finally {
      connection.destroy();
    }
  });

  it('shows who else is looking at or editing a card', async () => {
    const other = await newDevice(browser);
    try {
      const bob = new BoardPage(await other.newPage(), relay.httpUrl);
      await bob.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'bob', name: 'Bob Mission' }));
      const number = (await board.jobCards.first().getAttribute('data-job-number'))!;
      await bob.openPanel(number);
      const watchers = board.jobCard(number).getByTestId('card-watchers');
      await watchers.waitFor({ timeout: 20_000 });
      expect(await watchers.getByRole('img').getAttribute('aria-label')).toBe('Bob Mission is viewing this job');
      await bob.panel.getByTestId('panel-priority').focus();
      await watchers.getByRole('img', { name: 'Bob Mission is editing this job' }).waitFor({ timeout: 20_000 });
      await board.page.getByTestId('online-user').nth(1).waitFor();
      await board.page.screenshot({ path: screenshotPath('board-presence-1920x1080') });
    } finally {
      await other.close();
    }
  });

  it('runs a read-only wall screen that flags breaches and says when it last synced while offline', async () => {
    const wallContext = await newDevice(browser);
    try {
      const wall = new BoardPage(await wallContext.newPage(), relay.httpUrl);
      await wall.page.goto(`${relay.httpUrl}/wall#token=${encodeURIComponent(await makeToken(relay.dataDir, { org: ORG, role: 'wallboard', sub: 'lobby-tv' }))}`);
      await wall.page.locator('[data-testid="wall-card"]').nth(10).waitFor({ timeout: 30_000 });
      expect(Number(await wall.page.getByTestId('wall-breaches').textContent())).toBeGreaterThan(0);
      await wall.page.getByTestId('wall-alarm').waitFor();
      await wall.page.screenshot({ path: screenshotPath('wall-1920x1080') });
      await wallContext.setOffline(true);
      await wall.page.getByTestId('wall-stale').getByText(/last synced at \d/).waitFor({ timeout: 20_000 });
      await wall.page.screenshot({ path: screenshotPath('wall-offline-1920x1080') });
    } finally {
      await wallContext.close();
    }
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const { width, height } = VIEWPORTS[viewport];
    it(`renders the board, job, customer and wall views at ${width}×${height} without sideways scrolling`, async () => {
      const context = await newDevice(browser, viewport);
      try {
        const page = await context.newPage();
        const view = new BoardPage(page, relay.httpUrl);
        await view.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: `shots-${viewport}`, name: 'Sam Shots' }));
        await view.jobCards.nth(5).waitFor({ timeout: 30_000 });
        const size = `${width}x${height}`;
        const shoot = async (name: string) => {
          expect(await overflow(page, width), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: screenshotPath(`${name}-${size}`) });
        };
        await shoot('board-view');
        const number = (await view.jobCards.first().getAttribute('data-job-number'))!;
        await view.openPanel(number);
        await shoot('board-panel');
        await view.closePanel();
        await view.openNewJobForm();
        await shoot('intake');
        await view.closeNewJobForm();
        await view.openJobPage(number);
        await shoot('job');
        await page.getByRole('link', { name: /./ }).filter({ hasText: '' }).count();
        await view.open('/customers');
        await page.getByTestId('customer-row').first().waitFor();
        await shoot('customers');
        await page.getByTestId('customer-row').first().getByRole('link').click();
        await page.getByTestId('customer-page').waitFor();
        await shoot('customer');
        await view.open('/wall');
        await page.locator('[data-testid="wall-card"]').first().waitFor();
        await shoot('wall-view');
        await page.emulateMedia({ colorScheme: 'dark' });
        await view.open('/board');
        await view.jobCards.first().waitFor();
        await shoot('board-view-dark');
      } finally {
        await context.close();
      }
    });
  }
});

describe('public request form', () => {
  it('rejects invalid input with field errors, then sends a fixed request that appears on an open board', async () => {
    const context = await newDevice(browser, 'phone');
    try {
      const page = await context.newPage();
      // An anonymous visitor: this device has never signed in.
      await page.goto(`${relay.httpUrl}/request/${ORG}`);
      const form = page.getByTestId('public-request-form');
      await form.waitFor({ timeout: 20_000 });
      await form.getByLabel('Phone').fill('12');
      await form.getByLabel(/^E-mail/).fill('not-an-email');
      await form.getByLabel('What needs fixing?').fill('leak');
      let posted = false;
      page.on('request', (request) => {
        if (request.url().includes('/api/public/requests/')) posted = true;
      });
      await form.getByRole('button', { name: 'Send request' }).click();
      await page.getByTestId('public-request-errors').waitFor();
      const invalid = await form.locator('[aria-invalid="true"]').evaluateAll((els) =>
        Object.fromEntries(els.map((el) => [el.getAttribute('name'), document.getElementById(`pr-${el.getAttribute('name')}-error`)?.textContent?.trim()]))
      );
      expect(Object.keys(invalid).sort()).toEqual(['address', 'email', 'name', 'phone', 'problem']);
      expect(invalid.phone).toMatch(/phone number/i);
      expect(invalid.problem).toMatch(/at least 10 characters/);
      expect(posted).toBe(false);
      posted = false;
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pr-summary');
      await page.screenshot({ path: screenshotPath('public-request-errors-390x844'), fullPage: true });

      // Fixed: the request is sent, answered with a job number, and the job is live on the open board.
      await form.getByLabel('Your name').fill('Maria Chen');
      await form.getByLabel('Phone').fill('(415) 555-0123');
      await form.getByLabel(/^E-mail/).fill('');
      await form.getByLabel('Service address').fill('1200 Valencia St, San Francisco');
      await form.getByLabel('What needs fixing?').fill('Water heater leaking from the bottom since this morning.');
      await form.getByRole('button', { name: 'Send request' }).click();
      const number = (await page.getByTestId('public-request-number').textContent({ timeout: 20_000 })) ?? '';
      expect(number).toMatch(/^J-/);
      expect(posted).toBe(true);
      await page.screenshot({ path: screenshotPath('public-request-sent-390x844') });
      // New cards go to the bottom of a long New column: find it the way a dispatcher would.
      await board.page.getByLabel('Search jobs').fill(number);
      await board.jobCard(number).waitFor({ timeout: 20_000 });
      expect(await board.jobCard(number).textContent()).toContain('Maria Chen');
      await board.page.getByLabel('Search jobs').fill('');
    } finally {
      await context.close();
    }
  });
});
