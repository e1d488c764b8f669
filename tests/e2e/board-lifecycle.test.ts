/**
 * The lifecycle on the board: a move the lifecycle does not allow (new → paid) is refused with
 * the reason, by mouse and by keyboard, and the card stays where it was; allowed moves by
 * keyboard land where the user put them.
 */
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const rig = useBrowserRig();
let context: BrowserContext;
let board: BoardPage;

beforeAll(async () => {
  context = await rig.device();
  board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org: 'lifecycle-org', role: 'dispatcher', sub: 'lee', name: 'Lee Dispatcher' }));
});

describe('moves the lifecycle does not allow', () => {
  it('refuses dragging a new job to Paid with the reason and leaves the card in New', async () => {
    const number = await board.createJob(aJob({ customerName: 'Mission Dental' }));
    await board.page.getByLabel('Finished').check();
    await board.column('paid').waitFor();
    await board.dragCard(number, 'paid');
    const alert = board.page.locator('[data-testid="notice"][data-level="error"]').filter({ hasText: number });
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toMatch(/can't go from New to Paid/);
    expect(await board.statusOf(number)).toBe('new');
    expect(await board.columnNumbers('new')).toContain(number);
    await board.page.screenshot({ path: screenshotPath('board-refused-move-1920x1080') });
    await board.page.getByLabel('Finished').uncheck();
  });

  it('refuses a keyboard move from New to En route and announces why', async () => {
    const number = await board.createJob(aJob({ customerName: 'Sunset Laundromat' }));
    await board.keyboardMove(number, ['ArrowRight', 'ArrowRight', 'ArrowRight']);
    await board.page.locator('[data-testid="notice"][data-level="error"]').filter({ hasText: number }).waitFor({ timeout: 10_000 });
    expect(await board.announcer.textContent()).toMatch(/Not moved\. A job can't go from New to En route/);
    expect(await board.statusOf(number)).toBe('new');
    // Focus is back on the card, ready for the next try.
    expect(await board.page.evaluate(() => document.activeElement?.getAttribute('data-job-number'))).toBe(number);
  });

  it('moves a card by keyboard to the next column and to the top of a column', async () => {
    const first = await board.createJob(aJob({ customerName: 'Excelsior Hardware' }));
    const second = await board.createJob(aJob({ customerName: 'Outer Richmond Deli' }));
    await board.keyboardMove(first, ['ArrowRight']);
    await board.waitForStatus(first, 'scheduled');
    await board.keyboardMove(second, ['ArrowRight', 'ArrowUp']);
    await board.waitForStatus(second, 'scheduled');
    expect((await board.columnNumbers('scheduled')).slice(0, 2)).toEqual([second, first]);
    expect(await board.announcer.textContent()).toMatch(new RegExp(`Dropped ${second} in Scheduled`));
  });

  it('moves a card with the mouse to an allowed column', async () => {
    const number = await board.createJob(aJob({ customerName: 'Bayview Auto Body' }));
    await board.dragCard(number, 'dispatched');
    await board.waitForStatus(number, 'dispatched');
  });
});
