import { it } from 'vitest';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

it('debug', async () => {
  const relay = await startRelay();
  const browser = await launchBrowser();
  const context = await newDevice(browser);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
  const board = new BoardPage(page, relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: 'dbg', role: 'dispatcher', sub: 'lee', name: 'Lee' }));
  const n = await board.createJob(aJob());
  await page.getByLabel('Finished').check();
  await page.evaluate(() => {
    for (const t of ['dragstart', 'dragover', 'drop', 'dragend']) document.addEventListener(t, (e) => { if (t !== 'dragover') console.log('EV', t, (e.target as HTMLElement).className); }, true);
  });
  page.on('console', (m) => console.log('CONSOLE', m.text()));
  await board.dragCard(n, 'paid').catch((e) => console.log('drag failed', e.message));
  await page.waitForTimeout(500);
  console.log('ANN', await board.announcer.textContent(), await board.errorToasts());
  await page.screenshot({ path: '/tmp/fb/drag.png' });
  await browser.close();
  await relay.kill();
}, 120000);
