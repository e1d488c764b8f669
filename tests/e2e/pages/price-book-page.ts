/**
 * Page object for Settings › Price book (admins and dispatchers edit; technicians and managers
 * look up). Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export type PriceBookTab = 'Parts' | 'Services' | 'Labour rates' | 'Bundles' | 'Discounts' | 'Tax rates' | 'Terms' | 'Billing settings';

const COLLECTION: Record<Exclude<PriceBookTab, 'Billing settings'>, string> = {
  Parts: 'parts',
  Services: 'services',
  'Labour rates': 'labourRates',
  Bundles: 'bundles',
  Discounts: 'discountPresets',
  'Tax rates': 'taxRates',
  Terms: 'terms'
};

export class PriceBookPage {
  #collection = 'parts';

  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  /** Signs in with a link straight onto the price book. */
  async signInWithLink(token: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/settings/price-book#token=${encodeURIComponent(token)}`);
    await this.tabs.waitFor({ timeout: TIMEOUT });
  }

  /** Settings, then the Price book link. */
  async openFromSettings(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/settings`);
    await this.page.getByTestId('price-book-link').click();
    await this.page.waitForURL((url) => url.pathname === '/settings/price-book', { timeout: TIMEOUT });
    await this.tabs.waitFor({ timeout: TIMEOUT });
  }

  get tabs(): Locator {
    return this.page.getByRole('tablist', { name: 'Price book' });
  }

  async openTab(tab: PriceBookTab): Promise<void> {
    await this.tabs.getByRole('tab', { name: tab, exact: true }).click();
    if (tab !== 'Billing settings') {
      this.#collection = COLLECTION[tab];
      await this.list.waitFor({ timeout: TIMEOUT });
    }
  }

  get list(): Locator {
    return this.page.getByTestId(`${this.#collection}-list`);
  }
  get form(): Locator {
    return this.page.getByTestId(`${this.#collection}-form`);
  }
  get readOnlyNote(): Locator {
    return this.page.getByTestId('price-book-read-only');
  }

  addButton(noun: string): Locator {
    return this.page.getByRole('button', { name: `Add ${noun}`, exact: true });
  }

  row(title: string): Locator {
    return this.page.locator(`[data-testid="${this.#collection}-row"][data-name="${title}"]`);
  }

  /** Opens the add form and types into the fields by label (text fields and selects). */
  async fillNew(noun: string, values: Record<string, string>): Promise<void> {
    if (!(await this.form.isVisible())) await this.addButton(noun).click();
    for (const [label, value] of Object.entries(values)) {
      const field = this.form.getByLabel(label, { exact: true });
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
  }

  /** In the bundle form: adds a row holding `item` (its option text) × `quantity`. */
  async addBundleItem(item: string, quantity: string): Promise<void> {
    await this.form.getByRole('button', { name: 'Add item', exact: true }).click();
    const index = await this.form.getByRole('button', { name: /^Remove item/ }).count();
    await this.form.getByLabel(`Item ${index}`, { exact: true }).selectOption({ label: item });
    await this.form.getByLabel(`Quantity of item ${index}`, { exact: true }).fill(quantity);
  }

  async submit(): Promise<void> {
    await this.form.locator('button[type="submit"]').click();
  }

  /** Submits and returns the per-field errors shown (the form stays open). */
  async submitExpectingErrors(): Promise<Record<string, string>> {
    await this.submit();
    await this.form.locator('[data-field-error]').first().waitFor({ timeout: TIMEOUT });
    return this.form.locator('[data-field-error]').evaluateAll((els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-field-error') ?? '', el.textContent?.trim() ?? ''])));
  }

  async add(noun: string, values: Record<string, string>): Promise<void> {
    await this.fillNew(noun, values);
    await this.submit();
    await this.form.waitFor({ state: 'detached', timeout: TIMEOUT });
  }

  /** Values of the open form's inputs, by label. */
  async formValue(label: string): Promise<string> {
    return this.form.getByLabel(label, { exact: true }).inputValue();
  }

  /** Billing settings: picks a logo file; returns the error shown, or null once the preview shows it. */
  async uploadLogo(file: { name: string; mimeType: string; buffer: Buffer }): Promise<string | null> {
    await this.openTab('Billing settings');
    const field = this.page.getByTestId('logo-field');
    await field.getByTestId('logo-input').setInputFiles(file);
    // The field is busy from the pick until the file is checked and kept (or refused).
    await this.page.locator('[data-testid="logo-field"][data-busy="false"]').waitFor({ timeout: TIMEOUT });
    const error = field.getByTestId('logo-error');
    if (await error.count()) return ((await error.textContent()) ?? '').trim();
    await field.getByTestId('logo-preview').waitFor({ timeout: TIMEOUT });
    return null;
  }
}
