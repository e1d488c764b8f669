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
  officeId?: string;
  /** Required parts picked in the form: the option label (`SKU · description`) and quantity. */
  parts?: Array<{ label: string; quantity: string }>;
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

  /** The New job form lives in a dialog opened from the toolbar (or the empty board). */
  async openNewJobForm(): Promise<void> {
    if (await this.newJobForm.isVisible()) return;
    await this.page.getByTestId('new-job-button').click();
    await this.newJobForm.waitFor({ timeout: DEFAULT_TIMEOUT });
  }

  async closeNewJobForm(): Promise<void> {
    if (!(await this.newJobForm.isVisible())) return;
    await this.page.getByRole('button', { name: 'Close form' }).click();
    await this.newJobForm.waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
  }

  async open(path = '/board'): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
  }

  async signInWithPastedToken(token: string): Promise<void> {
    await this.signInForm.getByLabel('Access token').fill(token);
    await this.signInForm.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Fills and submits the New job form, closes it, and returns the job number the app announced. */
  async createJob(job: NewJob, options: { keepOpen?: boolean; expectCard?: boolean } = {}): Promise<string> {
    await this.openNewJobForm();
    const form = this.newJobForm;
    await form.getByLabel(/^Customer\s*\*?$/).fill(job.customerName);
    await form.getByLabel('Site address', { exact: true }).fill(job.siteAddress ?? '');
    await form.getByLabel(/^Problem\s*\*?$/).fill(job.problem);
    if (job.type) await form.getByLabel('Type', { exact: true }).selectOption(job.type);
    if (job.priority) await form.getByLabel('Priority', { exact: true }).selectOption(job.priority);
    if (job.officeId) await form.getByLabel('Office', { exact: true }).selectOption(job.officeId);
    const parts = form.getByTestId('required-parts');
    for (const part of job.parts ?? []) {
      await parts.getByLabel('Part to add').selectOption({ label: part.label });
      await parts.getByLabel('Quantity', { exact: true }).fill(part.quantity);
      await parts.getByRole('button', { name: 'Add' }).click();
      await parts.locator('tbody tr', { hasText: part.label }).waitFor({ timeout: DEFAULT_TIMEOUT });
    }
    await form.getByRole('button', { name: 'Create job' }).click();
    const created = form.getByRole('status');
    await created.getByText(/Created J-/).waitFor({ timeout: DEFAULT_TIMEOUT });
    const number = await created.locator('strong').textContent();
    if (!number) throw new Error('the form announced no job number');
    if (!options.keepOpen) await this.closeNewJobForm();
    // expectCard false: the relay may refuse the change and the board drop it (refused-change test).
    if (options.expectCard !== false) await this.jobCard(number).waitFor({ timeout: DEFAULT_TIMEOUT });
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

  get panel(): Locator {
    return this.page.getByTestId('job-panel');
  }

  /** Opens a card's side panel (details, status, priority, technicians). */
  async openPanel(number: string): Promise<Locator> {
    const panel = this.page.locator(`[data-testid="job-panel"][data-job-number="${number}"]`);
    // Retried like moveCard: a concurrent remote change can shift the card as it is clicked.
    for (let attempt = 1; !(await panel.isVisible()); attempt++) {
      await this.jobCard(number).click();
      try {
        await panel.waitFor({ timeout: attempt === 3 ? DEFAULT_TIMEOUT : 3_000 });
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    return panel;
  }

  async closePanel(): Promise<void> {
    if (!(await this.panel.isVisible())) return;
    await this.panel.getByRole('button', { name: 'Close details' }).click();
    await this.panel.waitFor({ state: 'hidden', timeout: DEFAULT_TIMEOUT });
  }

  /** Changes the status from the card's side panel and waits for the card to show it. */
  async setStatus(number: string, status: string): Promise<void> {
    const panel = await this.openPanel(number);
    await panel.getByTestId('panel-status').selectOption(status);
    await this.waitForStatus(number, status);
    await this.closePanel();
  }

  async setPriority(number: string, priority: string): Promise<void> {
    const panel = await this.openPanel(number);
    await panel.getByTestId('panel-priority').selectOption(priority);
    await this.page.locator(`[data-testid="job-card"][data-job-number="${number}"][data-priority="${priority}"]`).waitFor({ timeout: DEFAULT_TIMEOUT });
    await this.closePanel();
  }

  /** Ticks (or unticks) a technician in the card's side panel. */
  async setTechnician(number: string, technicianName: string, assigned = true): Promise<void> {
    const panel = await this.openPanel(number);
    const box = panel.getByTestId('panel-technicians').getByLabel(technicianName, { exact: true });
    if (assigned) await box.check();
    else await box.uncheck();
    await this.closePanel();
  }

  async waitForStatus(number: string, status: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
    await this.page.locator(`[data-testid="job-card"][data-job-number="${number}"][data-status="${status}"]`).waitFor({ timeout });
  }

  column(status: string): Locator {
    return this.page.locator(`[data-testid="board-column"][data-status="${status}"]`);
  }

  /**
   * Drags a card with the mouse onto a column (below its last card, or above `beforeNumber`).
   * Step by step, so a target scrolled out of view can be brought in while the drag is on.
   */
  async dragCard(number: string, toStatus: string, beforeNumber?: string): Promise<void> {
    const source = this.jobCard(number);
    const target = beforeNumber ? this.jobCard(beforeNumber) : this.column(toStatus).locator('[data-cell]');
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    if (!from) throw new Error(`card ${number} is not visible`);
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error(`no drop target for ${toStatus}`);
    // Upper quarter of a card = above it; bottom of a cell = after its last card.
    const y = beforeNumber ? box.y + Math.min(8, box.height / 4) : box.y + Math.max(1, box.height - 4);
    await this.page.mouse.move(box.x + box.width / 2, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /**
   * Drags a card to a column and waits until it shows there. While another device edits the
   * same board the cards can shift under the pointer between aiming and pressing (a person
   * simply drags again), so a drag that did not land is tried again, up to three times.
   */
  async moveCard(number: string, toStatus: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.dragCard(number, toStatus);
      try {
        await this.waitForStatus(number, toStatus, 4_000);
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Keyboard move: focus the card, Space, arrow keys, Space (or Escape to cancel). */
  async keyboardMove(number: string, keys: string[], finish: 'drop' | 'cancel' = 'drop'): Promise<void> {
    await this.jobCard(number).focus();
    await this.page.keyboard.press('Space');
    for (const key of keys) await this.page.keyboard.press(key);
    await this.page.keyboard.press(finish === 'drop' ? 'Space' : 'Escape');
  }

  get announcer(): Locator {
    return this.page.getByTestId('board-announcer');
  }

  /** The text of the error notices currently shown. */
  async errorToasts(): Promise<string[]> {
    return this.page.locator('[data-testid="notice"][data-level="error"]').allTextContents();
  }

  /** Every card as shown: number → column, position, priority and technicians. */
  async boardSnapshot(): Promise<Record<string, { status: string; position: number; priority: string; techs: string }>> {
    return this.page.locator('[data-testid="job-card"]').evaluateAll((cards) => {
      const out: Record<string, { status: string; position: number; priority: string; techs: string }> = {};
      for (const card of cards) {
        out[card.getAttribute('data-job-number') ?? ''] = {
          status: card.getAttribute('data-status') ?? '',
          position: Number(card.getAttribute('data-index')),
          priority: card.getAttribute('data-priority') ?? '',
          techs: (card.getAttribute('data-techs') ?? '').split(' ').sort().join(' ')
        };
      }
      return out;
    });
  }

  /** Opens the job's own page from its card's id. */
  async openJobPage(number: string): Promise<void> {
    const id = await this.jobCard(number).getAttribute('data-job-id');
    if (!id) throw new Error(`no card ${number}`);
    await this.open(`/jobs/${id}`);
    await this.page.locator(`[data-testid="job-page"][data-job-number="${number}"]`).waitFor({ timeout: DEFAULT_TIMEOUT });
  }

  /** The job page's history, one line per entry ("Ana Lopez assigned Ben Okafor"). */
  async jobHistory(): Promise<string[]> {
    const entries = await this.page.getByTestId('history-entry').locator('span').allTextContents();
    return entries.map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Card numbers of a column, top to bottom. */
  async columnNumbers(status: string): Promise<string[]> {
    return this.column(status).locator('[data-testid="job-card"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-job-number') ?? ''));
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
    // The New job dialog is modal and the side panel covers the right edge: close them first.
    await this.closeNewJobForm();
    await this.closePanel();
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
