/**
 * Page object for /invoices: create and issue an invoice, record a payment, read a row's
 * balance and status and the aging summary. Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export interface InvoiceLineInput {
  description: string;
  quantity: string;
  unitPrice: string;
}

export class InvoicesPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/invoices`);
    await this.page.getByTestId('invoices-page').waitFor({ timeout: TIMEOUT });
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="invoice-row"][data-number="${number}"]`);
  }

  /** Creates a draft with these lines and issues it; returns its number. */
  async createAndIssue(values: { customer: string; date: string; terms: string; lines: InvoiceLineInput[] }): Promise<string> {
    await this.page.getByRole('button', { name: 'New invoice' }).click();
    const form = this.page.getByTestId('new-invoice-form');
    await form.getByLabel('Customer').selectOption({ label: values.customer });
    await form.getByLabel('Date').fill(values.date);
    await form.getByLabel('Terms').selectOption({ label: values.terms });
    for (const [i, line] of values.lines.entries()) {
      if (i > 0) await form.getByRole('button', { name: 'Add line' }).click();
      await form.locator(`#line-${i}-description`).fill(line.description);
      await form.locator(`#line-${i}-quantity`).fill(line.quantity);
      await form.locator(`#line-${i}-price`).fill(line.unitPrice);
    }
    await form.getByRole('button', { name: 'Create draft' }).click();
    return this.#issueShownDraft('INV');
  }

  /** Issues the draft shown in the detail panel; returns the number it got. */
  async #issueShownDraft(prefix: 'INV' | 'CN'): Promise<string> {
    const detail = this.page.locator('[data-testid="invoice-detail"][data-status="draft"]');
    await detail.waitFor({ timeout: TIMEOUT });
    await detail.getByRole('button', { name: 'Issue' }).click();
    await this.page.locator('[data-testid="invoice-detail"][data-status="issued"]').waitFor({ timeout: TIMEOUT });
    const title = (await this.page.locator('#invoice-title').textContent()) ?? '';
    const number = new RegExp(`${prefix}-[2-9A-Z]{4}-\\d{4,}`).exec(title)?.[0];
    if (!number) throw new Error(`no ${prefix} number in "${title}"`);
    return number;
  }

  /** The draft shown in the detail panel. */
  get shownDraft(): Locator {
    return this.page.locator('[data-testid="invoice-detail"][data-status="draft"]');
  }

  /** Clicks Issue on the shown draft expecting a refusal; returns the message shown. */
  async issueShownDraftRefused(): Promise<string> {
    await this.shownDraft.getByRole('button', { name: 'Issue' }).click();
    return ((await this.shownDraft.locator('.fin-error[role="alert"]').textContent({ timeout: TIMEOUT })) ?? '').trim();
  }

  /** Sets the price of the shown draft's PRICE NEEDED line `description` (unit price, reason). */
  async setLinePrice(description: string, price: string, reason: string): Promise<void> {
    const form = this.shownDraft.getByTestId('set-line-price').filter({ hasText: description });
    await form.getByPlaceholder('Unit price').fill(price);
    await form.getByLabel('Why this price').fill(reason);
    await form.getByRole('button', { name: 'Set price' }).click();
    await form.waitFor({ state: 'detached', timeout: TIMEOUT });
  }

  /** Issues the draft shown in the detail panel (lines from a job, say); returns its number. */
  async issueShown(): Promise<string> {
    return this.#issueShownDraft('INV');
  }

  /** From an open invoice's detail: a payment of `amount` applied to it. */
  async recordPartialPayment(number: string, amount: string, reference: string): Promise<void> {
    await this.row(number).getByRole('button').click();
    await this.page.getByTestId('invoice-detail').getByRole('button', { name: 'Record payment' }).click();
    const form = this.page.getByTestId('payment-form');
    await form.getByLabel('Amount received').fill(amount);
    await form.getByLabel('Method').selectOption({ label: 'Check' });
    await form.getByLabel('Reference').fill(reference);
    await form.getByLabel(new RegExp(`^${number} `)).fill(amount);
    await form.getByRole('button', { name: 'Record payment' }).click();
    await form.waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Waits until the row shows this status and balance. */
  async waitForRow(number: string, status: string, balance: string): Promise<void> {
    await this.page.locator(`[data-testid="invoice-row"][data-number="${number}"][data-status="${status}"]`).waitFor({ timeout: TIMEOUT });
    await this.page.waitForFunction(
      ([n, b]) => document.querySelector(`[data-testid="invoice-row"][data-number="${n}"] [data-testid="invoice-balance"]`)?.textContent?.trim() === b,
      [number, balance] as const,
      { timeout: TIMEOUT }
    );
  }

  /** The aging total of one bucket (`current`, `d1to30`, …) as shown. */
  async agingTotal(bucket: string): Promise<string> {
    return ((await this.page.locator(`[data-testid="aging-total"] [data-bucket="${bucket}"]`).textContent()) ?? '').trim();
  }

  async waitForAgingTotal(bucket: string, text: string): Promise<void> {
    await this.page.waitForFunction(
      ([b, t]) => document.querySelector(`[data-testid="aging-total"] [data-bucket="${b}"]`)?.textContent?.trim() === t,
      [bucket, text] as const,
      { timeout: TIMEOUT }
    );
  }

  /** From an issued invoice: a credit note for its first line only, issued; returns the credit note's number. */
  async creditFirstLine(number: string): Promise<string> {
    await this.row(number).getByRole('button').click();
    await this.page.getByTestId('invoice-detail').getByRole('button', { name: 'Credit note…' }).click();
    const form = this.page.getByTestId('new-invoice-form');
    while ((await form.getByRole('button', { name: 'Remove' }).count()) > 0) await form.getByRole('button', { name: 'Remove' }).last().click();
    await form.getByRole('button', { name: 'Save draft' }).click();
    return this.#issueShownDraft('CN');
  }

  /** Voids the issued document shown in the detail panel, with a reason; waits until it shows void. */
  async voidShown(reason: string): Promise<void> {
    const detail = this.page.getByTestId('invoice-detail');
    await detail.getByRole('button', { name: 'Void…' }).click();
    await detail.getByLabel('Why is it void?').fill(reason);
    await detail.getByRole('button', { name: 'Void it' }).click();
    await this.page.locator('[data-testid="invoice-detail"][data-status="void"]').waitFor({ timeout: TIMEOUT });
  }

  /** Tries to void a document; returns the message shown. */
  async tryVoid(number: string, reason: string): Promise<string> {
    await this.row(number).getByRole('button').click();
    const detail = this.page.getByTestId('invoice-detail');
    await detail.getByRole('button', { name: 'Void…' }).click();
    await detail.getByLabel('Why is it void?').fill(reason);
    await detail.getByRole('button', { name: 'Void it' }).click();
    return ((await detail.getByRole('alert').textContent({ timeout: TIMEOUT })) ?? '').trim();
  }

  /** Settings › Periods: closes `month` (YYYY-MM) for good. */
  async closeMonth(month: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/settings/periods`);
    await this.page.getByLabel('Month', { exact: true }).fill(month);
    await this.page.getByRole('button', { name: 'Close month…' }).click();
    await this.page.getByRole('button', { name: /for good$/ }).click();
    await this.page.getByTestId('closed-months').waitFor({ timeout: TIMEOUT });
  }
}
