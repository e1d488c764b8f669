/**
 * Page objects for reaching archived months (issue 13): the reports dashboard over a chosen
 * range, and "Search archived work" under the board search. Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export class ReportsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/reports`);
    await this.page.locator('[data-testid="reports"][data-ready="true"]').waitFor({ timeout: TIMEOUT });
  }

  /** Sets the range to local days `from`…`to` (YYYY-MM-DD, the organisation's zone). */
  async setRange(from: string, to: string): Promise<void> {
    await this.page.getByTestId('filter-from').fill(from);
    await this.page.getByTestId('filter-to').fill(to);
  }

  /** How many jobs a KPI tile is based on. */
  async countOf(kpi: string): Promise<number> {
    return Number(await this.page.getByTestId(`kpi-${kpi}`).getAttribute('data-count'));
  }

  get archiveLoading(): Locator {
    return this.page.getByTestId('reports-archive-loading');
  }

  get archiveUnreachable(): Locator {
    return this.page.getByTestId('reports-archive-unreachable');
  }

  /** Ids of the report rows this device saved (IndexedDB `fieldboard-reports:<org>/board`). */
  async savedRowIds(org: string): Promise<string[]> {
    return this.page.evaluate(
      (name) =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const keys = db.transaction('summaries').objectStore('summaries').getAllKeys();
            keys.onsuccess = () => {
              db.close();
              resolve(keys.result.map(String));
            };
            keys.onerror = () => reject(keys.error);
          };
        }),
      `fieldboard-reports:${org}/board`
    );
  }
}

export class ArchivedSearchPanel {
  constructor(readonly page: Page) {}

  /** Types a query into the board search. */
  async type(query: string): Promise<void> {
    await this.page.locator('#board-search').fill(query);
  }

  get start(): Locator {
    return this.page.getByTestId('archived-search-start');
  }

  get progress(): Locator {
    return this.page.getByTestId('archived-search-progress');
  }

  get results(): Locator {
    return this.page.getByTestId('archived-search-result');
  }

  /** Opens a listed archived job; resolves once its read-only page shows it. */
  async openResult(number: string): Promise<Locator> {
    await this.results.filter({ hasText: number }).click();
    const job = this.page.locator(`[data-testid="archived-job"][data-job-number="${number}"]`);
    await job.waitFor({ timeout: TIMEOUT });
    return job;
  }
}
