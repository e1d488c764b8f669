/**
 * Page objects for quotes: the office's /invoices › Quotes tab (create a quote, copy its
 * customer link, list and revoke its links, schedule the accepted work) and the customer's public link pages
 * (`/q/<token>`: choose, sign and accept; `/i/<token>`). Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export interface QuoteLine {
  description: string;
  quantity: string;
  unitPrice: string;
}

export class OfficeQuotesPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/invoices?tab=quotes`);
    await this.page.getByTestId('invoices-page').waitFor({ timeout: TIMEOUT });
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="quote-row"][data-number="${number}"]`);
  }

  async #fillLines(editor: Locator, lines: QuoteLine[]): Promise<void> {
    for (const [i, line] of lines.entries()) {
      if (i > 0) await editor.getByRole('button', { name: 'Add line' }).click();
      const row = editor.locator('.line').nth(i);
      await row.getByLabel('Description').fill(line.description);
      await row.getByLabel('Qty').fill(line.quantity);
      await row.getByLabel('Unit price').fill(line.unitPrice);
    }
  }

  /** Fills the new-quote form (shared lines, then options) and saves; returns the quote's number. */
  async create(values: { customer: string; validUntil: string; shared: QuoteLine[]; options: { label: string; lines: QuoteLine[] }[] }): Promise<string> {
    await this.page.getByTestId('new-quote').click();
    const form = this.page.getByTestId('quote-form');
    await form.getByLabel('Customer', { exact: true }).selectOption({ label: values.customer });
    await form.getByLabel('Valid until').fill(values.validUntil);
    await this.#fillLines(form.locator('[data-testid="quote-lines"][data-prefix="shared"]'), values.shared);
    for (const [i, option] of values.options.entries()) {
      await form.getByRole('button', { name: /^Add option/ }).click();
      const block = form.getByTestId('quote-option').nth(i);
      await block.getByLabel('Option name').fill(option.label);
      await this.#fillLines(block.getByTestId('quote-lines'), option.lines);
    }
    await form.getByRole('button', { name: 'Save quote' }).click();
    const detail = this.page.getByTestId('quote-detail');
    await detail.waitFor({ timeout: TIMEOUT });
    const title = (await this.page.locator('#quote-title').textContent()) ?? '';
    const number = /Q-[2-9A-Z]{4}-\d{4,}/.exec(title)?.[0];
    if (!number) throw new Error(`no quote number in "${title}"`);
    return number;
  }

  /** The new-quote form's shared lines ("Lines" when the quote has no options). */
  sharedLines(): Locator {
    return this.page.getByTestId('quote-form').locator('[data-testid="quote-lines"][data-prefix="shared"]');
  }

  /**
   * Types `query` into a lines editor's price-book search, waits for a match of `kind` and
   * picks the first match with Enter (the query must put the wanted item first); returns the
   * line it filled or added.
   */
  async addFromBook(editor: Locator, query: string, kind: 'service' | 'part' | 'labour' | 'bundle'): Promise<Locator> {
    const picker = editor.getByTestId('book-picker');
    await picker.getByRole('combobox').fill(query);
    await picker.locator(`[data-testid="book-pick"][data-kind="${kind}"]`).first().waitFor({ timeout: TIMEOUT });
    await picker.getByRole('combobox').press('Enter');
    await picker.getByTestId('book-pick').first().waitFor({ state: 'detached', timeout: TIMEOUT });
    return editor.locator('.line').last();
  }

  /** The shown quote's total row (the option shown). */
  async shownTotal(): Promise<string> {
    return ((await this.page.getByTestId('quote-detail').locator('tfoot tr').last().locator('td').last().textContent()) ?? '').trim();
  }

  /** "Copy customer link" on the shown quote; returns the link's URL (also shown on the page). */
  async copyLink(): Promise<string> {
    const box = this.page.getByTestId('quote-link');
    // A second link replaces the first in the same box: wait for the new one.
    const before = (await box.count()) > 0 ? await box.inputValue() : null;
    await this.page.getByTestId('quote-copy-link').click();
    await box.waitFor({ timeout: TIMEOUT });
    await this.page.waitForFunction((old) => (document.querySelector('[data-testid="quote-link"]') as HTMLInputElement | null)?.value !== old, before, { timeout: TIMEOUT });
    return box.inputValue();
  }

  /** The shown document's Links list, newest first. */
  links(): Locator {
    return this.page.getByTestId('customer-link');
  }

  /** Waits until the Links list shows these statuses, newest first. */
  async waitForLinks(statuses: string[]): Promise<void> {
    const list = this.page.getByTestId('customer-links');
    await list.locator(`[data-testid="customer-link"]:nth-child(${statuses.length})`).waitFor({ timeout: TIMEOUT });
    await this.page.waitForFunction(
      (expected) => JSON.stringify([...document.querySelectorAll('[data-testid="customer-link"]')].map((row) => row.getAttribute('data-status'))) === expected,
      JSON.stringify(statuses),
      { timeout: TIMEOUT }
    );
  }

  /** "Revoke…" on the link at `index` (newest first), then confirms. */
  async revokeLink(index: number): Promise<void> {
    const row = this.links().nth(index);
    await row.getByTestId('link-revoke').click();
    await row.getByTestId('link-revoke-confirm').click();
  }

  async waitForStatus(number: string, status: string): Promise<void> {
    await this.page.locator(`[data-testid="quote-row"][data-number="${number}"][data-status="${status}"]`).waitFor({ timeout: TIMEOUT });
  }

  /** Opens the quote and clicks "Schedule" (the accepted quote's job). */
  async schedule(number: string): Promise<void> {
    await this.row(number).getByRole('button').click();
    await this.page.getByTestId('quote-schedule').click();
    await this.page.waitForURL(/\/jobs\/[^/?]+$/, { timeout: TIMEOUT });
  }
}

export class CustomerLinkPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  /** The refusal page's heading and text, once shown. */
  async refusal(): Promise<string> {
    const box = this.page.getByTestId('link-refused');
    await box.waitFor({ timeout: TIMEOUT });
    return (await box.innerText()).replace(/\s+/g, ' ').trim();
  }

  async state(): Promise<string | null> {
    const el = this.page.getByTestId('quote-state');
    await el.waitFor({ timeout: TIMEOUT });
    return el.getAttribute('data-state');
  }

  async chooseOption(label: string): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${label} `) }).check();
  }

  /** Accept → draws a signature with the mouse → name → "Accept and sign"; returns the thank-you text. */
  async acceptAndSign(name: string): Promise<string> {
    await this.page.getByTestId('quote-accept').click();
    const canvas = this.page.getByTestId('signature-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('signature canvas not visible');
    await this.page.mouse.move(box.x + 20, box.y + box.height / 2);
    await this.page.mouse.down();
    for (let i = 1; i <= 10; i++) await this.page.mouse.move(box.x + 20 + i * ((box.width - 40) / 10), box.y + box.height / 2 + (i % 2 ? -15 : 15));
    await this.page.mouse.up();
    await this.page.getByLabel('Your name').fill(name);
    await this.page.getByRole('button', { name: 'Accept and sign' }).click();
    const done = this.page.getByTestId('quote-answered');
    await done.waitFor({ timeout: TIMEOUT });
    return (await done.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Widest element's right edge vs the viewport width (no horizontal overflow when ≤). */
  async overflow(): Promise<{ scrollWidth: number; clientWidth: number }> {
    return this.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  }
}
