/**
 * Brief drafts, item 4 in the browser: two devices each drafted an invoice for the same job
 * while offline (two node writers with their own docs, synced only afterwards). After sync the
 * app shows ONE draft as the job's: the other is marked as a duplicate on the invoice page, its
 * Issue is refused with a sentence, and "Discard this draft" voids it (never a delete); the job
 * page tells of the duplicate until then.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinanceDoc } from '../../src/lib/sync/finance';
import { TEST_NOW } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until } from '../integration/support/clients';
import { launchBrowser, newDevice } from './browser';
import { BoardPage } from './pages/board-page';
import { InvoicesPage } from './pages/invoices-page';
import { seedCompletedJob, seedPriceBook, type SeededJob } from './job-invoice-seed';

const ORG = 'duplicate-drafts-org';
const TIMEOUT = 20_000;
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
let seeded: SeededJob;
/** The drafts' ids: [the earlier one (the job's draft), the later one (the duplicate)]. */
let drafts: [string, string];

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  seeded = await seedCompletedJob(relay, ORG, await seedPriceBook(relay, ORG));
  drafts = [await offlineDraft('ada', -20), await offlineDraft('dan', -10)];
  const reader = stockClient(relay.wsUrl, `${ORG}/finance`, await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'reader' }));
  await until(() => reader.doc.getMap('invoices').size === 2, 'both drafts to reach the relay');
  reader.destroy();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

/** A device that drafts the job's invoice on its own doc (offline), then connects and syncs. */
async function offlineDraft(sub: string, minutes: number): Promise<string> {
  const finance = new FinanceDoc(new Y.Doc());
  const cents = 41_500;
  const made = finance.createDraftInvoice({ customerId: seeded.customerId, customerName: 'Mission Bakery', jobId: seeded.jobId, date: '2026-06-10', lines: [{ description: 'Repair', amountCents: cents }], totals: { subtotalCents: cents, discountCents: 0, taxCents: 0, totalCents: cents } }, { id: sub, name: sub }, new Date(TEST_NOW.getTime() + minutes * 60_000));
  if (!made.ok) throw new Error(made.error);
  const client = stockClient(relay.wsUrl, `${ORG}/finance`, await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub }), finance.doc);
  await synced(client);
  client.destroy();
  return made.id;
}

describe('two offline drafts of one job', () => {
  it('shows one as the job’s draft and the other as a duplicate that cannot be issued and can be discarded', async () => {
    const context = await newDevice(browser);
    contexts.push(context);
    const board = new BoardPage(await context.newPage(), relay.httpUrl);
    await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' }));
    await board.waitForSync('synced');
    const page = board.page;

    // The job page opens the earlier draft and tells of the other.
    await page.goto(`${relay.httpUrl}/jobs/${seeded.jobId}`);
    await page.getByTestId('job-duplicate-drafts').waitFor({ timeout: TIMEOUT });
    await page.getByTestId('open-job-invoice').click();
    await page.waitForURL((url) => url.searchParams.get('invoice') === drafts[0], { timeout: TIMEOUT });
    const invoices = new InvoicesPage(page, relay.httpUrl);
    await invoices.shownDraft.waitFor({ timeout: TIMEOUT });
    expect(await invoices.shownDraft.getByTestId('duplicate-draft').count()).toBe(0);

    // The later one says it is a duplicate; issuing it is refused.
    await page.goto(`${relay.httpUrl}/invoices?invoice=${drafts[1]}`);
    await invoices.shownDraft.getByTestId('duplicate-draft').waitFor({ timeout: TIMEOUT });
    expect(await invoices.issueShownDraftRefused()).toContain('duplicate draft of the same job');

    // Discarding it voids it with a reason; the job page no longer mentions a duplicate.
    await invoices.shownDraft.getByTestId('discard-duplicate').click();
    await page.locator('[data-testid="invoice-detail"][data-status="void"]').waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('invoice-detail').textContent()).toContain('Duplicate draft');
    await page.goto(`${relay.httpUrl}/jobs/${seeded.jobId}`);
    await page.getByTestId('open-job-invoice').waitFor({ timeout: TIMEOUT });
    expect(await page.getByTestId('job-duplicate-drafts').count()).toBe(0);

    // The job's draft issues.
    await page.goto(`${relay.httpUrl}/invoices?invoice=${drafts[0]}`);
    expect(await invoices.issueShown()).toMatch(/^INV-/);
  });
});
