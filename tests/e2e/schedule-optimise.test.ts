/**
 * "Optimise day" on the Schedule (issue 8): a technician's four visits booked north, south,
 * north, south across San Francisco are flagged as travel gaps that cannot be driven in time
 * (on the schedule, the board card and the wall screen);
 * the dispatcher optimises the day from the keyboard, sees the drive minutes saved, applies, and
 * the row's order changes (flags cleared) for them and, live, for a second dispatcher and the wall.
 * Against the built app, the real relay and the real optimiser Web Worker.
 *
 * Fixed instants: `?day=2026-03-03` (a Tuesday; the office is in Los Angeles, UTC−8 that day).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard } from './board-support';
import { launchBrowser, newDevice } from './browser';
import { BoardPage } from './pages/board-page';
import { SchedulePage } from './pages/schedule-page';

const ORG = 'schedule-optimise-org';
const DAY = '2026-03-03';
const CREATED = new Date('2026-03-02T16:00:00.000Z');
const TECH = 'Ana Lopez';
const TIMEOUT = 20_000;

let relay: RelayProcess;
let browser: Browser;
let seeded: { ids: string[]; numbers: string[] };
const contexts: BrowserContext[] = [];

// Seeded once for both tests; the second only reads Ben's row, which the first never changes.
beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  seeded = await seedZigzagDay();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await relay?.kill();
});

/** Ana (home base in the Mission) with four one-hour visits zigzagging across the city: visit ids and job numbers in booked order. */
async function seedZigzagDay(): Promise<{ ids: string[]; numbers: string[] }> {
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const dir = board.directory;
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const office = dir.createOffice({ name: 'Mission', code: 'SF-M', timeZone: 'America/Los_Angeles' }, 'office-m');
    const customer = dir.createCustomer({ name: 'Bay Cafes' });
    if (!office.ok || !customer.ok) throw new Error('seed');
    const tech = dir.createTechnician({ name: TECH, officeId: 'office-m', homeBase: { label: 'Shop', location: { lat: 37.7599, lng: -122.4148 } } }, 'tech-ana');
    // Ben has no home base: his day cannot be planned, and the dialog says why.
    const ben = dir.createTechnician({ name: 'Ben Okafor', officeId: 'office-m' }, 'tech-ben');
    if (!tech.ok || !ben.ok) throw new Error('seed technician');
    const stops: Array<[string, number, number, string]> = [
      ['Pier 39', 37.808, -122.4177, '16:30'], // Fisherman's Wharf, 08:30 local
      ['4700 Mission St', 37.7244, -122.4339, '18:00'], // Excelsior, 10:00
      ['2000 Chestnut St', 37.8037, -122.4368, '19:30'], // Marina, 11:30
      ['4900 3rd St', 37.7299, -122.3925, '21:00'] // Bayview, 13:00
    ];
    const ids: string[] = [];
    const numbers: string[] = [];
    for (const [address, lat, lng, startZ] of stops) {
      const site = dir.createSite({ customerId: customer.value.id, address, location: { lat, lng } });
      if (!site.ok) throw new Error('seed site');
      const job = board.createJob({ customerName: 'Bay Cafes', problem: 'Espresso machine down', customerId: customer.value.id, siteId: site.value.id, estimatedMinutes: 60 }, seeder, 'SEED', CREATED);
      if (!job.ok) throw new Error('seed job');
      const start = `${DAY}T${startZ}:00.000Z`;
      const end = new Date(Date.parse(start) + 3_600_000).toISOString();
      const booked = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-ana'], start, end }, seeder, CREATED);
      if (!booked.ok) throw new Error(`seed visit: ${booked.error}`);
      // Ben gets a second visit at the first two sites (an hour later than Ana there).
      if (ids.length < 2) {
        const later = new Date(Date.parse(start) + 3_600_000).toISOString();
        const his = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-ben'], start: later, end: new Date(Date.parse(later) + 1_800_000).toISOString() }, seeder, CREATED);
        if (!his.ok) throw new Error(`seed visit: ${his.error}`);
      }
      ids.push(booked.visit.id);
      numbers.push(job.job.number);
    }
    await confirmed();
    return { ids, numbers };
  } finally {
    connection.destroy();
  }
}

