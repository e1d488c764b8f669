/**
 * The built app served by the real relay, in real Chromium: two devices converge, and work
 * done offline survives a reload and reaches the other device once back online.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const rig = useBrowserRig({ closeDevices: 'after-each' });

async function newContext(): Promise<BrowserContext> {
  const context = await rig.device();
  return context;
}

/** Signs a device in as a dispatcher of `org` and opens the board. */
async function signInDispatcher(context: BrowserContext, org: string, sub: string): Promise<BoardPage> {
  const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
  const token = await rig.token({ org, role: 'dispatcher', sub, name: `Dispatcher ${sub}` });
  await board.signInWithLink(token);
  return board;
}

async function dispatcherDevice(org: string, sub: string): Promise<BoardPage> {
  return signInDispatcher(await newContext(), org, sub);
}

describe('two devices on the built app', () => {
  it('shows a job created on one device on the other, which has separate storage', async () => {
    const alice = await dispatcherDevice('converge-org', 'alice');
    const bob = await dispatcherDevice('converge-org', 'bob');
    await alice.waitForSync('synced', 0);
    await bob.waitForSync('synced', 0);

    const number = await alice.createJob(aJob({ customerName: 'Harbor View Apartments', priority: 'urgent' }));
    await alice.waitForSync('synced', 0);

    await bob.jobCard(number).waitFor({ timeout: 20_000 });
    await expect(bob.jobCard(number).textContent()).resolves.toContain('Harbor View Apartments');

    // And back the other way: a status change on Bob's device reaches Alice.
    await bob.setStatus(number, 'scheduled');
    await alice.page.locator(`[data-testid="job-card"][data-job-number="${number}"][data-status="scheduled"]`).waitFor({ timeout: 20_000 });
  });

  it('keeps offline work across an offline reload and delivers it once back online', async () => {
    const techContext = await newContext();
    const tech = await signInDispatcher(techContext, 'offline-org', 'carol');
    const office = await dispatcherDevice('offline-org', 'dave');
    await tech.waitForSync('synced', 0);
    await office.waitForSync('synced', 0);
    await tech.waitForOfflineReady();

    // Only what the issue names: the browser goes offline. The app must notice by itself.
    await techContext.setOffline(true);
    await tech.waitForSync('offline');

    const first = await tech.createJob(aJob({ customerName: 'Greenleaf Bakery' }));
    const second = await tech.createJob(aJob({ customerName: 'Lakeside Clinic', type: 'emergency' }));
    await tech.setStatus(first, 'scheduled');

    await tech.waitForSync('offline');
    expect(await tech.pendingChanges()).toBeGreaterThan(0);
    expect(await tech.syncText()).toMatch(/^Offline · \d+ changes? pending$/);

    // Reload with no network: the service worker serves the app, IndexedDB the data.
    await tech.page.reload();
    await tech.waitForBoard();
    await tech.jobCard(first).waitFor();
    await tech.jobCard(second).waitFor();
    expect(await tech.statusOf(first)).toBe('scheduled');
    expect(await tech.statusOf(second)).toBe('new');
    await tech.waitForSync('offline');
    expect(await tech.pendingChanges()).toBeGreaterThan(0);

    await tech.page.screenshot({ path: screenshotPath('offline-pending-1920x1080') });

    // Nothing leaked to the office while the device was offline.
    expect(await office.jobNumbers()).not.toContain(first);

    await techContext.setOffline(false);
    await tech.waitForSync('synced', 0, 30_000);
    expect(await tech.syncText()).toBe('Synced');

    await office.page
      .locator(`[data-testid="job-card"][data-job-number="${first}"][data-status="scheduled"]`)
      .waitFor({ timeout: 20_000 });
    await office.jobCard(second).waitFor({ timeout: 20_000 });
  });
});
