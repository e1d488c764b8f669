/**
 * Page object for /inventory: stock by location (a location picker and its table), the move
 * forms (receive / transfer / adjust / reorder point) and the part history.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export class InventoryPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/inventory`);
    await this.page.getByTestId('stock-by-location').waitFor({ timeout: TIMEOUT });
  }

  /** Shows one location's stock in the by-location table. */
  async showLocation(name: string): Promise<void> {
    await this.page.getByLabel('Location', { exact: true }).first().selectOption({ label: name });
  }

  /** The on-hand cell of a part in the by-location table (for the location shown). */
  onHand(partId: string): Locator {
    return this.page.locator(`[data-testid="stock-by-location"] tr[data-part="${partId}"] [data-testid="on-hand"]`);
  }

  async transfer(values: { part: string; from: string; to: string; qty: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = this.page.getByRole('dialog', { name: 'Transfer stock' });
    await form.getByLabel('Part').selectOption({ label: values.part });
    await form.getByLabel('From').selectOption({ label: values.from });
    await form.getByLabel('To', { exact: true }).selectOption({ label: values.to });
    await form.getByLabel('Quantity').fill(values.qty);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached', timeout: TIMEOUT });
  }

  /** Submits a transfer expected to be refused; returns the errors shown. */
  async transferExpectingError(values: { part: string; from: string; to: string; qty: string }): Promise<string[]> {
    await this.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = this.page.getByRole('dialog', { name: 'Transfer stock' });
    await form.getByLabel('Part').selectOption({ label: values.part });
    await form.getByLabel('From').selectOption({ label: values.from });
    await form.getByLabel('To', { exact: true }).selectOption({ label: values.to });
    await form.getByLabel('Quantity').fill(values.qty);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.locator('.error').first().waitFor({ timeout: TIMEOUT });
    const texts = await form.locator('.error').allTextContents();
    await form.getByRole('button', { name: 'Cancel' }).click();
    return texts;
  }

  /** One technician's block of Tomorrow's needs. */
  needsOf(technicianId: string): Locator {
    return this.page.locator(`[data-testid="tomorrow-needs"] [data-testid="technician-needs"][data-technician="${technicianId}"]`);
  }

  /** A cell (`needed`, `on-truck`, `short`) of a part's line in a technician's needs. */
  needCell(technicianId: string, partId: string, cell: 'needed' | 'on-truck' | 'short'): Locator {
    return this.needsOf(technicianId).locator(`tr[data-part="${partId}"] [data-testid="${cell}"]`);
  }

  /** The one-click transfer of a technician's shortfall from their office warehouse. */
  async transferShortfall(technicianId: string): Promise<void> {
    await this.needsOf(technicianId).getByRole('button', { name: /^Transfer \d+ parts? from / }).click();
    await this.needsOf(technicianId).getByRole('status').getByText('Transferred.').waitFor({ timeout: TIMEOUT });
  }
}
