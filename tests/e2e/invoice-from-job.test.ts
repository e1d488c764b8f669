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
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCompletedJob, seedPriceBook, type SeededJob } from './job-invoice-seed';
import { useBrowserRig } from './browser-rig';
import type { BoardPage } from './pages/board-page';
import { InvoicesPage } from './pages/invoices-page';

const ORG = 'invoice-job-org';
const TIMEOUT = 20_000;
const rig = useBrowserRig();
let seeded: SeededJob;

beforeAll(async () => {
  const partId = await seedPriceBook(rig.relay, ORG);
  seeded = await seedCompletedJob(rig.relay, ORG, partId);
});

/** A signed-in, synced desktop device (its context closed after the file). */
const signedIn = (sub: string, name: string, role: 'dispatcher' | 'technician'): Promise<BoardPage> => rig.signedIn({ org: ORG, role, sub, name });

async function openJob(board: BoardPage): Promise<void> {
  await board.page.goto(`${rig.relay.httpUrl}/jobs/${seeded.jobId}`);
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

    const invoices = new InvoicesPage(page, rig.relay.httpUrl);
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
