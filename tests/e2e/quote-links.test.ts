/**
 * Issue 10, done-when 4 (customer links): the office creates a quote with good/better options
 * and copies its link; a fresh browser (a phone, never signed in) opens `/q/<token>`, chooses
 * an option, signs and accepts; the office's open board shows the new job live, and the
 * accepted quote's "Schedule" opens that job. A tampered link and an expired one (minted on the
 * fixed past test clock) get a clear refusal page. An issued invoice's link shows the invoice,
 * how to pay, and downloads a non-empty PDF. The office revokes a link from the quote's Links
 * list; the customer's open page then says, on reload, that it was withdrawn.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orgDay } from '../../src/lib/domain/receivables/records';
import { TEST_NOW, TEST_TIME_ZONE } from '../clock';
import { startRelay } from '../helpers/relay-process';
import { makeLink, makeToken } from '../helpers/tokens';
import type { AllowedError } from './console-guard';
import { seedBilling } from './billing-support';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';
import { InvoiceOutputPage } from './pages/invoice-output-page';
import { InvoicesPage } from './pages/invoices-page';
import { CustomerLinkPage, OfficeQuotesPage } from './pages/quotes-page';
import { nodeBoard } from './board-support';
import { publicLinkPath } from '../../src/lib/domain/quotes/document-link';

type Relay = Awaited<ReturnType<typeof startRelay>>;

const ORG = 'quote-links-org';
/** The refusal pages load a document the relay refuses (400 changed, 410 expired or withdrawn). */
const LINK_REFUSED: AllowedError = { pattern: /Failed to load resource: the server responded with a status of (400|410)\b/, why: 'the test opens tampered, expired and withdrawn customer links' };
let relay: Relay;
let customerId = '';
let browser: Browser;
const contexts: BrowserContext[] = [];

/** The relay judges a quote's validity by its real clock: valid until 90 real days from now. */
const validUntil = () => orgDay(new Date(Date.now() + 90 * 86_400_000), TEST_TIME_ZONE);

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  ({ customerId } = await seedBilling(relay, ORG));
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

async function office(viewport: 'desktop' | 'phone' = 'desktop'): Promise<BoardPage> {
  const context = await newDevice(browser, viewport);
  contexts.push(context);
  const board = new BoardPage(await context.newPage(), relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' }));
  await board.waitForSync('synced');
  return board;
}

/** A fresh phone that never signed in to anything. */
async function customer(allow: AllowedError[] = []): Promise<CustomerLinkPage> {
  const context = await newDevice(browser, 'phone', { allow });
  contexts.push(context);
  return new CustomerLinkPage(await context.newPage());
}

function tampered(url: string): string {
  const token = decodeURIComponent(url.split('/q/')[1] ?? '');
  const [head, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const changed = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 365 * 86_400 })).toString('base64url');
  return `${relay.httpUrl}/q/${[head, changed, signature].join('.')}`;
}

