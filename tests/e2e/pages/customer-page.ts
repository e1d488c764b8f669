/**
 * Page object for the customer page (/customers/[id], src/routes/customers/). Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export class CustomerPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(customerId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/customers/${customerId}`);
    await this.page.getByTestId('customer-page').waitFor({ timeout: TIMEOUT });
  }

  /** Finished jobs still on the live board. */
  get pastJobs(): Locator {
    return this.page.getByTestId('customer-past-jobs');
  }

  /** Jobs loaded from archive months. */
  get archivedJobs(): Locator {
    return this.page.getByTestId('customer-archived-jobs');
  }

  /** Opens an archived job from the list; resolves once its read-only page shows it. */
  async openArchivedJob(number: string): Promise<Locator> {
    await this.archivedJobs.getByRole('link', { name: new RegExp(number) }).click();
    const job = this.page.locator(`[data-testid="archived-job"][data-job-number="${number}"]`);
    await job.waitFor({ timeout: TIMEOUT });
    return job;
  }

  /** Names of this origin's IndexedDB databases (each synced room the device opened has one). */
  async localDatabases(): Promise<string[]> {
    return this.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  }
}
