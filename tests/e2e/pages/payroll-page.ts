/** Page object for /payroll: the period summary, approving a run, runs history and CSV download. Selectors live here only. */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export class PayrollPage {
  readonly period: Locator;
  readonly runs: Locator;

  constructor(readonly page: Page) {
    this.period = page.getByTestId('pay-period');
    this.runs = page.getByTestId('pay-runs');
  }

  async waitForPeriod(): Promise<void> {
    await this.period.waitFor({ timeout: TIMEOUT });
  }

  /** The period table's rows as cell texts (technician, regular, overtime, double, adjustments, gross). */
  async periodRows(): Promise<string[][]> {
    return this.period.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
  }

  /** Clicks "Approve pay run…" then the confirmation. */
  async approve(): Promise<void> {
    await this.period.getByRole('button', { name: 'Approve pay run…' }).click();
    await this.period.getByRole('button', { name: /^Approve .* and lock these hours$/ }).click();
  }

  /** The runs history's summaries. */
  async runSummaries(): Promise<string[]> {
    return this.runs.locator('summary').allTextContents();
  }

  /** Downloads the CSV of the run at `index` (newest first) as text. */
  async downloadCsv(index = 0): Promise<{ name: string; text: string }> {
    const button = this.runs.getByRole('button', { name: 'Download CSV' }).nth(index);
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: TIMEOUT }), button.click()]);
    return { name: download.suggestedFilename(), text: (await readFile(await download.path())).toString('utf8').replace(/^\ufeff/, '') };
  }
}
