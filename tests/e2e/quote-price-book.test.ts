/**
 * Quotes priced from the whole price book (issue 10 follow-up): a dispatcher builds a quote
 * from the searchable picker with a part, a labour rate (hours) and a bundle; each line shows
 * the book's price; the saved quote's total is the engine's, in cents (parts and the bundle
 * taxed, labour not); the printed quote and its PDF carry those lines; once the customer
 * accepts, the job requires the quoted parts (the bundle's included).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicLinkPath } from '../../src/lib/domain/quotes/document-link';
import { orgDay } from '../../src/lib/domain/receivables/records';
import { TEST_NOW, TEST_TIME_ZONE } from '../clock';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { BILLING_SETTINGS, seedBilling } from './billing-support';
import { nodeCatalog } from './board-support';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';
import { InvoiceOutputPage } from './pages/invoice-output-page';
import { OfficeQuotesPage } from './pages/quotes-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

const ORG = 'quote-book-org';
/** A 1×1 PNG: the drawn signature the customer's page sends. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
let relay: Relay;
let browser: Browser;
const contexts: BrowserContext[] = [];

/**
 * CA sales tax 7.25 % as the default rate; filter FLT-16 at $24.99 (taxable); labour "Standard"
 * $120/h (15-min increment, 1 h minimum, not taxable); bundle SPRING "Spring check" (2 filters)
 * at $149.00, taxable at the default rate.
 */
async function seedBook(): Promise<void> {
  const { catalog, connection, confirmed } = await nodeCatalog(relay, ORG);
  try {
    const tax = catalog.save('taxRates', { name: 'CA sales tax', rate: '7.25' }, undefined, TEST_NOW);
    const filter = catalog.save('parts', { sku: 'FLT-16', description: 'Filter 16x25', cost: '12.00', pricingKind: 'price', price: '24.99' }, undefined, TEST_NOW);
    const rate = catalog.save('labourRates', { name: 'Standard', rateClass: 'regular', rate: '120.00', incrementMinutes: '15', minimumMinutes: '60' }, undefined, TEST_NOW);
    if (!tax.ok || !filter.ok || !rate.ok) throw new Error(`seed price book: ${JSON.stringify([tax, filter, rate])}`);
    const bundle = catalog.save('bundles', { code: 'SPRING', name: 'Spring check', price: '149.00', items: [{ kind: 'part', refId: filter.value.id, quantity: 2 }] }, undefined, TEST_NOW);
    const settings = catalog.saveSettings({ ...BILLING_SETTINGS, defaultTaxRateId: tax.value.id });
    if (!bundle.ok || !settings.ok) throw new Error(`seed price book: ${JSON.stringify([bundle, settings])}`);
    await confirmed();
  } finally {
    connection.destroy();
  }
}

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  await seedBilling(relay, ORG);
  await seedBook();
});

afterAll(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await browser?.close();
  await relay?.kill();
});

describe('a quote from the price book', () => {
  it('a dispatcher adds a part, a labour rate and a bundle from the picker; the total is the engine’s, the print and PDF carry the lines, and the accepted job requires the parts', async () => {
    const context = await newDevice(browser);
    contexts.push(context);
    const board = new BoardPage(await context.newPage(), relay.httpUrl);
    await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' }));
    await board.waitForSync('synced');
    const quotes = new OfficeQuotesPage(board.page, relay.httpUrl);
    await quotes.open();
    await board.page.getByTestId('new-quote').click();
    const form = board.page.getByTestId('quote-form');
    await form.getByLabel('Customer', { exact: true }).selectOption({ label: 'Harbor Bakery' });
    await form.getByLabel('Valid until').fill(orgDay(new Date(Date.now() + 30 * 86_400_000), TEST_TIME_ZONE));
    const lines = quotes.sharedLines();

    // The first pick fills the form's empty line; the search matches the SKU.
    const filter = await quotes.addFromBook(lines, 'flt-16', 'part');
    expect(await lines.locator('.line').count()).toBe(1);
    expect(await filter.getByLabel('Description').inputValue()).toBe('FLT-16 Filter 16x25');
    expect(await filter.getByLabel('Unit price').inputValue()).toBe('24.99');
    expect(await filter.getByTestId('book-price').innerText()).toBe('Part · book $24.99');
    await filter.getByLabel('Qty').fill('2');

    const labour = await quotes.addFromBook(lines, 'standard', 'labour');
    expect(await labour.getByTestId('book-price').innerText()).toBe('Labour · book $120.00 / h');
    await labour.getByLabel('Hours').fill('2.5');

    const bundle = await quotes.addFromBook(lines, 'spring', 'bundle');
    expect(await bundle.getByLabel('Description').inputValue()).toBe('SPRING Spring check');
    expect(await lines.locator('.line').count()).toBe(3);
    await board.page.screenshot({ path: screenshotPath('quote-price-book-form'), fullPage: true });

    await form.getByRole('button', { name: 'Save quote' }).click();
    await board.page.getByTestId('quote-detail').waitFor();
    // Filters 2 × $24.99 = $49.98 + 7.25 % ($3.62, from 362.355 ¢); labour 2.5 h × $120 = $300.00, no tax;
    // Spring check $149.00 + 7.25 % ($10.80, from 1,080.25 ¢): 4,998 + 362 + 30,000 + 14,900 + 1,080 = 51,340 ¢.
    expect(await quotes.shownTotal()).toBe('$513.40');
    const detail = (await board.page.getByTestId('quote-detail').innerText()).replace(/\s+/g, ' ');
    expect(detail).toContain('CA sales tax (7.25 %) $14.42');

    const output = new InvoiceOutputPage(board.page);
    await board.page.emulateMedia({ media: 'print' });
    const printed = (await board.page.getByTestId('printable-invoice').innerText()).replace(/\s+/g, ' ');
    await board.page.emulateMedia({ media: 'screen' });
    for (const text of ['FLT-16 Filter 16x25', 'Labour — Standard', 'SPRING Spring check', '$513.40']) expect(printed).toContain(text);
    // Each line explains its amount as an invoice would.
    expect(printed).toContain('2 h 30 min → 2.5 h × $120.00 (15-min increment)');
    expect(printed).toContain('1 each × $149.00 (bundle at one price: 2 × Filter 16x25)');

    const pdf = await output.downloadPdf();
    expect(pdf.name).toMatch(/^Q-[2-9A-Z]{4}-\d{4}\.pdf$/);
    const pdfText = pdf.bytes.toString('latin1');
    for (const text of ['FLT-16 Filter 16x25', 'SPRING Spring check', '$300.00', '$149.00', '$513.40']) expect(pdfText).toContain(text);

    // The customer accepts (the public API, as the /q/ page sends it): the job requires the
    // quoted filters, 2 on their line and 2 in the Spring check, on its page.
    const number = /Q-[2-9A-Z]{4}-\d{4}/.exec(pdf.name)![0];
    const token = decodeURIComponent((await quotes.copyLink()).split('/q/')[1]!);
    const accepted = await fetch(`${relay.httpUrl}${publicLinkPath('quote', token, 'accept')}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Ann Lee', optionId: 'only', signaturePng: PNG }) });
    expect(accepted.status).toBe(201);
    await quotes.waitForStatus(number, 'accepted');
    await quotes.schedule(number);
    const required = board.page.getByTestId('required-parts');
    await required.getByLabel('Quantity of FLT-16').waitFor();
    expect(await required.getByLabel('Quantity of FLT-16').inputValue()).toBe('4');
  });
});
