/**
 * Issue 13, archived months on demand: a new device (fresh browser context) that never saw the
 * archived jobs live still counts them in /reports over a range covering their months — it
 * opens those months, derives and saves their rows (offline it says which months it could not
 * reach, then loads them once back online) — and finds an archived job by number through
 * "Search archived work", which opens only the month the markers' numbers name.
 * The archive is made through the real relay by a Node admin client (runArchive).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zonedParts } from '../../src/lib/domain/time/zoned';
import { archivePlan } from '../../src/lib/sync/archiver';
import { testNow, TEST_TIME_ZONE } from '../clock';
import { jobEndingAt } from '../factories/archive-jobs';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { ARCHIVE_SEEDER as SEED, archiveThroughRelay, seedOfficeAndCustomer } from './archive-support';
import { nodeBoard } from './board-support';
import { launchBrowser, newDevice } from './browser';
import { ArchivedSearchPanel, ReportsPage } from './pages/archive-reach-pages';
import { BoardPage } from './pages/board-page';

const ORG = 'archive-reach-org';
const DAY = 86_400_000;
/** Days before the test clock each archived job closed: two months (early March and mid February 2026). */
const ARCHIVED_DAYS_AGO = [100, 101, 120];
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
const seeded = { archived: [] as Array<{ id: string; number: string; month: string }>, months: [] as string[] };

const localDay = (daysAgo: number) => zonedParts(testNow().getTime() - daysAgo * DAY, TEST_TIME_ZONE).date;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const customerId = seedOfficeAndCustomer(board, 'Harbor Creamery');
    const ids = ARCHIVED_DAYS_AGO.map((days) => jobEndingAt(board, 'closed', new Date(testNow().getTime() - days * DAY).toISOString(), customerId, SEED, 'SEED'));
    // Closed yesterday: stays live, outside the report range below.
    jobEndingAt(board, 'closed', new Date(testNow().getTime() - DAY).toISOString(), customerId, SEED, 'SEED');
    await confirmed();
    const plan = archivePlan(board, testNow());
    for (const [month, candidates] of plan) {
      for (const { jobId } of candidates) seeded.archived.push({ id: jobId, number: board.getJob(jobId)!.number, month });
    }
    seeded.months = [...plan.keys()];
    if (seeded.archived.length !== ids.length || seeded.months.length !== 2) throw new Error(`archive seed plan ${JSON.stringify(seeded)}`);
    await archiveThroughRelay(relay, ORG, board, connection, plan, ids.length);
  } finally {
    connection.destroy();
  }
}, 90_000);

afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

async function freshManager(): Promise<BoardPage> {
  const context = await newDevice(browser, 'desktop');
  contexts.push(context);
  const board = new BoardPage(await context.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'manager', sub: 'mia', name: 'Mia Manager' }));
  await board.waitForSync('synced');
  return board;
}

describe('archived months on demand', () => {
  it('counts archived jobs in reports on a new device, saying which months it could not reach while offline', { timeout: 120_000 }, async () => {
    const board = await freshManager();
    const reports = new ReportsPage(board.page, relay.httpUrl);
    await reports.open();
    // The default range (the last two weeks) covers no archive month: nothing to load.
    expect(await reports.archiveLoading.count()).toBe(0);

    await board.page.context().setOffline(true);
    await board.waitForSync('offline');
    await reports.setRange(localDay(125), localDay(95));
    await expect.poll(async () => (await reports.archiveUnreachable.textContent().catch(() => '')) ?? '', { timeout: 20_000 }).toMatch(/February 2026.*March 2026|March 2026.*February 2026/);
    expect(await reports.archiveUnreachable.textContent()).toContain('the figures exclude');
    expect(await reports.countOf('time-to-resolve')).toBe(0);

    await board.page.context().setOffline(false);
    await expect.poll(() => reports.countOf('time-to-resolve'), { timeout: 40_000 }).toBe(ARCHIVED_DAYS_AGO.length);
    await expect.poll(() => reports.archiveUnreachable.count(), { timeout: 10_000 }).toBe(0);
    expect(await reports.archiveLoading.count()).toBe(0);
    // Saved like every row: the next open reads them from this device.
    await expect.poll(async () => (await reports.savedRowIds(ORG)).filter((id) => seeded.archived.some((j) => j.id === id)).length, { timeout: 10_000 }).toBe(ARCHIVED_DAYS_AGO.length);
  });

  it('finds an archived job by number through Search archived work, opening only its month, and opens it', { timeout: 120_000 }, async () => {
    const board = await freshManager();
    const target = seeded.archived.find((j) => j.month === seeded.months[0])!;
    const search = new ArchivedSearchPanel(board.page);
    await search.type(target.number);
    expect(await board.jobCards.count()).toBe(0);
    await search.start.click();
    await expect.poll(async () => (await search.progress.textContent()) ?? '', { timeout: 30_000 }).toContain('Searched 1 archived month.');
    expect(await search.progress.textContent()).toContain('1 more could not hold this number');
    expect(await search.results.count()).toBe(1);
    const listed = (await search.results.first().textContent()) ?? '';
    expect(listed).toContain(target.number);
    expect(listed).toContain('Mission Bakery');
    const job = await search.openResult(target.number);
    expect(await job.textContent()).toContain('Closed');
  });
});
