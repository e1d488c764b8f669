/**
 * Page object for Settings › Archive (/settings/archive). Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

export class ArchiveSettingsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/settings/archive`);
    await this.page.locator('#archive-title').waitFor({ timeout: 20_000 });
  }

  /** "What would move now", one line per month. */
  get preview(): Locator {
    return this.page.getByTestId('archive-preview');
  }

  get archiveNow(): Locator {
    return this.page.getByTestId('archive-now');
  }

  /** The last run's report, one line per month. */
  get report(): Locator {
    return this.page.getByTestId('archive-report');
  }
}
