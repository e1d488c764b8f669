/**
 * A device whose very first visit is a deep link still installs the offline app: the service
 * worker is registered at the root (`/sw.js`, scope `/`), not relative to the first page.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newDevice } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const ORG = 'deeplink-org';
const TIMEOUT = 30_000;

const rig = useBrowserRig();

/** Every service worker script this device asked for (path names). */
function watchWorkerRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('sw.js')) seen.push(path);
  });
  return seen;
}

/**
 * Opens `firstPath` as the device's first visit (signed in by link), checks the worker is at
 * the root, then goes offline and opens `offlinePath`, which must render from the worker.
 */
async function firstVisitThenOffline(firstPath: string, offlinePath: string, ready: (board: BoardPage) => Promise<void>): Promise<void> {
  const context = await newDevice(rig.browser);
  try {
    const requests = watchWorkerRequests(context);
    const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    const token = await rig.token({ org: ORG, role: 'admin', sub: 'ada', name: 'Ada' });
    await board.page.goto(`${rig.relay.httpUrl}${firstPath}#token=${encodeURIComponent(token)}`);
    const registration = await board.page.evaluate(async () => {
      const r = await navigator.serviceWorker.ready;
      return { scope: r.scope, script: r.active?.scriptURL ?? null };
    });
    expect(registration).toEqual({ scope: `${rig.relay.httpUrl}/`, script: `${rig.relay.httpUrl}/sw.js` });
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((path) => path === '/sw.js')).toBe(true);

    await context.setOffline(true);
    await board.page.goto(`${rig.relay.httpUrl}${offlinePath}`);
    await board.page.getByRole('navigation', { name: 'Main', exact: true }).waitFor({ timeout: TIMEOUT });
    await ready(board);
    expect(await board.isControlled()).toBe(true);
  } finally {
    await context.close();
  }
}

describe('first visit to a deep link', () => {
  it('installs the offline app at the root from /settings/users', async () => {
    await firstVisitThenOffline('/settings/users', '/board', (board) => board.waitForBoard());
  });

  it('installs the offline app at the root from /jobs/<id>', async () => {
    // Another device creates the job, so the deep link names a real one.
    const office = await newDevice(rig.browser);
    let jobPath: string;
    try {
      const board = new BoardPage(await office.newPage(), rig.relay.httpUrl);
      await board.signInWithLink(await rig.token({ org: ORG, role: 'dispatcher', sub: 'dana' }));
      const number = await board.createJob(aJob());
      await board.waitForSync('synced', 0, TIMEOUT);
      jobPath = `/jobs/${await board.jobCard(number).getAttribute('data-job-id')}`;
    } finally {
      await office.close();
    }
    await firstVisitThenOffline(jobPath, '/customers', async (board) => {
      await board.page.getByRole('heading', { name: 'Customers' }).first().waitFor({ timeout: TIMEOUT });
    });
  });
});
