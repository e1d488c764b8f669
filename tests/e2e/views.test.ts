/**
 * Every view of the built app at a desk size and a phone size: it renders its section, nothing
 * overflows sideways, and a screenshot is kept in test-results/screenshots/ for review.
 */
import { describe, expect, it } from 'vitest';
import { screenshotPath, VIEWPORTS, type ViewportName } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const SECTIONS = ['Board', 'Map', 'Schedule', 'Technician', 'Invoices', 'Inventory', 'Agreements', 'Customers', 'Reports', 'Settings'];

const rig = useBrowserRig({ closeDevices: 'after-each' });

/**
 * How far the page is wider than the device. Measured against the device width, not
 * `innerWidth`: on a mobile viewport Chromium widens the layout viewport to fit wide content.
 */
async function horizontalOverflow(board: BoardPage, deviceWidth: number): Promise<number> {
  const width = await board.page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
  return width - deviceWidth;
}

describe('views', () => {
  it('shows an error under each required New job field left empty and creates nothing', async () => {
    const context = await rig.device();
    const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await board.signInWithLink(await rig.token({ org: 'form-org', role: 'dispatcher', sub: 'gus' }));
    const errors = await board.submitNewJobExpectingErrors();
    expect(Object.keys(errors).sort()).toEqual(['customerName', 'problem']);
    expect(errors.customerName).toMatch(/required/i);
    expect(errors.problem).toMatch(/required/i);
    expect(await board.jobCards.count()).toBe(0);
  });

  it('explains a control character in the customer name and a phone that is not a phone number, and creates nothing', async () => {
    const context = await rig.device();
    const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await board.signInWithLink(await rig.token({ org: 'text-org', role: 'dispatcher', sub: 'tess' }));
    await board.openNewJobForm();
    const form = board.newJobForm;
    await form.getByLabel(/^Customer\s*\*?$/).fill('Acme \u202eproC');
    await form.getByLabel('Phone', { exact: true }).fill('call me after five');
    await form.getByLabel(/^Problem\s*\*?$/).fill('No heat on the second floor.');
    const errors = await board.submitNewJobExpectingErrors();
    expect(Object.keys(errors).sort()).toEqual(['customerName', 'phone']);
    expect(errors.customerName).toMatch(/^Customer contains an invisible control character/);
    expect(errors.phone).toMatch(/^Phone may hold digits, spaces and \+ \( \) - \. only/);
    expect(await board.jobCards.count()).toBe(0);
  });

  it('shows a wallboard the jobs but no way to change them', async () => {
    const context = await rig.device();
    const dispatcher = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await dispatcher.signInWithLink(await rig.token({ org: 'wall-org', role: 'dispatcher', sub: 'ivy' }));
    const number = await dispatcher.createJob(aJob({ customerName: 'Lakeside Clinic' }));
    await dispatcher.waitForSync('synced', 0);

    const wallContext = await rig.device();
    const wall = new BoardPage(await wallContext.newPage(), rig.relay.httpUrl);
    await wall.signInWithLink(await rig.token({ org: 'wall-org', role: 'wallboard', sub: 'lobby-screen' }));
    await wall.jobCard(number).waitFor({ timeout: 20_000 });
    expect(await wall.newJobForm.count()).toBe(0);
    expect(await wall.jobCard(number).getByTestId('job-status').count()).toBe(0);
    await wall.page.getByText('Read-only').waitFor();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const { width, height } = VIEWPORTS[viewport];
    it(`renders every section at ${width}×${height} without sideways scrolling`, async () => {
      const context = await rig.device(viewport);
      const page = await context.newPage();
      const board = new BoardPage(page, rig.relay.httpUrl);
      const size = `${width}x${height}`;

      await board.open('/board');
      await board.signInForm.waitFor();
      await page.screenshot({ path: screenshotPath(`sign-in-${size}`) });
      expect(await horizontalOverflow(board, width)).toBeLessThanOrEqual(0);

      const org = `views-${viewport}`;
      await board.signInWithLink(await rig.token({ org, role: 'dispatcher', sub: 'hana', name: 'Hana Dispatcher' }));
      const urgent = await board.createJob(aJob({ customerName: 'Lakeside Clinic', priority: 'urgent', type: 'emergency' }));
      const scheduled = await board.createJob(aJob({ customerName: 'Harbor View Apartments', priority: 'high' }));
      await board.createJob(aJob({ customerName: 'Greenleaf Bakery', type: 'maintenance', priority: 'low' }));
      await board.setStatus(scheduled, 'scheduled');
      await board.setStatus(urgent, 'dispatched');
      await board.waitForSync('synced', 0);
      await page.evaluate(() => window.scrollTo(0, 0));

      for (const section of SECTIONS) {
        await board.navigate(section);
        await page.waitForURL(`**/${section.toLowerCase()}`);
        expect(await page.locator('header h1').textContent()).toBe(section);
        expect(await board.syncStatus.isVisible()).toBe(true);
        expect(await horizontalOverflow(board, width)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: screenshotPath(`${section.toLowerCase()}-${size}`) });
      }

      if (viewport === 'phone') {
        await page.getByRole('button', { name: 'More' }).click();
        await page.locator('#more-menu').waitFor();
        await page.screenshot({ path: screenshotPath(`more-menu-${size}`) });
        await page.keyboard.press('Escape');
        await board.navigate('Board');
        await board.openNewJobForm();
        await page.screenshot({ path: screenshotPath(`board-form-open-${size}`) });
      }

      await page.emulateMedia({ colorScheme: 'dark' });
      await board.navigate('Board');
      await page.screenshot({ path: screenshotPath(`board-dark-${size}`) });
    });
  }
});
