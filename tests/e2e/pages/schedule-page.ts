/**
 * Page object for the Schedule (/schedule): technician rows × time, the unscheduled list, visit
 * blocks, their drags and the keyboard dialog. Times are "HH:MM" on the shown day, in the
 * organisation's zone; the row's geometry (06:00–20:00) turns them into pointer positions.
 */
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;
const VIEW_START = 6 * 60;
const VIEW_SPAN = 14 * 60;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export class SchedulePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string
  ) {}

  /** Opens one day of the schedule (`YYYY-MM-DD`) and waits for its rows. */
  async open(day: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/schedule?day=${day}`);
    await this.page.getByTestId('schedule-grid').waitFor({ timeout: TIMEOUT });
    await this.page.getByTestId('schedule-range').filter({ hasText: day }).waitFor({ timeout: TIMEOUT });
  }

  track(techName: string): Locator {
    return this.page.locator(`[data-testid="tech-row"][data-tech-name="${techName}"] [data-schedule-track]`);
  }

  visit(visitId: string): Locator {
    return this.page.locator(`[data-testid="visit-block"][data-visit-id="${visitId}"]`);
  }

  unscheduled(number: string): Locator {
    return this.page.locator(`[data-testid="unscheduled-job"][data-job-number="${number}"]`);
  }

  /** The pointer x of `hhmm` on a technician's row. */
  async xAt(techName: string, hhmm: string): Promise<{ x: number; y: number }> {
    const box = await this.track(techName).boundingBox();
    if (!box) throw new Error(`no row for ${techName}`);
    return { x: box.x + (box.width * (minutesOf(hhmm) - VIEW_START)) / VIEW_SPAN, y: box.y + box.height / 2 };
  }

  async #drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(from.x + 10, from.y + 2, { steps: 2 });
    await this.page.mouse.move(to.x, to.y, { steps: 8 });
    await this.page.getByTestId('drop-preview').waitFor({ timeout: TIMEOUT });
    await this.page.mouse.up();
  }

  /** Drags an unscheduled job onto a technician's row at a time. */
  async dragJob(number: string, techName: string, hhmm: string): Promise<void> {
    const box = await this.unscheduled(number).boundingBox();
    if (!box) throw new Error(`no unscheduled job ${number}`);
    await this.#drag({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, await this.xAt(techName, hhmm));
  }

  /** Drags a visit by its start onto a technician's row so it starts at `hhmm`. */
  async dragVisit(visitId: string, techName: string, hhmm: string): Promise<void> {
    const box = await this.visit(visitId).boundingBox();
    if (!box) throw new Error(`no visit ${visitId}`);
    await this.#drag({ x: box.x + 2, y: box.y + box.height / 2 }, await this.xAt(techName, hhmm));
  }

  /** Drags a visit's right edge so it ends at `hhmm`. */
  async resizeVisit(visitId: string, techName: string, hhmm: string): Promise<void> {
    const box = await this.visit(visitId).getByTestId('visit-resize').boundingBox();
    if (!box) throw new Error(`no resize handle on ${visitId}`);
    await this.#drag({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, await this.xAt(techName, hhmm));
  }

  /** The keyboard path: "Book a visit", pick the job and technician, type day, start and duration. */
  async bookWithKeyboard(jobLabel: string, techName: string, day: string, hhmm: string, minutes: number): Promise<void> {
    await this.page.getByTestId('book-visit').focus();
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByTestId('visit-dialog');
    await dialog.waitFor({ timeout: TIMEOUT });
    await dialog.getByLabel('Job').selectOption({ label: jobLabel });
    await dialog.getByLabel('Technician').selectOption({ label: techName });
    await dialog.getByLabel('Day').fill(day);
    await dialog.getByLabel(/^Start/).fill(hhmm);
    await dialog.getByLabel('Duration (minutes)').fill(String(minutes));
    await dialog.getByLabel('Duration (minutes)').press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** The keyboard path for move and resize: focus the visit, Enter, change technician, start and duration, Save. */
  async editWithKeyboard(visitId: string, techName: string, hhmm: string, minutes: number): Promise<void> {
    await this.visit(visitId).getByRole('button').focus();
    await this.page.keyboard.press('Enter');
    const dialog = this.page.getByTestId('visit-dialog');
    await dialog.waitFor({ timeout: TIMEOUT });
    await dialog.getByLabel('Technician').selectOption({ label: techName });
    await dialog.getByLabel(/^Start/).fill(hhmm);
    await dialog.getByLabel('Duration (minutes)').fill(String(minutes));
    await dialog.getByRole('button', { name: 'Save' }).press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Waits until a visit is on a technician's row with this window (ISO instants). */
  async waitForVisit(visitId: string, techName: string, start: string, end: string): Promise<void> {
    await this.page
      .locator(`[data-testid="tech-row"][data-tech-name="${techName}"] [data-testid="visit-block"][data-visit-id="${visitId}"][data-start="${start}"][data-end="${end}"]`)
      .waitFor({ timeout: TIMEOUT });
  }

  /** The visit ids on a technician's row, by start (what the row shows as the day's order). */
  async visitOrder(techName: string): Promise<string[]> {
    const blocks = this.page.locator(`[data-testid="tech-row"][data-tech-name="${techName}"] [data-testid="visit-block"]`);
    const rows = await blocks.evaluateAll((els) => els.map((el) => [el.getAttribute('data-visit-id') ?? '', el.getAttribute('data-start') ?? ''] as const));
    return [...rows].sort((a, b) => a[1].localeCompare(b[1])).map(([id]) => id);
  }

  /** The keyboard path to "Optimise day" on a technician's row; returns the minutes saved the dialog shows. */
  async optimiseDay(techName: string): Promise<number> {
    await this.page.locator(`[data-testid="tech-row"][data-tech-name="${techName}"] [data-testid="optimise-day"]`).focus();
    await this.page.keyboard.press('Enter');
    const summary = this.page.getByTestId('optimise-dialog').getByTestId('optimise-summary');
    await summary.waitFor({ timeout: TIMEOUT });
    return Number(await summary.getAttribute('data-saved'));
  }

  /** Applies the open optimisation from the keyboard and waits for the dialog to close. */
  async applyOptimisation(): Promise<void> {
    const dialog = this.page.getByTestId('optimise-dialog');
    await dialog.getByRole('button', { name: 'Apply' }).focus();
    await this.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });
  }
}
