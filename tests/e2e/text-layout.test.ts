/**
 * Words and layout a new company meets: a "required" error clears once the field is filled,
 * the top bar names the job, the public form names the company as it was set up ("&" and all),
 * and the wall screen keeps the organisation's clock and never clips an overdue SLA.
 */
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN } from '../helpers/api-client';
import { testNow } from '../clock';
import { nodeBoard } from './board-support';
import { newDevice } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const ORG = 'rossi-sons';
const ORG_NAME = 'Rossi & Sons Heating';
/** Not the zone of the machine running the tests (UTC in CI), so a browser-zone clock shows. */
const ORG_ZONE = 'Asia/Tokyo';

const rig = useBrowserRig();
let context: BrowserContext;
let board: BoardPage;

beforeAll(async () => {
  const setup = await new ApiClient(rig.relay.httpUrl).setup({ ...DEFAULT_ADMIN, org: ORG, orgName: ORG_NAME });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  context = await rig.device();
  board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' }));
});

describe('text and layout', () => {
  it('clears a "required" error as soon as the field is filled, keeping the others', async () => {
    const errors = await board.submitNewJobExpectingErrors();
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['customerName', 'problem']));
    const form = board.newJobForm;
    await form.getByLabel(/^Customer\s*\*?$/).fill('Rossi & Sons');
    await form.locator('[name="customerName"]:not([aria-invalid])').waitFor();
    expect(await form.locator('[name="problem"]').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel(/^Problem\s*\*?$/).fill('No heat');
    await form.locator('[name="problem"]:not([aria-invalid])').waitFor();
    await board.closeNewJobForm();
  });

  it('names the job in the top bar of its page', async () => {
    const job = aJob({ customerName: `Top bar customer ${process.pid}` });
    const number = await board.createJob(job);
    await board.openJobPage(number);
    const title = board.page.getByTestId('page-title');
    await title.filter({ hasText: number }).waitFor();
    expect(await title.textContent()).toBe(`${number} · ${job.customerName}`);
  });

  it('titles the public form with the organisation\u2019s real name', async () => {
    const visitor = await newDevice(rig.browser);
    try {
      const page = await visitor.newPage();
      await page.goto(`${rig.relay.httpUrl}/request/${ORG}`);
      await page.getByTestId('public-request-org').filter({ hasText: ORG_NAME }).waitFor();
      expect(await page.title()).toContain(ORG_NAME);
    } finally {
      await visitor.close();
    }
  });

  it('shows the wall clock in the organisation\u2019s zone and an overdue SLA in full', async () => {
    const { board: doc, connection, confirmed } = await nodeBoard(rig.relay, ORG);
    let number: string;
    try {
      const office = doc.directory.createOffice({ name: 'Tokyo', code: 'TYO', timeZone: ORG_ZONE });
      if (!office.ok) throw new Error('could not seed the office');
      // 42 h 03 min overdue, relative to the clock the wall itself reads.
      const slaDue = new Date(testNow().getTime() - (42 * 60 + 3) * 60_000 - 30_000).toISOString();
      const created = doc.createJob({ customerName: 'Overdue Bakery & Café', problem: 'Walk-in cooler warm', slaDue }, { id: 'test-seed', name: 'Test seed' }, 'TST3');
      if (!created.ok) throw new Error('could not seed the job');
      number = created.job.number;
      await confirmed();
    } finally {
      connection.destroy();
    }
    await board.open('/wall');
    const clock = board.page.getByTestId('wall-clock');
    await board.page.locator(`[data-testid="wall-clock"][data-time-zone="${ORG_ZONE}"]`).waitFor();
    // The wall's clock ticks every 30 s: it shows some minute between 35 s ago and now, in Tokyo.
    const shown = (await clock.textContent()) ?? '';
    const candidates = await board.page.evaluate((zone) => {
      const at = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone });
      return [at(Date.now() - 35_000), at(Date.now())];
    }, ORG_ZONE);
    expect(candidates.some((time) => shown.includes(time)), `${shown} vs ${candidates.join(' / ')}`).toBe(true);
    const sla = board.page.locator(`[data-testid="wall-card"][data-job-number="${number}"] [data-testid="wall-sla"]`);
    await sla.waitFor();
    expect(await sla.textContent()).toBe('Overdue 42h 03m');
    // Nothing of it is cut off: the text fits its box and the box fits its card.
    const fits = await sla.evaluate((el) => {
      const card = el.closest('[data-testid="wall-card"]')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth + 1 && box.right <= card.right + 1 && box.left >= card.left - 1;
    });
    expect(fits).toBe(true);
  });
});
