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

  /** The live board's generation and size ("Board size"). */
  get boardGeneration(): Locator {
    return this.page.getByTestId('board-generation');
  }

  get compactNow(): Locator {
    return this.page.getByTestId('compact-now');
  }

  /** The relay's answer to "Compact now". */
  get compactAnswer(): Locator {
    return this.page.getByTestId('compact-answer');
  }

  /** Names of this origin's IndexedDB databases (each room's local copy is one). */
  async localDatabases(): Promise<string[]> {
    return this.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  }
}
