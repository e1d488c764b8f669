/**
 * A new deployment reaches an open tab as an "Update available" banner (service worker in
 * prompt mode) instead of replacing the app under the user's hands; Reload switches to it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { RELAY_RESTART } from './console-guard';
import { copyBuild, deployNewShell, DEPLOYMENT_META } from './deployment';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

let relay: Relay;
let browser: Browser;
let staticCopy: ReturnType<typeof copyBuild>;

beforeAll(async () => {
  staticCopy = copyBuild();
  relay = await startRelay({ staticDir: staticCopy.dir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  staticCopy?.remove();
});

describe('a new deployment', () => {
  it('shows the update banner in an open tab, keeps it working, and reloads into the new version on request', async () => {
    // The deployment restarts the relay: the websocket's failed reconnects meanwhile are expected.
    const context = await newDevice(browser, 'desktop', { allow: [RELAY_RESTART] });
    try {
      const board = new BoardPage(await context.newPage(), relay.httpUrl);
      const token = await makeToken(relay.dataDir, { org: 'update-org', role: 'dispatcher', sub: 'fay' });
      await board.signInWithLink(token);
      await board.waitForOfflineReady();
      // Every check for a new version fetches sw.js; count them.
      let swChecks = 0;
      context.on('request', (request) => {
        if (new URL(request.url()).pathname === '/sw.js') swChecks += 1;
      });
      // A returning user: the tab is controlled by the installed service worker.
      await board.page.reload();
      await board.waitForBoard();
      // Chromium re-checks sw.js on its own about a second after a navigation. Let that check
      // happen before deploying, so the banner below can only come from the app's own check.
      const deadline = Date.now() + 10_000;
      while (swChecks === 0 && Date.now() < deadline) await board.page.waitForTimeout(100);
      await board.page.waitForTimeout(500);
      expect(await board.isControlled()).toBe(true);
      const before = await board.createJob(aJob({ customerName: 'Before the deploy' }));
      expect(await board.updateBanner.count()).toBe(0);

      deployNewShell(staticCopy.dir, 'next');
      await relay.restart();

      // The app checks for a new version whenever the device comes back online.
      await context.setOffline(true);
      await context.setOffline(false);
      await board.updateBanner.waitFor({ timeout: 30_000 });
      expect(await board.updateBanner.textContent()).toContain('Update available');
      await board.page.screenshot({ path: screenshotPath('update-banner-1920x1080') });

      // The open tab is untouched: still the old shell, still usable.
      expect(await board.page.locator(`meta[name="${DEPLOYMENT_META}"]`).count()).toBe(0);
      const during = await board.createJob(aJob({ customerName: 'During the deploy' }));

      await Promise.all([
        board.page.waitForEvent('load', { timeout: 30_000 }),
        board.updateBanner.getByRole('button', { name: 'Reload' }).click()
      ]);
      await board.waitForBoard();
      expect(await board.page.locator(`meta[name="${DEPLOYMENT_META}"]`).getAttribute('content')).toBe('next');
      expect(await board.updateBanner.count()).toBe(0);
      await board.jobCard(before).waitFor();
      await board.jobCard(during).waitFor();
    } finally {
      await context.close();
    }
  });
});
