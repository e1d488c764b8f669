/**
 * A long New column and long swimlanes on the demo company: a fresh urgent call shows among
 * the urgent ones at the top of New, lanes are capped and foldable (remembered on the device),
 * and the column headers stay in view while the lanes scroll.
 */
import type { BrowserContext, Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const ORG = 'lanes-org';
const URGENCY = ['urgent', 'high', 'normal', 'low'];
/** Cards a lane cell shows before "Show more" (BoardLanes.svelte). */
const LANE_CAP = 4;

const rig = useBrowserRig();
let context: BrowserContext;
let board: BoardPage;

beforeAll(async () => {
  context = await rig.device();
  board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana Dispatcher' }));
  await board.page.getByTestId('load-demo').click({ timeout: 30_000 });
  await board.page.locator('[data-testid="job-card"]').nth(20).waitFor({ timeout: 30_000 });
  await board.waitForSync('synced', 0, 30_000);
});

function lane(id: string): Locator {
  return board.page.locator(`[data-testid="board-lane"][data-lane="${id}"]`);
}

describe('New column and swimlanes', () => {
  it('orders New by urgency, so a fresh urgent call is not at the bottom', async () => {
    const number = await board.createJob(aJob({ priority: 'urgent', customerName: `Urgent caller ${process.pid}` }));
    const cards = board.column('new').locator('[data-testid="job-card"]');
    const priorities = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-priority') ?? ''));
    const numbers = await board.columnNumbers('new');
    expect(numbers.length).toBeGreaterThan(10);
    const ranks = priorities.map((p) => URGENCY.indexOf(p));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const at = numbers.indexOf(number);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(priorities.filter((p) => p === 'urgent').length);
  });

  it('caps each lane cell, folds a lane and remembers it, and keeps the headers in view', async () => {
    await board.page.getByLabel('By technician').check();
    const lanes = board.page.getByTestId('board-lanes');
    await lanes.waitFor();
    const unassigned = lane('unassigned');
    const perCell = await unassigned.locator('[data-cell]').evaluateAll((cells) => cells.map((c) => c.querySelectorAll('[data-testid="job-card"]').length));
    expect(Math.max(...perCell)).toBeLessThanOrEqual(LANE_CAP);
    const more = unassigned.getByTestId('show-more').first();
    await more.waitFor();
    // Lanes are grid rows (display: contents): measure a lane by its name cell.
    const firstTech = board.page.locator('[data-testid="board-lane"]').nth(1).getByTestId('lane-name');
    const lanesTop = (await lanes.boundingBox())!.y;
    expect((await firstTech.boundingBox())!.y - lanesTop).toBeLessThan(1500);

    // "Show more" opens a cell; folding hides the lane's cards, and the fold survives a reload.
    const before = await unassigned.locator('[data-testid="job-card"]').count();
    await more.click();
    await expect.poll(() => unassigned.locator('[data-testid="job-card"]').count()).toBeGreaterThan(before);
    await unassigned.getByTestId('lane-toggle').click();
    await board.page.locator('[data-testid="board-lane"][data-lane="unassigned"][data-collapsed="true"]').waitFor();
    expect(await unassigned.locator('[data-testid="job-card"]').count()).toBe(0);
    await board.page.reload();
    await board.waitForBoard();
    await board.page.locator('[data-testid="board-lane"][data-lane="unassigned"][data-collapsed="true"]').waitFor();
    expect(await unassigned.getByTestId('lane-toggle').getAttribute('aria-expanded')).toBe('false');
    await unassigned.getByTestId('lane-toggle').click();
    await board.page.locator('[data-testid="board-lane"][data-lane="unassigned"][data-collapsed="false"]').waitFor();

    // Scrolled down inside the lanes, the column headers stay at the top of the view.
    const header = lanes.locator('.colhead').first();
    await lanes.evaluate((el) => el.scrollBy(0, 800));
    await expect.poll(() => lanes.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const top = (await lanes.boundingBox())!.y;
    expect(Math.abs((await header.boundingBox())!.y - top)).toBeLessThanOrEqual(2);
    await board.page.getByLabel('By technician').uncheck();
  });
});
