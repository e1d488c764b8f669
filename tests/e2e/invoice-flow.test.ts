/**
 * Issue 10, done-when 3, as ONE browser flow (brief drafts, item 6): a completed job →
 * "Create invoice" on the job page → the draft (its free-text part blocks issuing until its
 * price is set with a reason) → issued (voided once on the way: the job goes back to completed
 * and is invoiced again) → the PDF downloaded (non-empty, its text holds the
 * number and the total, and the organisation's logo uploaded in Settings is drawn as an image)
 * → a partial payment in one context → balance, status (partially paid) and aging change live
 * in a second context, with no reload.
 *
 * Seeded by node writers through the real relay (job-invoice-seed.ts): labour 10:00–12:10
 * (2.25 h × $120 = $270), a fan motor ($145) and two "Odd gasket" parts typed in the field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { png } from '../helpers/png';
import { useBrowserRig } from './browser-rig';
import type { BoardPage } from './pages/board-page';
import { InvoiceOutputPage } from './pages/invoice-output-page';
import { InvoicesPage } from './pages/invoices-page';
import { PriceBookPage } from './pages/price-book-page';
import { seedCompletedJob, seedPriceBook, type SeededJob } from './job-invoice-seed';

const ORG = 'invoice-flow-org';
const TIMEOUT = 20_000;
const rig = useBrowserRig();
let seeded: SeededJob;

beforeAll(async () => {
  const partId = await seedPriceBook(rig.relay, ORG);
  seeded = await seedCompletedJob(rig.relay, ORG, partId, 'Odd gasket');
});

const signedIn = (sub: string, name: string, role: 'dispatcher' | 'manager'): Promise<BoardPage> => rig.signedIn({ org: ORG, role, sub, name });

describe('invoice flow: completed job → draft → issued → PDF → partial payment seen live elsewhere', () => {
  it('runs end to end', async () => {
    const office = await signedIn('dana', 'Dana', 'dispatcher');
    const watcher = new InvoicesPage((await signedIn('max', 'Max', 'manager')).page, rig.relay.httpUrl);
    await watcher.open();

    // The logo: an SVG is refused with a reason; a PNG is kept and previewed.
    const settings = new PriceBookPage(office.page, rig.relay.httpUrl);
    await office.page.goto(`${rig.relay.httpUrl}/settings/price-book`);
    await settings.tabs.waitFor({ timeout: TIMEOUT });
    expect(await settings.uploadLogo({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') })).toContain('PNG or JPEG');
    expect(await settings.uploadLogo({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(png(120, 40)) })).toBeNull();

    // The job page builds the draft.
    const invoices = new InvoicesPage(office.page, rig.relay.httpUrl);
    const openJob = async (status: string) => {
      await office.page.goto(`${rig.relay.httpUrl}/jobs/${seeded.jobId}`);
      await office.page.locator(`[data-testid="job-page"][data-status="${status}"]`).waitFor({ timeout: TIMEOUT });
    };
    const draftFromJob = async () => {
      await openJob('completed');
      await office.page.getByTestId('create-job-invoice').click();
      await invoices.shownDraft.waitFor({ timeout: TIMEOUT });
      expect(await invoices.shownDraft.getByTestId('price-needed').textContent()).toContain('Odd gasket');
    };
    await draftFromJob();

    // Not issuable while the free-text part is $0.00; its price (with a reason) unblocks it.
    expect(await invoices.issueShownDraftRefused()).toBe('Set the price of “Odd gasket” before issuing: it is still $0.00 (PRICE NEEDED).');
    await invoices.setLinePrice('Odd gasket', '12.50', 'Supplier invoice 4411');
    await expect.poll(() => invoices.shownDraft.getByTestId('invoice-total').textContent()).toBe('$440.00');
    expect((await invoices.shownDraft.getByTestId('line-explanation').allTextContents()).join(' ')).toContain('Supplier invoice 4411');
    const first = await invoices.issueShown();

    // Voiding it sends the job back to completed (through its event log), so it is invoiced again.
    await openJob('invoiced');
    await invoices.open();
    await invoices.row(first).getByRole('button').click();
    await invoices.voidShown('Priced the gasket wrong');
    await draftFromJob();
    await invoices.setLinePrice('Odd gasket', '12.50', 'Supplier invoice 4411');
    const number = await invoices.issueShown();
    expect(number).not.toBe(first);

    // The PDF: non-empty, the number and the total in its text, the logo as an image.
    const pdf = await new InvoiceOutputPage(office.page).downloadPdf();
    expect(pdf.bytes.length).toBeGreaterThan(1_000);
    const text = pdf.bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain(number);
    expect(text).toContain('$440.00');
    expect(text).toMatch(/\/Subtype \/Image/);

    // The second context saw it issued, due today (current bucket), without reloading.
    await watcher.waitForRow(number, 'issued', '$440.00');
    await watcher.waitForAgingTotal('current', '$440.00');

    // A partial payment here → balance, status and aging change live there.
    await invoices.open();
    await invoices.recordPartialPayment(number, '100', '2201');
    await invoices.waitForRow(number, 'partially-paid', '$340.00');
    await watcher.waitForRow(number, 'partially-paid', '$340.00');
    await watcher.waitForAgingTotal('current', '$340.00');
    await watcher.row(number).getByRole('button').click();
    await expect.poll(() => watcher.page.getByTestId('invoice-status').textContent()).toBe('Partially paid');
    await expect.poll(() => watcher.page.getByTestId('invoice-detail-balance').textContent()).toBe('$340.00');
  });
});
