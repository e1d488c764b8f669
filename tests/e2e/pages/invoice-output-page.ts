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
   * Stands in for a phone's share sheet (before the app loads): `navigator.canShare` accepts
   * files and `navigator.share` records what it was given, for `shared()` to read.
   */
  static async stubShareSheet(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const calls: { title: string; text: string; files: { name: string; type: string; head: string }[] }[] = [];
      (window as unknown as { __shares: typeof calls }).__shares = calls;
      Object.defineProperty(navigator, 'canShare', { configurable: true, value: (data: ShareData) => Array.isArray(data.files) && data.files.length > 0 });
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: async (data: ShareData) => {
          const files = await Promise.all((data.files ?? []).map(async (f) => ({ name: f.name, type: f.type, head: new TextDecoder('latin1').decode((await f.arrayBuffer()).slice(0, 5)) })));
          calls.push({ title: data.title ?? '', text: data.text ?? '', files });
        }
      });
    });
  }

  /** Clicks "Share…" and returns what the share sheet stub was given. */
  async share(): Promise<{ title: string; text: string; files: { name: string; type: string; head: string }[] }> {
    await this.page.getByTestId('invoice-output').getByRole('button', { name: 'Share…' }).click();
    const handle = await this.page.waitForFunction(() => (window as unknown as { __shares: unknown[] }).__shares[0], undefined, { timeout: TIMEOUT });
    return (await handle.jsonValue()) as { title: string; text: string; files: { name: string; type: string; head: string }[] };
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
