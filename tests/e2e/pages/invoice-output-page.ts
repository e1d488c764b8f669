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

  /**
   * Whether the printable document shows on screen, then with print media emulated whether it
   * and the page around it are visible, and the document's text.
   */
  async printView(): Promise<{ onScreen: boolean; documentVisible: boolean; tableVisible: boolean; text: string }> {
    const doc = this.page.getByTestId('printable-invoice');
    const onScreen = await doc.isVisible();
    await this.page.emulateMedia({ media: 'print' });
    try {
      return { onScreen, documentVisible: await doc.isVisible(), tableVisible: await this.page.getByTestId('invoice-detail').getByRole('table').isVisible(), text: (await doc.innerText()).replace(/\s+/g, ' ') };
    } finally {
      await this.page.emulateMedia({ media: 'screen' });
    }
  }

  /**
   * Waits until the service worker has precached the app (the PDF code included) and controls
   * this page: after this the page can go offline without having loaded the PDF code.
   */
  async waitForOfflineReady(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await this.page.evaluate(() => navigator.serviceWorker.controller !== null))) await this.page.reload();
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: TIMEOUT });
  }

  /** Opens "Export CSV" and downloads one export ("Invoices", "Invoice lines", "Payments", "AR aging", "Journal"). */
  async exportCsv(label: string): Promise<Downloaded> {
    const menu = this.page.getByTestId('accountant-exports');
    if (!(await menu.evaluate((el) => (el as HTMLDetailsElement).open))) await menu.locator('summary').click();
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: TIMEOUT }), menu.getByRole('button', { name: label, exact: true }).click()]);
    return read(download);
  }
}
