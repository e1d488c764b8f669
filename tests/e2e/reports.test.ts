/**
 * The live KPI dashboard on the demo company: a manager's /reports renders from the reporting
 * projection; a job a dispatcher completes on another device moves the manager's numbers and
 * charts in place within a second (same canvas, one chart creation); filters narrow every
 * number; every number drills down to the jobs behind it; /wall?view=kpi shows the key charts;
 * the projection's rows stay in IndexedDB. Screenshots in test-results/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';

const ORG = 'demo-reports';
let relay: RelayProcess;
let browser: Browser;
let dispatcherContext: BrowserContext;
let managerContext: BrowserContext;
let dispatcher: BoardPage;
let manager: Page;

const tile = (name: string) => manager.getByTestId(`kpi-${name}`);
const countOf = async (name: string) => Number(await tile(name).getAttribute('data-count'));
const canvasData = (testId: string) =>
  manager.getByTestId(testId).evaluate((c: HTMLCanvasElement & { reportMarker?: string }) => ({ creations: c.dataset.chartCreations, updates: Number(c.dataset.chartUpdates), marker: c.reportMarker ?? null }));

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  dispatcherContext = await newDevice(browser);
  dispatcher = new BoardPage(await dispatcherContext.newPage(), relay.httpUrl);
  await dispatcher.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana Dispatcher' }));
  await dispatcher.page.getByTestId('load-demo').click();
  await dispatcher.page.locator('[data-testid="job-card"]').nth(20).waitFor({ timeout: 30_000 });
  await dispatcher.waitForSync('synced', 0, 30_000);

  managerContext = await newDevice(browser);
  const managerBoard = new BoardPage(await managerContext.newPage(), relay.httpUrl);
  await managerBoard.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'manager', sub: 'mia', name: 'Mia Manager' }));
  await managerBoard.waitForBoard();
  manager = managerBoard.page;
}, 120_000);

afterAll(async () => {
  await dispatcherContext?.close();
  await managerContext?.close();
  await browser?.close();
  await relay?.kill();
});

/** A demo job that is on site, putting one there first when none is. */
async function jobOnSite(): Promise<string> {
  const onSite = await dispatcher.columnNumbers('on_site');
  if (onSite[0]) return onSite[0];
  for (const status of ['en_route', 'dispatched']) {
    const [number] = await dispatcher.columnNumbers(status);
    if (number) {
      await dispatcher.setStatus(number, 'on_site');
      return number;
    }
  }
  throw new Error('the demo company has no job on its way or on site');
}

describe('reports dashboard', () => {
  it('renders the demo company’s numbers and charts from the projection', async () => {
    await manager.goto(`${relay.httpUrl}/reports`);
    await manager.locator('[data-testid="reports"][data-ready="true"]').waitFor({ timeout: 30_000 });
    // Five job charts, and the four money charts a manager (finance reader) sees.
    await expect.poll(() => manager.locator('canvas[data-chart-creations="1"]').count(), { timeout: 10_000 }).toBe(9);
    // The page was loaded afresh: the rows follow the board as its copy loads and syncs.
    await manager.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-time-to-resolve"]')?.getAttribute('data-count')) > 0, undefined, { polling: 50, timeout: 30_000 });
    expect(await countOf('first-time-fix')).toBeGreaterThan(0);
    const open = await manager.getByTestId('chart-open').evaluate((c) => (c as HTMLCanvasElement).width);
    expect(open).toBeGreaterThan(0);
    // Each number says its formula and count.
    expect(await tile('first-time-fix').getAttribute('title')).toMatch(/jobs resolved on the first visit ÷ resolved jobs.*Based on \d+ jobs/);
    await manager.screenshot({ path: screenshotPath('reports-dashboard-1920x1080'), fullPage: true });
  });

  it('moves the numbers and the chart in place within 1 s when another device completes a job', async () => {
    const number = await jobOnSite();
    await manager.getByTestId('chart-per-day').evaluate((c: HTMLCanvasElement & { reportMarker?: string }) => (c.reportMarker = 'first'));
    const resolvedBefore = await countOf('time-to-resolve');
    const chartBefore = await canvasData('chart-per-day');
    const panel = await dispatcher.openPanel(number);
    const started = Date.now();
    await panel.getByTestId('panel-status').selectOption('completed');
    await manager.waitForFunction((n) => Number(document.querySelector('[data-testid="kpi-time-to-resolve"]')?.getAttribute('data-count')) === n, resolvedBefore + 1, { polling: 20, timeout: 5_000 });
    const elapsed = Date.now() - started;
    await manager.waitForFunction((n) => Number((document.querySelector('[data-testid="chart-per-day"]') as HTMLCanvasElement).dataset.chartUpdates) > n, chartBefore.updates, { polling: 20, timeout: 1_000 });
    const chartAfter = await canvasData('chart-per-day');
    expect(elapsed).toBeLessThan(1_000);
    expect(chartAfter).toMatchObject({ creations: '1', marker: 'first' });
    expect(chartAfter.updates).toBeGreaterThan(chartBefore.updates);
    await dispatcher.closePanel();
  });

  it('narrows every number by job type and widens it back', async () => {
    const all = await countOf('time-to-resolve');
    await manager.getByTestId('filter-type').selectOption('repair');
    await manager.waitForFunction((n) => Number(document.querySelector('[data-testid="kpi-time-to-resolve"]')?.getAttribute('data-count')) < n, all, { polling: 20, timeout: 5_000 });
    expect(await countOf('time-to-resolve')).toBeGreaterThan(0);
    expect(await manager.locator('canvas[data-chart-creations="1"]').count()).toBe(9);
    await manager.getByTestId('filter-type').selectOption('');
    await manager.waitForFunction((n) => Number(document.querySelector('[data-testid="kpi-time-to-resolve"]')?.getAttribute('data-count')) === n, all, { polling: 20, timeout: 5_000 });
  });

  it('drills down from a number to the jobs behind it and opens one', async () => {
    const count = await countOf('time-to-resolve');
    await tile('time-to-resolve').click();
    const list = manager.getByTestId('drill-down');
    await list.waitFor();
    expect(await list.getByTestId('drill-job').count()).toBe(Math.min(count, 200));
    await manager.screenshot({ path: screenshotPath('reports-drill-down-1920x1080'), fullPage: true });
    const link = list.getByTestId('drill-job').first().getByRole('link');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/jobs\/.+/);
    await link.click();
    await manager.waitForURL(`**${href}`);
  });

  it('shows the key charts on the wall screen’s KPI view', async () => {
    await manager.goto(`${relay.httpUrl}/wall?view=kpi`);
    await manager.locator('[data-testid="wall-kpis"][data-ready="true"]').waitFor({ timeout: 30_000 });
    // The three job charts and revenue (a manager reads finance).
    await expect.poll(() => manager.locator('[data-testid="wall-kpis"] canvas[data-chart-creations="1"]').count(), { timeout: 10_000 }).toBe(4);
    await manager.screenshot({ path: screenshotPath('wall-kpis-1920x1080') });
  });

  it('keeps the projection on the device, one row per job, for the next open', async () => {
    const rows = () =>
      manager.evaluate(
        (name) =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('summaries').objectStore('summaries').count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
            };
          }),
        `fieldboard-reports:${ORG}/board`
      );
    await expect.poll(rows, { timeout: 10_000 }).toBeGreaterThan(100);
  });
});
