/**
 * "Suggest technician" in the board's job panel, on a small seeded company: the top
 * suggestions come with their reasons, a technician without the required skill is left out
 * (and says why), and one click assigns and books the suggested slot, which reaches the relay.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard, waitFor } from './board-support';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';

const ORG = 'dispatch-suggest';
const ALL_WEEK = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['08:00', '17:00']]));
let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
let board: BoardPage;
let jobNumber = '';
let jobId = '';

beforeAll(async () => {
  relay = await startRelay();
  const seed = await nodeBoard(relay, ORG);
  try {
    const dir = seed.board.directory;
    const office = dir.createOffice({ name: 'North Beach', code: 'SF-N', timeZone: 'America/Los_Angeles' }, 'office-n');
    const customer = dir.createCustomer({ name: 'Harbor View Apartments' });
    if (!office.ok || !customer.ok) throw new Error('seed');
    const site = dir.createSite({ customerId: customer.value.id, address: '1 Bay St', location: { lat: 37.8055, lng: -122.4153 } });
    if (!site.ok) throw new Error('seed');
    const tech = (id: string, name: string, skills: string[], lat: number, lng: number) => {
      const r = dir.createTechnician({ name, officeId: 'office-n', skills, workingHours: ALL_WEEK, homeBase: { label: 'Home', location: { lat, lng } } }, id);
      if (!r.ok) throw new Error(`seed ${name}`);
    };
    tech('ana', 'Ana Lopez', ['HVAC', 'EPA-608'], 37.8, -122.41); // near the site
    tech('ben', 'Ben Okafor', ['HVAC', 'EPA-608'], 37.74, -122.42); // across town
    tech('cruz', 'Cruz Diaz', ['HVAC'], 37.8055, -122.4153); // next door, but lacks EPA-608
    const job = seed.board.createJob(
      { customerName: 'Harbor View Apartments', problem: 'Rooftop unit leaking refrigerant', customerId: customer.value.id, siteId: site.value.id, requiredSkills: ['HVAC', 'EPA-608'], estimatedMinutes: 60 },
      { id: 'test-seed', name: 'Test seed' },
      'SEED'
    );
    if (!job.ok) throw new Error('seed job');
    jobNumber = job.job.number;
    jobId = job.job.id;
    await seed.confirmed();
  } finally {
    seed.connection.destroy();
  }
  browser = await launchBrowser();
  context = await newDevice(browser);
  board = new BoardPage(await context.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana Dispatcher' }));
  await board.waitForBoard();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await relay?.kill();
});

describe('suggest technician in the job panel', () => {
  it('shows the top technicians with reasons, leaves out the one without the skill, and books one in a click', async () => {
    const panel = await board.openPanel(jobNumber);
    const suggest = panel.getByTestId('panel-suggest');
    // The device is in London (UTC+0 in December): 18:00–20:00 there is 10:00–12:00 in San Francisco.
    await suggest.getByLabel('Window from').fill('2026-12-07T18:00');
    await suggest.getByLabel('to', { exact: true }).fill('2026-12-07T20:00');
    await suggest.getByRole('button', { name: 'Suggest technician' }).click();

    const items = suggest.getByTestId('suggestion');
    await items.first().waitFor();
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-technician')))).toEqual(['ana', 'ben']);
    await expect.poll(() => items.first().textContent()).toMatch(/Covers HVAC, EPA-608 · free 10:00–12:00 · \d+ min from home base · no visits today · new to this customer · no SLA/);
    await suggest.getByText('Not suggested (1)').click();
    await suggest.getByText('Cruz Diaz: lacks EPA-608').waitFor();
    await board.page.screenshot({ path: screenshotPath('dispatch-suggest-1920x1080') });

    await items.first().getByRole('button', { name: /^Assign & book/ }).click();
    await board.waitForStatus(jobNumber, 'scheduled');
    await panel.getByTestId('panel-technicians').getByLabel('Ana Lopez', { exact: true }).isChecked().then((checked) => expect(checked).toBe(true));

    // The booking reached the relay: a fresh client reads Ana on the 10:00–11:00 slot.
    const check = await nodeBoard(relay, ORG);
    try {
      await waitFor(() => check.board.getJob(jobId)?.window?.start === '2026-12-07T18:00:00.000Z', 'the booking to reach the relay');
      const job = check.board.getJob(jobId)!;
      expect(job.assignedTechIds).toEqual(['ana']);
      expect(job.window).toEqual({ start: '2026-12-07T18:00:00.000Z', end: '2026-12-07T19:00:00.000Z' });
      expect(job.status).toBe('scheduled');
    } finally {
      check.connection.destroy();
    }
  });
});
