/**
 * Issue 12 (expenses): a dispatcher on a phone (390 px) enters an expense on /reports and the
 * manager's month gross profit drops by it live in another browser context, then comes back
 * when the dispatcher reverses it with a reason. The manager reads but cannot enter expenses,
 * and exports the month as CSV. The phone page never scrolls sideways.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice, screenshotPath, type ViewportName } from './browser';
import { BoardPage } from './pages/board-page';

const ORG = 'expenses-org';
const TIMEOUT = 20_000;
let relay: RelayProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
let dispatcher: Page;
let manager: Page;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  dispatcher = (await signedIn('dana', 'Dana', 'dispatcher', 'phone')).page;
  manager = (await signedIn('mia', 'Mia', 'manager', 'desktop')).page;
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
});

async function signedIn(sub: string, name: string, role: 'dispatcher' | 'manager', viewport: ViewportName): Promise<BoardPage> {
  const token = await makeToken(relay.dataDir, { org: ORG, role, sub, name });
  const context = await newDevice(browser, viewport);
  contexts.push(context);
  const device = new BoardPage(await context.newPage(), relay.httpUrl);
  await device.signInWithLink(token);
  await device.waitForSync('synced');
  return device;
}

const profitIs = (text: string, timeout: number) =>
  manager.waitForFunction((want) => document.querySelector('[data-testid="month-profit-value"]')?.textContent === want, text, { polling: 20, timeout });

async function downloadText(page: Page, testId: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const stream = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('expenses on reports', () => {
  it('drops the manager’s month gross profit live when a dispatcher enters an expense, and restores it on reversal', async () => {
    for (const page of [dispatcher, manager]) {
      await page.goto(`${relay.httpUrl}/reports`);
      await page.getByTestId('card-expenses').waitFor({ timeout: TIMEOUT });
    }
    // The manager reads only; the dispatcher's add form is there.
    expect(await manager.getByTestId('expense-form').count()).toBe(0);
    const form = dispatcher.getByTestId('expense-form');
    await form.waitFor();
    // Both look at the month the dispatcher's expense is dated in (its default date: the org's today).
    const month = (await dispatcher.locator('#exp-date').inputValue()).slice(0, 7);
    await manager.getByTestId('expense-month').fill(month);
    await profitIs('$0.00', 5_000);

    // A bad amount is refused with the reason, nothing written.
    await dispatcher.locator('#exp-amount').fill('12.345');
    await dispatcher.locator('#exp-category').selectOption('fuel');
    await dispatcher.locator('#exp-description').fill('Van diesel');
    await form.getByRole('button', { name: 'Add expense' }).click();
    await dispatcher.getByTestId('expense-error').waitFor();
    expect(await dispatcher.getByTestId('expense-error').textContent()).toContain('amount');

    await dispatcher.locator('#exp-amount').fill('100');
    // A job number that names no job is refused too (a business expense leaves it empty).
    await dispatcher.locator('#exp-job').fill('NO-SUCH-JOB');
    await form.getByRole('button', { name: 'Add expense' }).click();
    await dispatcher.waitForFunction(() => document.querySelector('[data-testid="expense-error"]')?.textContent?.includes('No job has that number'), undefined, { polling: 20, timeout: 5_000 });
    expect(await manager.getByTestId('expense-row').count()).toBe(0);
    await dispatcher.locator('#exp-job').fill('');
    let started = Date.now();
    await form.getByRole('button', { name: 'Add expense' }).click();
    await profitIs('-$100.00', 5_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await manager.getByTestId('expense-total').textContent()).toBe('$100.00');
    expect(await manager.getByTestId('expense-row').count()).toBe(1);

    const width = await dispatcher.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
    expect(width).toBeLessThanOrEqual(390);
    await dispatcher.screenshot({ path: screenshotPath('reports-expenses-390x844'), fullPage: true });

    // Reversed with a reason: a second record; the profit is back.
    await dispatcher.getByTestId('expense-row').getByRole('button', { name: 'Reverse' }).click();
    await dispatcher.locator('#rev-reason').fill('Entered twice');
    started = Date.now();
    await dispatcher.getByRole('button', { name: 'Reverse expense' }).click();
    await profitIs('$0.00', 5_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await manager.getByTestId('expense-row').count()).toBe(2);

    const csv = await downloadText(manager, 'csv-expenses');
    expect(csv).toContain('Date,Category,Description,Job,Amount,Reverses,Reason,Entered by');
    expect(csv).toMatch(/Fuel,Van diesel,,100\.00,,,Dana/);
    expect(csv).toMatch(/Fuel,Van diesel,,-100\.00,[\w-]+,Entered twice,Dana/);
  });
});
