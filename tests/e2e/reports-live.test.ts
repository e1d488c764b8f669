/**
 * Issue 12, Done-when 3: a job completed and invoiced in a dispatcher's browser moves the
 * manager's first-time-fix and revenue numbers and charts within 1 s, without a reload and
 * without re-creating the charts (same canvas element, one creation each).
 *
 * Seeded by node writers through the real relay: a technician on site on a repair job for
 * three hours before now (a time entry, stopped by a break), one catalogue part used; a price
 * book so the job can be invoiced. Times are relative to the test clock (any of the three).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard } from './board-support';
import { seedFanMotorPriceBook } from './seed-price-book';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';

const ORG = 'reports-live-org';
const TIMEOUT = 20_000;
const HOUR = 3_600_000;
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
let seeded: { jobId: string; number: string };
let dispatcher: BoardPage;
let manager: Page;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const partId = await seedFanMotorPriceBook(relay, ORG);
  seeded = await seedJobOnSite(partId);
  dispatcher = await signedIn('dana', 'Dana', 'dispatcher');
  manager = (await signedIn('mia', 'Mia', 'manager')).page;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

/** Tess on site 3 h before now, a part used, her clock stopped by a break 1 h before now: the job is on site, not yet completed. */
async function seedJobOnSite(partId: string): Promise<typeof seeded> {
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const dir = board.directory;
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const at = (hoursBefore: number) => new Date(TEST_NOW.getTime() - hoursBefore * HOUR);
    const office = dir.createOffice({ name: 'Mission', code: 'SF-M', timeZone: 'America/Los_Angeles' }, 'office-m');
    // A second office with no jobs: profit under its filter counts nothing.
    dir.createOffice({ name: 'Noe Valley', code: 'SF-N', timeZone: 'America/Los_Angeles' }, 'office-n');
    const tech = dir.createTechnician({ name: 'Tess Tran', officeId: 'office-m', userId: 'tess' }, 'tech-tess');
    const customer = dir.createCustomer({ name: 'Mission Bakery' }, at(24));
    if (!office.ok || !tech.ok || !customer.ok) throw new Error('seed directory');
    const job = board.createJob({ customerName: 'Mission Bakery', customerId: customer.value.id, problem: 'Cooler fan seized', type: 'repair', officeId: 'office-m' }, seeder, 'SEED', at(24));
    if (!job.ok) throw new Error('seed job');
    const visit = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-tess'], start: at(3).toISOString(), end: at(1).toISOString() }, seeder, at(24));
    if (!visit.ok) throw new Error('seed visit');
    const fw = board.fieldWork;
    const steps = [
      fw.tap(visit.visit.id, 'on_site', { technicianId: 'tech-tess' }, seeder, at(3)),
      fw.addPartUse(visit.visit.id, { partId, sku: 'FM-220', description: 'Condenser fan motor', quantity: 1 }, seeder, at(2)),
      fw.startBreak('tech-tess', seeder, at(1))
    ];
    const failed = steps.find((s) => !s.ok);
    if (failed && !failed.ok) throw new Error(`seed field work: ${failed.error}`);
    if (board.getJob(job.job.id)?.status !== 'on_site') throw new Error(`seed: job is ${board.getJob(job.job.id)?.status}`);
    await confirmed();
    return { jobId: job.job.id, number: job.job.number };
  } finally {
    connection.destroy();
  }
}

async function signedIn(sub: string, name: string, role: 'dispatcher' | 'manager' | 'technician' | 'wallboard'): Promise<BoardPage> {
  const token = await makeToken(relay.dataDir, { org: ORG, role, sub, name });
  const context = await newDevice(browser);
  contexts.push(context);
  const device = new BoardPage(await context.newPage(), relay.httpUrl);
  await device.signInWithLink(token);
  await device.waitForSync('synced');
  return device;
}

