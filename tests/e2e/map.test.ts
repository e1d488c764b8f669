/**
 * The Map view on the demo company: the offline San Francisco basemap and the job markers
 * render in headless Chromium (software WebGL), and again with the network cut after the
 * first visit, from the service worker's caches. A screenshot is kept for review.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';
import { MapPage } from './pages/map-page';

const ORG = 'map-demo';
let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let board: BoardPage;
let map: MapPage;
/** Basemap files answered by the network instead of the service worker's cache while offline. */
const offlineNetworkHits: string[] = [];

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

  it('renders the basemap and markers again with the network disabled', async () => {
    context.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/basemap/') && !response.fromServiceWorker()) offlineNetworkHits.push(path);
    });
    await context.setOffline(true);
    await board.page.reload();
    await map.waitForIdle();
    const offline = await map.waitForMarkers();
    expect(offline.status).toBe('ready');
    expect(offline.renderedJobs).toBeGreaterThan(5);
    expect(offline.basemapFeatures).toBeGreaterThan(50);
    expect(await board.isControlled()).toBe(true);
    expect(offlineNetworkHits).toEqual([]);
    await board.page.screenshot({ path: screenshotPath('map-offline') });
  });

  it("shows a technician's day and opens a job's panel from it", async () => {
    const firstTech = board.page.getByRole('complementary', { name: 'Map legend and technicians' }).locator('.techs button').first();
    await firstTech.click();
    const day = board.page.getByTestId('technician-day');
    await day.waitFor();
    expect(await firstTech.getAttribute('aria-pressed')).toBe('true');
    const stops = day.locator('ol li button');
    if ((await stops.count()) > 0) {
      const label = (await stops.first().textContent()) ?? '';
      const number = /J-[\w-]+/.exec(label)?.[0];
      await stops.first().click();
      await board.page.locator(`[data-testid="job-panel"][data-job-number="${number}"]`).waitFor();
    } else {
      expect(await day.textContent()).toContain('Nothing booked today');
    }
  });
});
