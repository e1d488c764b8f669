/**
 * The Map view on the demo company: the offline San Francisco basemap and the job markers
 * render in headless Chromium (software WebGL), and again with the network cut after the
 * first visit, from the service worker's caches. A screenshot is kept for review. A job's
 * marker opens its details with "Suggest technician" (top 3 with reasons) and Assign.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { orgTimeOn } from '../clock';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { MapPage } from './pages/map-page';

const ORG = 'map-demo';
let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let board: BoardPage;
let map: MapPage;
/** The job pinned, assigned and booked for today by the pin test, and its technician. */
let pinnedNumber = '';
let techName = '';
/** Basemap requests that failed while offline (the cache should answer them all). */
const offlineFailures: string[] = [];

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  context = await newDevice(browser);
  board = new BoardPage(await context.newPage(), relay.httpUrl);
  map = new MapPage(board.page);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana Dispatcher' }));
  await board.page.getByTestId('load-demo').click({ timeout: 30_000 });
  await board.page.locator('[data-testid="job-card"]').nth(20).waitFor({ timeout: 30_000 });
  await board.waitForSync('synced', 0, 30_000);
  // The app shell is precached before the map is first opened, as on a real device.
  await board.waitForOfflineReady();
});

function sidebarTechnicians() {
  return board.page.getByRole('complementary', { name: 'Map legend and technicians' }).locator('.techs button');
}

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await relay?.kill();
});