const attr = async (testId: string, name: string) => manager.getByTestId(testId).getAttribute(name);
/** Waits until `testId`'s `data-count` is `count` (polling in the page, so the time is the page's). */
const countBecomes = (testId: string, count: number, timeout: number) =>
  manager.waitForFunction(([id, n]) => Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-count')) === n, [testId, count] as const, { polling: 20, timeout });
/** A canvas's creation and update counters, and a marker set on the element (gone if the element were replaced). */
const canvasState = (testId: string) =>
  manager.getByTestId(testId).evaluate((c: HTMLCanvasElement & { liveMarker?: string }) => ({ creations: c.dataset.chartCreations, updates: Number(c.dataset.chartUpdates), marker: c.liveMarker ?? null }));
const markCanvas = (testId: string) => manager.getByTestId(testId).evaluate((c: HTMLCanvasElement & { liveMarker?: string }) => (c.liveMarker = 'original'));
const updatesAbove = (testId: string, n: number, timeout: number) =>
  manager.waitForFunction(([id, before]) => Number((document.querySelector(`[data-testid="${id}"]`) as HTMLCanvasElement | null)?.dataset.chartUpdates) > before, [testId, n] as const, { polling: 20, timeout });

/** Clicks a CSV button and reads the downloaded file. */
async function downloadText(testId: string): Promise<string> {
  const download = manager.waitForEvent('download');
  await manager.getByTestId(testId).click();
  const stream = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('live reports', () => {
  it('moves the manager’s first-time fix and revenue within 1 s as a dispatcher completes and invoices a job', async () => {
    await manager.goto(`${relay.httpUrl}/reports`);
    await manager.locator('[data-testid="reports"][data-ready="true"]').waitFor({ timeout: TIMEOUT });
    await manager.getByTestId('chart-profit').waitFor({ timeout: TIMEOUT });
    for (const id of ['chart-first-time-fix', 'chart-profit']) await markCanvas(id);
    expect(await attr('kpi-first-time-fix', 'data-count')).toBe('0');
    expect(await attr('kpi-revenue-per-call', 'data-count')).toBe('0');
    // Tess has time but no pay rate: the profit says its labour is incomplete rather than free.
    await manager.getByTestId('labour-incomplete').waitFor({ timeout: TIMEOUT });
    // Her 2 h on site (a time entry) count towards her utilisation.
    expect(Number(await attr('kpi-utilisation', 'data-value'))).toBeGreaterThan(0);

    // Completed on the dispatcher's board: first-time fix moves (one resolved job, fixed on the first visit).
    const ftfChart = await canvasState('chart-first-time-fix');
    const panel = await dispatcher.openPanel(seeded.number);
    let started = Date.now();
    await panel.getByTestId('panel-status').selectOption('completed');
    await countBecomes('kpi-first-time-fix', 1, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await updatesAbove('chart-first-time-fix', ftfChart.updates, 1_000);
    expect(await attr('kpi-first-time-fix', 'data-value')).toBe('100');
    await dispatcher.closePanel();

    // Invoiced from the job page and issued: revenue per call and the revenue chart move.
    const page = dispatcher.page;
    await page.goto(`${relay.httpUrl}/jobs/${seeded.jobId}`);
    await page.getByTestId('create-job-invoice').click();
    const draft = page.locator('[data-testid="invoice-detail"][data-status="draft"]');
    await draft.waitFor({ timeout: TIMEOUT });
    const profitChart = await canvasState('chart-profit');
    started = Date.now();
    await draft.getByRole('button', { name: 'Issue' }).click();
    await countBecomes('kpi-revenue-per-call', 1, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    await updatesAbove('chart-profit', profitChart.updates, 1_000);
    expect(Number(await attr('kpi-revenue-per-call', 'data-value'))).toBeGreaterThan(0);
    await manager.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-invoice-lag"]')?.getAttribute('data-count')) === 1, undefined, { polling: 20, timeout: 1_000 });

    // Same canvases, each created once: updated in place, never re-created, never reloaded.
    for (const id of ['chart-first-time-fix', 'chart-profit']) expect(await canvasState(id)).toMatchObject({ creations: '1', marker: 'original' });
    await manager.screenshot({ path: screenshotPath('reports-live-1920x1080'), fullPage: true });
  });

  it('shows a technician’s revenue credit from their on-site time and drills down to the invoice', async () => {
    const card = manager.getByTestId('card-revenue-credit');
    await card.waitFor();
    // The chart's data is not in the DOM; its CSV export is: one technician credited.
    const text = await downloadText('csv-revenue-credit');
    expect(text).toContain('Technician,Revenue credit');
    // The only invoice's subtotal, all of it Tess's: she is the only one with time on the job.
    expect(text).toMatch(/Tess Tran,\d+/);
    await manager.getByTestId('kpi-owed').click();
    const list = manager.getByTestId('drill-down');
    await list.waitFor();
    const href = await list.getByTestId('drill-job').first().getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/invoices\?invoice=/);
    // The list behind the number exports too.
    expect(await downloadText('csv-drill')).toMatch(/Invoice,Customer,Status\r\nINV-[^,]+,Mission Bakery,Issued/);
  });

  it('says which filters monthly profit honours: the office filter (by each job’s office), not the job type', async () => {
    const note = manager.getByTestId('note-profit');
    await expect.poll(() => note.textContent(), { timeout: TIMEOUT }).toContain('company-wide');
    const all = await downloadText('csv-profit');
    const [, june] = all.split('\r\n').find((line) => Number(line.split(',')[1]) > 0)?.split(',') ?? [];
    expect(Number(june)).toBeGreaterThan(0);
    const filters = manager.getByTestId('report-filters');
    // Another job type: profit stays whole (it does not follow that filter), and says so.
    await filters.getByTestId('filter-type').selectOption('maintenance');
    expect(await downloadText('csv-profit')).toBe(all);
    await filters.getByTestId('filter-type').selectOption('');
    // The office with no jobs: no revenue, parts or labour in its profit.
    await filters.getByTestId('filter-office').selectOption('office-n');
    await expect.poll(() => note.textContent()).toContain('follows the office filter');
    expect((await downloadText('csv-profit')).split('\r\n').slice(1).every((line) => line.split(',').slice(1, 4).every((cents) => Number(cents) === 0))).toBe(true);
    // The Mission office holds the invoiced job: its profit is the whole company's.
    await filters.getByTestId('filter-office').selectOption('office-m');
    await expect.poll(() => downloadText('csv-profit')).toBe(all);
    await filters.getByTestId('filter-office').selectOption('');
  });

  it('shows no money to roles without the finance room: a technician gets no reports, a wallboard no revenue chart', async () => {
    const tech = await signedIn('tess', 'Tess', 'technician');
    await tech.page.goto(`${relay.httpUrl}/reports`);
    await tech.page.getByTestId('reports-denied').waitFor({ timeout: TIMEOUT });
    expect(await tech.page.locator('[data-testid^="kpi-"]').count()).toBe(0);

    const wall = await signedIn('lobby-screen', 'Lobby', 'wallboard');
    await wall.page.goto(`${relay.httpUrl}/wall?view=kpi`);
    await wall.page.locator('[data-testid="wall-kpis"][data-ready="true"]').waitFor({ timeout: TIMEOUT });
    await expect.poll(() => wall.page.locator('[data-testid="wall-kpis"] canvas[data-chart-creations="1"]').count(), { timeout: 10_000 }).toBe(3);
    expect(await wall.page.getByTestId('wall-chart-revenue').count()).toBe(0);
    // The manager's wall shows revenue next to the job charts.
    await manager.goto(`${relay.httpUrl}/wall?view=kpi`);
    await manager.getByTestId('wall-chart-revenue').waitFor({ timeout: TIMEOUT });
  });
});
