/**
 * Page object for the asset page (/assets/[id], src/routes/assets/). Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export class AssetPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(assetId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/assets/${assetId}`);
    await this.page.locator(`[data-testid="asset-page"][data-asset-id="${assetId}"]`).waitFor({ timeout: TIMEOUT });
  }

  /** Follows the equipment link on the customer page (`asset-link`) or the job page (`job-asset-link`). */
  async followLink(from: string, testid: 'asset-link' | 'job-asset-link', assetId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}${from}`);
    await this.page.getByTestId(testid).first().click();
    await this.page.locator(`[data-testid="asset-page"][data-asset-id="${assetId}"]`).waitFor({ timeout: TIMEOUT });
  }

  get warranty(): Locator {
    return this.page.getByTestId('asset-warranty');
  }
  get summary(): Locator {
    return this.page.getByTestId('asset-summary');
  }
  get agreements(): Locator {
    return this.page.getByTestId('asset-agreements');
  }
  jobs(): Locator {
    return this.page.getByTestId('asset-job');
  }
  job(jobId: string): Locator {
    return this.page.locator(`[data-testid="asset-job"][data-job-id="${jobId}"]`);
  }
  parts(): Locator {
    return this.page.getByTestId('asset-history').getByTestId('asset-part');
  }
  /** Thumbnails in the history, optionally only those whose bytes are shown. */
  photos(state?: 'ready'): Locator {
    return this.page.getByTestId('asset-history').locator(state ? `[data-testid="attachment"][data-state="${state}"]` : '[data-testid="attachment"]');
  }

  /** Waits until every one of `count` photos shows its image. */
  async waitForPhotos(count: number): Promise<void> {
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="asset-history"] [data-testid="attachment"][data-state="ready"]').length === n,
      count,
      { timeout: TIMEOUT }
    );
  }

  /** Sets one custom field through the edit form and saves. */
  async editCustomField(name: string, value: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = this.page.getByTestId('asset-edit');
    await form.getByLabel('Field name 1').fill(name);
    await form.getByLabel('Field value 1').fill(value);
    await form.getByRole('button', { name: 'Save' }).click();
    await this.summary.waitFor({ timeout: TIMEOUT });
  }

  /** "New job for this asset": the intake dialog, opened with customer, site and asset picked. */
  async startNewJob(): Promise<Locator> {
    await this.page.getByTestId('asset-new-job').click();
    const dialog = this.page.getByTestId('intake-dialog');
    await this.equipmentChoices(dialog).waitFor({ timeout: TIMEOUT });
    return dialog;
  }

  /** The customer the intake has picked. */
  pickedCustomer(dialog: Locator): Locator {
    return dialog.getByTestId('intake-picked-customer');
  }

  /** The intake's list of the site's equipment (checkboxes with the warranty). */
  equipmentChoices(dialog: Locator): Locator {
    return dialog.getByRole('group', { name: 'Equipment at this site' });
  }
}
