/**
 * Page object for an invoice's output on /invoices: the PDF download from the detail panel and
 * the accountant's CSV exports. Selectors live here only; downloads are read back as bytes.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';

const TIMEOUT = 20_000;

export interface Downloaded {
  name: string;
  bytes: Buffer;
}

async function read(download: Download): Promise<Downloaded> {
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

export class InvoiceOutputPage {
  constructor(readonly page: Page) {}

  /** Clicks "Download PDF" in the shown document's detail and returns the file. */
  async downloadPdf(): Promise<Downloaded> {
    const button = this.page.getByTestId('invoice-output').getByRole('button', { name: 'Download PDF' });
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: TIMEOUT }), button.click()]);
    return read(download);
  }

  /** Opens "Export CSV" and downloads one export ("Invoices", "Invoice lines", "Payments", "AR aging", "Journal"). */
  async exportCsv(label: string): Promise<Downloaded> {
    const menu = this.page.getByTestId('accountant-exports');
    if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open))) await menu.locator('summary').click();
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: TIMEOUT }), menu.getByRole('button', { name: label, exact: true }).click()]);
    return read(download);
  }
}
