/**
 * A change the relay refuses, in the browser: a device whose clock runs an hour ahead dates its
 * new job's created event in the future, the relay refuses it (4422 future-time), and the app
 * says so, keeps a backup, reloads the board from the relay and does not resend the change.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let board: BoardPage;

async function refusals(reason: string): Promise<number> {
  const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
  return Number(new RegExp(`fieldboard_refused_updates_total\\{reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  context = await newDevice(browser);
  board = new BoardPage(await context.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: 'refused-org', role: 'dispatcher', sub: 'rey', name: 'Rey Dispatcher', ttlSeconds: 24 * 3600 }));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await relay?.kill();
});

describe('a change refused by the relay', () => {
  it('is announced, kept as a backup, dropped from the board and not resent', async () => {
    const honest = await board.createJob(aJob({ customerName: 'On Time Bakery' }));

    // The device's clock jumps an hour ahead (timers keep running): its next event is "in the future".
    await board.page.clock.setFixedTime(Date.now() + 3600_000);
    const refused = await board.createJob(aJob({ customerName: 'Time Traveller Cafe' }), { expectCard: false });
    expect(refused).not.toBe(honest);
    const notice = board.page.getByTestId('change-refused');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toMatch(/A change was refused by the server: a change cannot be dated in the future/);
    expect(await notice.textContent()).toMatch(/saved on this device \(backup \d+\)/);
    await board.page.screenshot({ path: screenshotPath('change-refused-1920x1080') });

    // Reloaded from the relay: the honest job is there, the refused one is gone.
    await board.waitForBoard();
    await board.jobCard(refused).waitFor({ state: 'detached', timeout: 20_000 });
    await board.jobCard(honest).waitFor();

    // The backup can be exported as a file.
    const download = board.page.waitForEvent('download');
    await notice.getByRole('button', { name: 'Export the backup' }).click();
    expect((await download).suggestedFilename()).toMatch(/^fieldboard-refused-org-board-refused-\d+\.yjs$/);

    // Not resent: an honest change after the clock is right again syncs, and the relay counted one refusal.
    await board.page.clock.setFixedTime(Date.now());
    const after = await board.createJob(aJob({ customerName: 'Back On Time Deli' }));
    const readerDevice = await newDevice(browser);
    const reader = await readerDevice.newPage();
    const second = new BoardPage(reader, relay.httpUrl);
    await second.signInWithLink(await makeToken(relay.dataDir, { org: 'refused-org', role: 'dispatcher', sub: 'sol', name: 'Sol' }));
    await second.jobCard(after).waitFor({ timeout: 20_000 });
    await second.jobCard(honest).waitFor();
    // (The refused job's number is free again on this device, so look for its customer.)
    expect(await reader.getByText('On Time Bakery').count()).toBeGreaterThan(0);
    expect(await reader.getByText('Time Traveller Cafe').count()).toBe(0);
    expect(await refusals('future-time')).toBe(1);
    await readerDevice.close();
  });
});
