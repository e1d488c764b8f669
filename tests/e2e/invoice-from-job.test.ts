/**
 * Issue 10, "from a completed job, one action builds the draft" (brief invoice-from-job): a job
 * completed by its technician (on site 10:00–12:10 on the test day, one catalogue part) is
 * invoiced by a dispatcher from the job page; the draft's lines explain themselves (the 15-min
 * increment); issuing moves the job to `invoiced` on the board, a full payment to `paid`. The
 * job page then offers "Open invoice INV-…", never a second draft; a technician sees neither.
 *
 * Seeded by node writers through the real relay (board: directory, job, visit, status taps that
 * write the time entries, a part use; catalog: a regular labour rate and the part).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgTimeOn, TEST_NOW } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard } from './board-support';
import { seedFanMotorPriceBook } from './seed-price-book';
import { launchBrowser, newDevice } from './browser';
import { BoardPage } from './pages/board-page';
import { InvoicesPage } from './pages/invoices-page';

const ORG = 'invoice-job-org';
const TIMEOUT = 20_000;
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
let seeded: { jobId: string; number: string };

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const partId = await seedFanMotorPriceBook(relay, ORG);
  seeded = await seedCompletedJob(partId);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

/** Tess worked the job on site 10:00–12:10 (org time, the test day) and used one fan motor; the job is completed. */
async function seedCompletedJob(partId: string): Promise<typeof seeded> {
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const dir = board.directory;
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const created = new Date(TEST_NOW.getTime() - 86_400_000);
    const office = dir.createOffice({ name: 'Mission', code: 'SF-M', timeZone: 'America/Los_Angeles' }, 'office-m');
    const tech = dir.createTechnician({ name: 'Tess Tran', officeId: 'office-m', userId: 'tess' }, 'tech-tess');
    const customer = dir.createCustomer({ name: 'Mission Bakery' }, created);
    if (!office.ok || !tech.ok || !customer.ok) throw new Error('seed directory');
    const job = board.createJob({ customerName: 'Mission Bakery', customerId: customer.value.id, problem: 'Cooler fan seized', type: 'repair', officeId: 'office-m' }, seeder, 'SEED', created);
    if (!job.ok) throw new Error('seed job');
    const visit = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-tess'], start: orgTimeOn(0, '10:00').toISOString(), end: orgTimeOn(0, '12:00').toISOString() }, seeder, created);
    if (!visit.ok) throw new Error('seed visit');
    const fw = board.fieldWork;
    const steps = [
      fw.tap(visit.visit.id, 'on_site', { technicianId: 'tech-tess' }, seeder, orgTimeOn(0, '10:00')),
      fw.addPartUse(visit.visit.id, { partId, sku: 'FM-220', description: 'Condenser fan motor', quantity: 1 }, seeder, orgTimeOn(0, '11:00')),
      fw.tap(visit.visit.id, 'done', { technicianId: 'tech-tess', completion: { outcome: 'fixed', resolution: 'Replaced the condenser fan motor.' } }, seeder, orgTimeOn(0, '12:10'))
    ];
    const failed = steps.find((s) => !s.ok);
    if (failed && !failed.ok) throw new Error(`seed field work: ${failed.error}`);
    if (board.getJob(job.job.id)?.status !== 'completed') throw new Error(`seed: job is ${board.getJob(job.job.id)?.status}`);
    await confirmed();
    return { jobId: job.job.id, number: job.job.number };
  } finally {
    connection.destroy();
  }
}

/** A signed-in, synced desktop device (its context closed after the file). */
async function signedIn(sub: string, name: string, role: 'dispatcher' | 'technician'): Promise<BoardPage> {
  const token = await makeToken(relay.dataDir, { org: ORG, role, sub, name });
  const context = await newDevice(browser);
  contexts.push(context);
  const device = new BoardPage(await context.newPage(), relay.httpUrl);
  await device.signInWithLink(token);
  await device.waitForSync('synced');
  return device;
}

async function openJob(board: BoardPage): Promise<void> {
  await board.page.goto(`${relay.httpUrl}/jobs/${seeded.jobId}`);
  await board.page.getByTestId('job-page').waitFor({ timeout: TIMEOUT });
}

/** The board with its "Finished" columns (invoiced, paid) switched on. */
async function showFinishedBoard(board: BoardPage): Promise<void> {
  await board.open('/board');
  await board.waitForBoard();
  await board.page.getByLabel('Finished', { exact: true }).check();
}

describe('invoice from a completed job', () => {
  it('a dispatcher builds the draft from the job page, issues it, and the job follows to invoiced, then paid', async () => {
    const dispatcher = await signedIn('dana', 'Dana', 'dispatcher');
    const page = dispatcher.page;
    await openJob(dispatcher);
    await page.getByTestId('create-job-invoice').click();

    const draft = page.locator('[data-testid="invoice-detail"][data-status="draft"]');
    await draft.waitFor({ timeout: TIMEOUT });
    expect(page.url()).toContain('/invoices?invoice=');
    const explanations = await draft.getByTestId('line-explanation').allTextContents();
    expect(explanations).toHaveLength(2);
    expect(explanations[0]).toContain('2.25 h × $120.00');
    expect(explanations[0]).toContain('15-min increment');
    expect(explanations[1]).toContain('$145.00');
    expect(await draft.textContent()).toContain('$415.00');

    await draft.getByRole('button', { name: 'Issue' }).click();
    await page.locator('[data-testid="invoice-detail"][data-status="issued"]').waitFor({ timeout: TIMEOUT });
    const number = /INV-[2-9A-Z]{4}-\d{4,}/.exec((await page.locator('#invoice-title').textContent()) ?? '')?.[0];
    if (!number) throw new Error('no invoice number');

    await showFinishedBoard(dispatcher);
    await dispatcher.waitForStatus(seeded.number, 'invoiced');

    // The job page now opens that invoice instead of building a second draft.
    await openJob(dispatcher);
    expect(await page.getByTestId('create-job-invoice').count()).toBe(0);
    await expect.poll(() => page.getByTestId('open-job-invoice').textContent()).toContain(number);

    const invoices = new InvoicesPage(page, relay.httpUrl);
    await invoices.open();
    await invoices.recordPartialPayment(number, '415', '2201');
    await invoices.waitForRow(number, 'paid', '$0.00');
    await showFinishedBoard(dispatcher);
    await dispatcher.waitForStatus(seeded.number, 'paid');
  });

  it('never offers invoicing to a technician', async () => {
    const tech = await signedIn('tess', 'Tess', 'technician');
    await openJob(tech);
    expect(await tech.page.getByTestId('create-job-invoice').count()).toBe(0);
    expect(await tech.page.getByTestId('open-job-invoice').count()).toBe(0);
  });
});