async function signedIn(sub: string, name: string): Promise<BoardPage> {
  const context = await newDevice(browser);
  contexts.push(context);
  const board = new BoardPage(await context.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub, name }));
  await board.waitForSync('synced', 0);
  return board;
}

async function dispatcher(sub: string, name: string): Promise<{ schedule: SchedulePage; board: BoardPage }> {
  const board = await signedIn(sub, name);
  const schedule = new SchedulePage(board.page, relay.httpUrl);
  await schedule.open(DAY);
  return { schedule, board };
}

const wallGap = (wall: BoardPage, number: string) => wall.page.locator(`[data-testid="wall-card"][data-job-number="${number}"] [data-testid="wall-travel-gap"]`);

describe('optimise day', () => {
  it('flags the zigzag day, optimises it from the keyboard, applies, and both dispatchers see the new order', async () => {
    const { ids: booked, numbers } = seeded;
    const { schedule: alice, board: aliceBoard } = await dispatcher('alice', 'Alice North');
    const bob = (await dispatcher('bob', 'Bob Mission')).schedule;
    const wall = await signedIn('carol', 'Carol Wall');
    await wall.open('/wall');
    for (const page of [alice, bob]) {
      await page.page.locator(`[data-testid="tech-row"][data-tech-name="${TECH}"] [data-testid="visit-block"]`).nth(3).waitFor({ timeout: TIMEOUT });
      expect(await page.visitOrder(TECH)).toEqual(booked);
    }
    // 30 minutes between visits across the city is not enough: the gaps are flagged.
    await alice.visit(booked[0]!).and(alice.page.locator('[data-conflict="true"]')).waitFor({ timeout: TIMEOUT });
    expect(await alice.visit(booked[0]!).getByRole('button').getAttribute('title')).toMatch(/Ana Lopez needs \d+ min to drive between these visits but has 30 min\./);
    // …on the board card and on the wall screen too.
    await aliceBoard.open('/board');
    await aliceBoard.waitForBoard();
    await aliceBoard.jobCard(numbers[0]!).getByTestId('card-travel-gap').waitFor({ timeout: TIMEOUT });
    await wallGap(wall, numbers[0]!).waitFor({ timeout: TIMEOUT });
    await alice.open(DAY);

    const saved = await alice.optimiseDay(TECH);
    expect(saved).toBeGreaterThan(0);
    const proposed = await alice.page.getByTestId('optimise-order').locator('li').evaluateAll((els) => els.map((el) => el.getAttribute('data-visit-id')));
    expect(proposed).not.toEqual(booked);
    expect([...proposed].sort()).toEqual([...booked].sort());
    await alice.applyOptimisation();

    // The row now follows the proposed order, here and on Bob's device, with no travel flags left.
    for (const page of [alice, bob]) {
      await expect.poll(() => page.visitOrder(TECH), { timeout: TIMEOUT, interval: 200 }).toEqual(proposed);
      await expect.poll(() => page.page.locator('[data-testid="visit-block"][data-conflict="true"]').count(), { timeout: TIMEOUT, interval: 200 }).toBe(0);
    }
    for (const number of numbers) {
      await wall.page.locator(`[data-testid="wall-card"][data-job-number="${number}"]`).waitFor({ timeout: TIMEOUT });
      await wallGap(wall, number).waitFor({ state: 'detached', timeout: TIMEOUT });
    }
  });

  it('says why a day cannot be optimised (no home base), and changes nothing', async () => {
    const { schedule } = await dispatcher('dana', 'Dana Dispatcher');
    await schedule.page.locator('[data-testid="tech-row"][data-tech-name="Ben Okafor"] [data-testid="visit-block"]').nth(1).waitFor({ timeout: TIMEOUT });
    const before = await schedule.visitOrder('Ben Okafor');
    const dialog = schedule.page.getByTestId('optimise-dialog');
    await schedule.page.locator('[data-testid="tech-row"][data-tech-name="Ben Okafor"] [data-testid="optimise-day"]').focus();
    await schedule.page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('optimise-error').textContent(), { timeout: TIMEOUT, interval: 200 }).toContain('Ben Okafor has no home base location');
    expect(await dialog.getByRole('button', { name: 'Apply' }).count()).toBe(0);
    await schedule.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });
    expect(await schedule.visitOrder('Ben Okafor')).toEqual(before);
  });
});