describe('customer links', () => {
  it('a customer without an account accepts a quote; the office sees the job live and schedules it; bad links are refused clearly', async () => {
    const board = await office();
    const quotes = new OfficeQuotesPage(board.page, relay.httpUrl);
    await quotes.open();
    const number = await quotes.create({
      customer: 'Harbor Bakery',
      validUntil: validUntil(),
      shared: [{ description: 'Site survey', quantity: '1', unitPrice: '50' }],
      options: [
        { label: 'Good', lines: [{ description: 'Repair furnace', quantity: '1', unitPrice: '300' }] },
        { label: 'Better', lines: [{ description: 'New furnace', quantity: '1', unitPrice: '2500' }] }
      ]
    });
    const url = await quotes.copyLink();
    expect(url).toMatch(new RegExp(`^${relay.httpUrl}/q/[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    await quotes.waitForStatus(number, 'sent');
    const quoteId = (await quotes.row(number).getAttribute('data-quote-id'))!;

    // The office watches its board while the customer answers.
    await board.open('/board');
    await board.waitForBoard();

    const phone = await customer();
    await phone.open(url);
    expect(await phone.state()).toBe('open');
    expect(await phone.overflow()).toEqual({ scrollWidth: 390, clientWidth: 390 });
    await phone.chooseOption('Better');
    await phone.page.screenshot({ path: screenshotPath('quote-link-phone'), fullPage: true });
    const thanks = await phone.acceptAndSign('Ann Lee');
    const jobNumber = /J-WEB2-\d{4}/.exec(thanks)?.[0];
    expect(thanks).toContain('the quote is accepted');
    expect(jobNumber).toBeDefined();

    await board.waitForStatus(jobNumber!, 'new');
    expect(await board.jobCard(jobNumber!).innerText()).toContain('Harbor Bakery');

    // The same link now says it was answered; a second answer is not offered.
    await phone.open(url);
    expect(await phone.state()).toBe('accepted');
    expect(await phone.page.getByTestId('quote-accept').count()).toBe(0);

    await quotes.open();
    await quotes.waitForStatus(number, 'accepted');
    await quotes.row(number).getByRole('button').click();
    await board.page.getByTestId('quote-detail').waitFor();
    // The customer's drawn signature, fetched from the blob store like any attachment.
    await board.page.waitForFunction(() => (document.querySelector('[data-testid="quote-signature"]') as HTMLImageElement | null)?.naturalWidth === 600);
    await board.page.screenshot({ path: screenshotPath('quote-accepted-office'), fullPage: true });
    await quotes.schedule(number);
    expect(await board.page.getByText(jobNumber!).first().isVisible()).toBe(true);

    const refused = await customer([LINK_REFUSED]);
    await refused.open(tampered(url));
    expect(await refused.refusal()).toMatch(/^This link cannot be used This link is not valid: it was changed after it was sent\./);
    const expired = await makeLink(relay.dataDir, { org: ORG, kind: 'quote', doc: quoteId }, Math.floor(TEST_NOW.getTime() / 1000));
    await refused.open(`${relay.httpUrl}/q/${expired}`);
    expect(await refused.refusal()).toBe('This link has expired This link has expired. Please ask the company for a new link.');
    expect(await refused.overflow()).toEqual({ scrollWidth: 390, clientWidth: 390 });
  });

  it('the office revokes a link from the quote’s Links list: the customer’s open page says it was withdrawn on reload; offline the list needs the server', async () => {
    const board = await office();
    const quotes = new OfficeQuotesPage(board.page, relay.httpUrl);
    await quotes.open();
    await quotes.create({ customer: 'Harbor Bakery', validUntil: validUntil(), shared: [{ description: 'Descale boiler', quantity: '1', unitPrice: '180' }], options: [] });
    const first = await quotes.copyLink();
    await quotes.waitForLinks(['active']);
    expect(await quotes.links().first().innerText()).toContain('Dana');

    const phone = await customer([LINK_REFUSED]);
    await phone.open(first);
    expect(await phone.state()).toBe('open');

    const second = await quotes.copyLink();
    expect(second).not.toBe(first);
    await quotes.waitForLinks(['active', 'active']);
    await quotes.revokeLink(1); // the older one: the link the customer has open
    await quotes.waitForLinks(['active', 'revoked']);
    await board.page.screenshot({ path: screenshotPath('quote-links-revoked'), fullPage: true });

    await phone.page.reload();
    expect(await phone.refusal()).toBe('This link was withdrawn This link was withdrawn by Bayside HVAC. Please ask them for a new one.');
    expect(await phone.page.getByTestId('quote-accept').count()).toBe(0);
    expect(await phone.overflow()).toEqual({ scrollWidth: 390, clientWidth: 390 });
    // The newer link still works.
    await phone.open(second);
    expect(await phone.state()).toBe('open');

    // Offline the office is told the list needs the server; the list it has stays, nothing else breaks.
    await board.page.context().setOffline(true);
    await board.page.getByTestId('links-revoke-all').click();
    await board.page.getByTestId('links-revoke-all-confirm').click();
    await board.page.getByText('The list of links needs the server').waitFor();
    await quotes.waitForLinks(['active', 'revoked']);
    expect(await board.page.getByTestId('quote-detail').isVisible()).toBe(true);
    await board.page.context().setOffline(false);
  });

  it('an invoice link shows the invoice with how to pay (no online payment) and downloads its PDF', async () => {
    const board = await office();
    const invoices = new InvoicesPage(board.page, relay.httpUrl);
    await invoices.open();
    const number = await invoices.createAndIssue({ customer: 'Harbor Bakery', date: '2026-06-01', terms: 'Net 15', lines: [{ description: 'Service call', quantity: '1', unitPrice: '89' }] });
    await board.page.getByTestId('invoice-copy-link').click();
    const url = await board.page.getByTestId('invoice-link').inputValue();
    expect(url).toMatch(new RegExp(`^${relay.httpUrl}/i/`));

    const phone = await customer();
    await phone.open(url);
    await phone.page.getByTestId('document-sheet').waitFor();
    await phone.page.screenshot({ path: screenshotPath('invoice-link-phone'), fullPage: true });
    const payBy = phone.page.getByTestId('invoice-pay-by');
    await payBy.waitFor();
    expect((await payBy.innerText()).trim()).toBe('Online payment is not available — pay by: bank transfer to account 12345678');
    expect(await phone.page.getByTestId('document-sheet').innerText()).toContain(number);
    expect(await phone.overflow()).toEqual({ scrollWidth: 390, clientWidth: 390 });
    const pdf = await new InvoiceOutputPage(phone.page).downloadPdf();
    expect(pdf.name).toBe(`${number}.pdf`);
    expect(pdf.bytes.length).toBeGreaterThan(1_000);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.toString('latin1')).toContain(number);
    expect(pdf.bytes.toString('latin1')).toContain('$89.00');
  });

  it('the office’s Quotes tab and quote form fit a phone (390 px) without sideways scrolling', async () => {
    const board = await office('phone');
    const quotes = new OfficeQuotesPage(board.page, relay.httpUrl);
    await quotes.open();
    await board.page.getByTestId('new-quote').click();
    const form = board.page.getByTestId('quote-form');
    await form.getByRole('button', { name: /^Add option/ }).click();
    await form.getByRole('button', { name: /^Add option/ }).click();
    const width = await board.page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
    await board.page.screenshot({ path: screenshotPath('quote-form-phone'), fullPage: true });
    expect(width).toBe(390);
  });

  it('a quote made from a job ("Quote" on the job page) is accepted onto that job: its history shows it live', async () => {
    const seed = await nodeBoard(relay, ORG);
    const made = seed.board.createJob({ customerName: 'Harbor Bakery', customerId, siteAddress: '1 Pier St', problem: 'Furnace noisy' }, { id: 'test-seed', name: 'Test seed' }, 'SEED');
    if (!made.ok) throw new Error('could not seed the job');
    await seed.confirmed();
    seed.connection.destroy();

    const board = await office();
    await board.open(`/jobs/${made.job.id}`);
    await board.page.getByTestId('job-quote').click();
    const form = board.page.getByTestId('quote-form');
    await form.waitFor();
    expect(await board.page.getByTestId('quote-job').innerText()).toContain(made.job.number);
    expect(await form.getByLabel('Customer', { exact: true }).inputValue()).toBe(customerId);
    expect(await form.getByLabel('Site address').inputValue()).toBe('1 Pier St');
    await form.getByLabel('Valid until').fill(validUntil());
    await form.getByLabel('Description').fill('Replace blower motor');
    await form.getByLabel('Unit price').fill('420');
    await form.getByRole('button', { name: 'Save quote' }).click();
    const url = await new OfficeQuotesPage(board.page, relay.httpUrl).copyLink();
    const token = decodeURIComponent(url.split('/q/')[1]!);

    await board.open(`/jobs/${made.job.id}`);
    await board.page.getByTestId('job-history').waitFor();
    // The customer answers (the public API, as the /q/ page sends it).
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const res = await fetch(`${relay.httpUrl}${publicLinkPath('quote', token, 'accept')}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Ann Lee', optionId: 'only', signaturePng: png }) });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { jobNumber: string }).jobNumber).toBe(made.job.number);
    await board.page.getByText(/recorded that quote Q-[2-9A-Z]{4}-\d{4} \(Quote, \$420\.00\) accepted by Ann Lee/).waitFor({ timeout: 20_000 });
  });
});
