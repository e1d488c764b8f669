/**
 * Page object for the app shell and the Board. Tests speak in user terms (sign in, create a
 * job, move it on); selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';

export interface NewJob {
  customerName: string;
  problem: string;
  siteAddress?: string;
  type?: string;
  priority?: string;
}

export type Phase = 'offline' | 'connecting' | 'syncing' | 'synced';

const DEFAULT_TIMEOUT = 20_000;

export class BoardPage {
  readonly page: Page;
  readonly baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }
  get newJobForm(): Locator {
    return this.page.getByTestId('new-job-form');
  }
  get jobCards(): Locator {
    return this.page.getByTestId('job-card');
  }
  get updateBanner(): Locator {
    return this.page.getByTestId('update-banner');
  }
  get signInForm(): Locator {
    return this.page.getByTestId('sign-in-form');
  }
  get signInError(): Locator {
    return this.page.getByTestId('sign-in-error');
  }

  jobCard(number: string): Locator {
    return this.page.locator(`[data-testid="job-card"][data-job-number="${number}"]`);
  }

  /** Opens a sign-in link (`/board#token=…`) and waits for the board to load from local data. */
  async signInWithLink(token: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/board#token=${encodeURIComponent(token)}`);
    await this.waitForBoard();
  }

  /** Waits until the board has loaded this device's local data. */
  async waitForBoard(): Promise<void> {
    await this.page.locator('[data-testid="board-jobs"][data-ready="true"]').waitFor({ timeout: DEFAULT_TIMEOUT });
  }

  /** On phones the form folds away behind a "New job" button. */
  async openNewJobForm(): Promise<void> {
    if (await this.newJobForm.isVisible()) return;
    await this.page.getByRole('button', { name: 'New job' }).click();
    await this.newJobForm.waitFor({ timeout: DEFAULT_TIMEOUT });
  }

  async open(path = '/board'): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  async signInWithPastedToken(token: string): Promise<void> {
    await this.signInForm.getByLabel('Access token').fill(token);
    await this.signInForm.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Fills and submits the New job form; returns the job number the app announced. */
  async createJob(job: NewJob): Promise<string> {
    await this.openNewJobForm();
    const form = this.newJobForm;
    await form.getByLabel('Customer').fill(job.customerName);
    await form.getByLabel('Site address').fill(job.siteAddress ?? '');
    await form.getByLabel('Problem').fill(job.problem);
    if (job.type) await form.getByLabel('Type').selectOption(job.type);
    if (job.priority) await form.getByLabel('Priority').selectOption(job.priority);
    await form.getByRole('button', { name: 'Create job' }).click();
    const created = form.getByRole('status');
    await created.getByText(/Created J-/).waitFor({ timeout: DEFAULT_TIMEOUT });
    const number = await created.locator('strong').textContent();
    if (!number) throw new Error('the form announced no job number');
    await this.jobCard(number).waitFor({ timeout: DEFAULT_TIMEOUT });
    return number;
  }

  /** Submits the form as it is and returns the per-field errors shown. */
  async submitNewJobExpectingErrors(): Promise<Record<string, string>> {
    await this.openNewJobForm();
    await this.newJobForm.getByRole('button', { name: 'Create job' }).click();
    await this.newJobForm.locator('[aria-invalid="true"]').first().waitFor({ timeout: DEFAULT_TIMEOUT });
    return this.page.evaluate(() => {
      const out: Record<string, string> = {};
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="new-job-form"] [aria-invalid="true"]')) {
        const name = el.getAttribute('name') ?? '';
        const describedBy = el.getAttribute('aria-describedby') ?? '';
        out[name] = document.getElementById(describedBy)?.textContent?.trim() ?? '';
      }
      return out;
    });
  }

  async setStatus(number: string, status: string): Promise<void> {
    await this.jobCard(number).getByTestId('job-status').selectOption(status);
    await this.page
      .locator(`[data-testid="job-card"][data-job-number="${number}"][data-status="${status}"]`)
      .waitFor({ timeout: DEFAULT_TIMEOUT });
  }

  async statusOf(number: string): Promise<string | null> {
    return this.jobCard(number).getAttribute('data-status');
  }

  async jobNumbers(): Promise<string[]> {
    return this.jobCards.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-job-number') ?? ''));
  }

  /** Waits until the sync indicator shows `phase` (and, if given, exactly `unconfirmed` pending changes). */
  async waitForSync(phase: Phase, unconfirmed?: number, timeout = DEFAULT_TIMEOUT): Promise<void> {
    const selector =
      `[data-testid="sync-status"][data-phase="${phase}"]` +
      (unconfirmed === undefined ? '' : `[data-unconfirmed="${unconfirmed}"]`);
    await this.page.locator(selector).waitFor({ timeout });
  }

  async syncText(): Promise<string> {
    return (await this.syncStatus.locator('.label').textContent())?.trim() ?? '';
  }

  async pendingChanges(): Promise<number> {
    return Number(await this.syncStatus.getAttribute('data-unconfirmed'));
  }

  /** Resolves once the service worker is active, i.e. the app shell is precached for offline use. */
  async waitForOfflineReady(): Promise<void> {
    await this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      if (!registration.active) throw new Error('no active service worker');
    });
  }

  /** True when this page is controlled by a service worker (it was loaded through it). */
  async isControlled(): Promise<boolean> {
    return this.page.evaluate(() => navigator.serviceWorker.controller !== null);
  }

  async navigate(label: string): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: 'Main', exact: true });
    if (await nav.isVisible()) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      return;
    }
    const compact = this.page.getByRole('navigation', { name: 'Main (compact)' });
    const link = compact.getByRole('link', { name: label, exact: true });
    if (!(await link.isVisible())) await compact.getByRole('button', { name: 'More' }).click();
    await link.click();
  }
}