describe('map view', () => {
  it('draws the offline basemap and the demo jobs, and stores the basemap for offline use', async () => {
    await board.navigate('Map');
    await map.waitForIdle();
    const online = await map.waitForMarkers();
    expect(online.styleSource).toBe('offline');
    expect(online.renderedJobs).toBeGreaterThan(5);
    expect(online.basemapFeatures).toBeGreaterThan(50);
    await map.waitForOfflineBasemap();
    // Attribution required by the OpenStreetMap and Protomaps licences.
    const attribution = await board.page.locator('.maplibregl-ctrl-attrib').textContent();
    expect(attribution).toContain('© OpenStreetMap contributors');
    expect(attribution).toContain('Protomaps');
  });

  it('lets a dispatcher pin a new site, then open and assign its job from the marker', async () => {
    await board.navigate('Board');
    const address = `${process.pid} Pier Test Road`;
    const number = await board.createJob(aJob({ siteAddress: address }));
    await board.navigate('Map');
    await map.waitForIdle();
    const before = (await map.waitForMarkers()).renderedJobs;
    const row = board.page.getByTestId('unplaced-sites').getByRole('listitem').filter({ hasText: address });
    await row.getByRole('button', { name: 'Drop pin' }).click();
    await board.page.getByTestId('pin-banner').getByText(address).waitFor();

    // Open water west of the Golden Gate at this viewport: no other job can be under the pin.
    const spot = { x: 120, y: 140 };
    await map.map.click({ position: spot });
    await board.page.getByTestId('pin-banner').waitFor({ state: 'hidden' });
    expect(await board.page.getByTestId('unplaced-sites').filter({ hasText: address }).count()).toBe(0);
    await map.waitForRenderedJobs(before + 1);

    await map.map.click({ position: spot });
    const panel = board.page.locator(`[data-testid="job-panel"][data-job-number="${number}"]`);
    await panel.waitFor();
    techName = ((await sidebarTechnicians().first().textContent()) ?? '').trim();
    const box = panel.getByTestId('panel-technicians').getByLabel(techName, { exact: true });
    await box.check();
    await board.page.waitForFunction((n) => document.querySelector(`[data-testid="job-panel"][data-job-number="${n}"] [data-testid="panel-technicians"] input:checked`) !== null, number);
    // A visit starting now (device-local input) falls on the organisation's today.
    const [start, end] = await board.page.evaluate(() => {
      const local = (at: number) => new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      return [local(Date.now()), local(Date.now() + 3600_000)];
    });
    await panel.getByLabel('Visit starts').fill(start!);
    await panel.getByLabel('Visit ends').fill(end!);
    await panel.getByRole('button', { name: 'Save window' }).click();
    await board.page.getByText('Visit window saved.').waitFor();
    await panel.getByRole('button', { name: 'Close details' }).click();
    pinnedNumber = number;
  });

  it('renders the basemap and markers again with the network disabled', async () => {
    // With the network cut, any basemap file the worker's cache did not answer fails.
    context.on('requestfailed', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/basemap/')) offlineFailures.push(path);
    });
    await context.setOffline(true);
    await board.page.reload();
    await map.waitForIdle();
    const offline = await map.waitForMarkers();
    expect(offline.status).toBe('ready');
    expect(offline.renderedJobs).toBeGreaterThan(5);
    expect(offline.basemapFeatures).toBeGreaterThan(50);
    expect(await board.isControlled()).toBe(true);
    expect(offlineFailures).toEqual([]);
    await board.page.screenshot({ path: screenshotPath('map-offline') });
  });

  it("shows a technician's day in window order and opens a job from it", async () => {
    const button = sidebarTechnicians().filter({ hasText: techName });
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    const day = board.page.getByTestId('technician-day');
    await day.getByText(`${techName}: today`).waitFor();
    const times = (await day.getByRole('listitem').allTextContents()).map((text) => /\d{2}:\d{2}/.exec(text)?.[0] ?? 'missing');
    expect(times).toEqual([...times].sort());
    await map.waitForIdle();
    await board.page.screenshot({ path: screenshotPath('map-technician-day') });
    const stop = day.getByRole('button').filter({ hasText: pinnedNumber });
    await stop.click();
    await board.page.locator(`[data-testid="job-panel"][data-job-number="${pinnedNumber}"]`).waitFor();
  });

  it("suggests technicians from a job's marker, with reasons, and books one in a click (offline too)", async () => {
    // The pinned job sits alone in open water: its marker opens its details.
    const open = board.page.getByTestId('job-panel');
    if (await open.isVisible()) await open.getByRole('button', { name: 'Close details' }).click();
    await open.waitFor({ state: 'hidden' });
    await map.waitForIdle();
    await map.map.click({ position: { x: 120, y: 140 } });
    const panel = board.page.locator(`[data-testid="job-panel"][data-job-number="${pinnedNumber}"]`);
    await panel.waitFor();
    const suggest = panel.getByTestId('panel-suggest');
    // Tomorrow 10:00–14:00 in the organisation's zone, typed in the device's (London) clock.
    const local = (at: Date) => new Date(at.getTime() + 60 * 60_000).toISOString().slice(0, 16);
    await suggest.getByLabel('Window from').fill(local(orgTimeOn(1, '10:00')));
    await suggest.getByLabel('to', { exact: true }).fill(local(orgTimeOn(1, '14:00')));
    await suggest.getByRole('button', { name: 'Suggest technician' }).click();

    const items = suggest.getByTestId('suggestion');
    await items.first().waitFor();
    const count = await items.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(3);
    // Every suggestion says why: skills, free gap, travel, workload, history, SLA.
    for (const text of await items.locator('.why').allTextContents()) expect(text).toMatch(/^No special skills needed · free \d{2}:\d{2}–\d{2}:\d{2} · \d+ min from (home base|previous visit) · .+ · .+ · (no SLA|meets SLA with .+|misses SLA by .+)$/);
    const first = items.first();
    const slotStart = (await first.getAttribute('data-slot-start'))!;
    expect(Date.parse(slotStart)).toBeGreaterThanOrEqual(orgTimeOn(1, '10:00').getTime());
    const name = ((await first.locator('strong').textContent()) ?? '').trim();
    await board.page.screenshot({ path: screenshotPath('map-suggest') });

    await first.getByRole('button', { name: /^Assign & book/ }).click();
    await board.page.getByText(new RegExp(`^${pinnedNumber} assigned to ${name}, `)).waitFor();
    // One click: the suggested technician alone, on the suggested slot.
    const techs = panel.getByTestId('panel-technicians');
    await expect.poll(() => techs.getByLabel(name, { exact: true }).isChecked()).toBe(true);
    expect(await techs.locator('input:checked').count()).toBe(1);
    expect(await panel.getByLabel('Visit starts').inputValue()).toBe(local(new Date(slotStart)));
    expect(await suggest.getByTestId('suggestion').count()).toBe(0);
  });
});
