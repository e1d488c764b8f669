/** Page object for Settings → History (admins): changes by user, preview, restore, undo. */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export class HistoryPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  get list(): Locator {
    return this.page.getByTestId('history-list');
  }
  get entries(): Locator {
    return this.page.getByTestId('history-entry');
  }
  get preview(): Locator {
    return this.page.getByTestId('history-preview');
  }

  /** Opens History from Settings, as a person would. */
  async openFromSettings(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/settings`);
    await this.page.getByTestId('history-link').click();
    await this.page.waitForURL((url) => url.pathname === '/settings/history', { timeout: TIMEOUT });
    await this.list.waitFor({ timeout: TIMEOUT });
  }

  /** The user id and action of each listed change, newest first. */
  async rows(): Promise<Array<{ user: string; action: string }>> {
    return this.entries.evaluateAll((rows) => rows.map((r) => ({ user: r.getAttribute('data-user') ?? '', action: r.getAttribute('data-action') ?? '' })));
  }

  /** Shows the board as it was right after the change at `index` (0 = newest). */
  async previewAt(index: number): Promise<void> {
    await this.entries.nth(index).getByRole('button', { name: 'See it as it was then' }).click();
    await this.preview.waitFor({ timeout: TIMEOUT });
  }

  /** Job rows of the preview with how each differs from now. */
  async previewJobs(): Promise<Array<{ text: string; difference: string }>> {
    return this.preview
      .getByTestId('history-job')
      .evaluateAll((rows) => rows.map((r) => ({ text: r.textContent?.replace(/\s+/g, ' ').trim() ?? '', difference: r.getAttribute('data-difference') ?? '' })));
  }

  /** Restores to the previewed point, confirming, and waits for the list to show the restore. */
  async restorePreviewed(): Promise<void> {
    await this.preview.getByRole('button', { name: 'Restore to this point…' }).click();
    await this.preview.getByRole('group', { name: 'Confirm restore' }).getByRole('button', { name: 'Restore', exact: true }).click();
    await this.page.locator('[data-testid="history-entry"][data-action="restore"]').first().waitFor({ timeout: TIMEOUT });
  }
}
