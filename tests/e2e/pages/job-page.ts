/**
 * Page object for a job's own page (/jobs/<id>): header moves, the details form, dispatch,
 * and what a user may still change. Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';
import { STATUS_LABELS, type JobStatus } from '../../../src/lib/domain/jobs/status';
import type { BoardPage } from './board-page';

const TIMEOUT = 20_000;

/** Enabled controls that change the job (follow-ups and feedback are new records, not edits). */
const EDIT_CONTROLS = ':is(input, select, textarea, button[type="submit"]):enabled';

export class JobPage {
  constructor(
    readonly page: Page,
    readonly number: string
  ) {}

  get root(): Locator {
    return this.page.locator(`[data-testid="job-page"][data-job-number="${this.number}"]`);
  }
  get details(): Locator {
    return this.root.getByTestId('job-details');
  }
  get dispatch(): Locator {
    return this.root.getByTestId('job-dispatch');
  }
  get moves(): Locator {
    return this.root.getByRole('group', { name: 'Move to' });
  }
  get requiredParts(): Locator {
    return this.root.getByTestId('required-parts');
  }
  get readOnlyNote(): Locator {
    return this.root.getByTestId('job-readonly-note');
  }

  /** Opens the job as a person does: its card's side panel, then "Open job page" (in-app navigation). */
  static async openFromBoard(board: BoardPage, number: string): Promise<JobPage> {
    const panel = await board.openPanel(number);
    await panel.getByRole('link', { name: 'Open job page' }).click();
    const job = new JobPage(board.page, number);
    await job.waitFor();
    return job;
  }

  async waitFor(): Promise<void> {
    await this.root.waitFor({ timeout: TIMEOUT });
  }

  /** Moves the job with the header's button and waits for the page to show the new status. */
  async move(to: JobStatus): Promise<void> {
    await this.moves.getByRole('button', { name: STATUS_LABELS[to], exact: true }).click();
    await this.page.locator(`[data-testid="job-page"][data-job-number="${this.number}"][data-status="${to}"]`).waitFor({ timeout: TIMEOUT });
  }

  /** Changes one details field by its label, saves, and waits for "Saved." */
  async saveDetail(label: string, value: string): Promise<void> {
    await this.details.getByLabel(label, { exact: true }).fill(value);
    await this.details.getByRole('button', { name: 'Save changes' }).click();
    await this.details.getByRole('status').getByText('Saved.').waitFor({ timeout: TIMEOUT });
  }

  async detail(label: string): Promise<string> {
    return this.details.getByLabel(label, { exact: true }).inputValue();
  }

  /** Waits until a details field shows `value` (e.g. a change saved on another device). */
  async waitForDetail(label: string, value: string): Promise<void> {
    const field = await this.details.getByLabel(label, { exact: true }).elementHandle({ timeout: TIMEOUT });
    if (!field) throw new Error(`no field ${label}`);
    await this.page.waitForFunction(([el, expected]) => (el as HTMLInputElement).value === expected, [field, value] as const, { timeout: TIMEOUT });
  }

  /** How many enabled edit controls the details form and dispatch box hold. */
  async editableControls(): Promise<number> {
    return (await this.details.locator(EDIT_CONTROLS).count()) + (await this.dispatch.locator(EDIT_CONTROLS).count());
  }

  /** Whether the details' inputs are drawn as read-only (dashed border on a muted background). */
  async looksReadOnly(label: string): Promise<boolean> {
    return this.details.getByLabel(label, { exact: true }).evaluate((el) => getComputedStyle(el).borderStyle === 'dashed' && el.matches(':disabled'));
  }

  /** Adds a price-book part (its option label, `SKU · description`) to the job's required parts and waits for its row. */
  async addRequiredPart(label: string, partId: string, quantity: string): Promise<void> {
    await this.requiredParts.getByLabel('Part to add').selectOption({ label });
    await this.requiredParts.getByLabel('Quantity', { exact: true }).fill(quantity);
    await this.requiredParts.getByRole('button', { name: 'Add' }).click();
    await this.requiredParts.locator(`tr[data-part-id="${partId}"]`).waitFor({ timeout: TIMEOUT });
  }
}
