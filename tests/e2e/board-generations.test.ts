/**
 * Issue 13, board generations in the app: Settings › Archive shows the live board's generation,
 * "Compact now" asks the relay for a new one, and the browser moves to it by itself (its jobs
 * still on the board, the new room's local copy made, the old one deleted).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard } from './board-support';
import { launchBrowser, newDevice } from './browser';
import { ArchiveSettingsPage } from './pages/archive-settings-page';
import { BoardPage } from './pages/board-page';

const ORG = 'generations-org';
const SEED = { id: 'test-seed', name: 'Test seed' };
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
let jobNumber = '';

beforeAll(async () => {
  // Thresholds at 0: any board is worth compacting, so the button's success path is what runs.
  relay = await startRelay({ env: { BOARD_COMPACT_MIN_BYTES: '0', BOARD_COMPACT_MIN_PERCENT: '0' } });
  browser = await launchBrowser();
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const created = board.createJob({ customerName: 'Harbor Creamery', problem: 'Walk-in cooler warm' }, SEED, 'SEED', testNow());
    if (!created.ok) throw new Error('seed job');
    jobNumber = created.job.number;
    await confirmed();
  } finally {
    connection.destroy();
  }
}, 90_000);

afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

describe('board generations in Settings › Archive', () => {
  it('"Compact now" makes board-g2 and the browser moves to it with the board intact', { timeout: 120_000 }, async () => {
    const context = await newDevice(browser, 'desktop');
    contexts.push(context);
    const page = await context.newPage();
    const board = new BoardPage(page, relay.httpUrl);
    await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'admin-ada', name: 'Ada Admin' }));
    await board.jobCard(jobNumber).waitFor({ timeout: 20_000 });
    const settings = new ArchiveSettingsPage(page, relay.httpUrl);
    await settings.open();
    await expect.poll(async () => (await settings.boardGeneration.textContent().catch(() => '')) ?? '', { timeout: 20_000 }).toContain('Generation 1 (board)');
    await settings.compactNow.click();
    await expect.poll(async () => (await settings.compactAnswer.textContent().catch(() => '')) ?? '', { timeout: 30_000 }).toContain('Compacted into board-g2');
    await expect.poll(async () => (await settings.boardGeneration.textContent().catch(() => '')) ?? '', { timeout: 20_000 }).toContain('Generation 2 (board-g2)');
    await expect.poll(() => settings.localDatabases(), { timeout: 30_000 }).toContain(`fieldboard:${ORG}/board-g2`);
    await expect.poll(() => settings.localDatabases(), { timeout: 30_000 }).not.toContain(`fieldboard:${ORG}/board`);
    await board.open();
    await board.jobCard(jobNumber).waitFor({ timeout: 20_000 });
  });
});
