/**
 * Page object for a visit's photos and signature (src/lib/components/attachments/) on the job
 * page. Selectors live here only.
 */
import type { Locator, Page } from 'playwright-core';
import type { AllowedError } from '../console-guard';

/**
 * For a device that may show an attachment before its taker uploaded the bytes (they sync
 * separately): the blob store answers 404, the app says "not uploaded yet" and fetches again.
 */
export const BLOB_NOT_UPLOADED_YET: AllowedError = {
  pattern: /Failed to load resource: the server responded with a status of 404.*\/api\/blobs\//,
  why: 'an attachment record arrived before its bytes; the app shows "not uploaded yet" and fetches again'
};

const TIMEOUT = 20_000;

export class AttachmentsPanel {
  constructor(
    readonly page: Page,
    readonly visitId: string
  ) {}

  get root(): Locator {
    return this.page.locator(`[data-testid="visit-attachments"][data-visit-id="${this.visitId}"]`);
  }
  get queue(): Locator {
    return this.page.getByTestId('upload-queue').first();
  }
  get problems(): Locator {
    return this.root.getByTestId('attachment-problems');
  }
  items(state?: 'ready' | 'loading' | 'unavailable'): Locator {
    return this.root.locator(state ? `[data-testid="attachment"][data-state="${state}"]` : '[data-testid="attachment"]');
  }

  async waitFor(): Promise<void> {
    await this.root.waitFor({ timeout: TIMEOUT });
  }

  /** Picks files as the camera/gallery input would hand them over. */
  async addPhotos(files: Array<{ name: string; mimeType: string; buffer: Buffer } | string>): Promise<void> {
    await this.root.getByTestId('add-photos').setInputFiles(files as never);
  }

  async waitForCounts(photos: number, signatures: number): Promise<void> {
    await this.page.locator(`[data-testid="visit-attachments"][data-visit-id="${this.visitId}"][data-photos="${photos}"][data-signatures="${signatures}"]`).waitFor({ timeout: TIMEOUT });
  }

  /** Draws a stroke on the pad with the mouse (pointer events), names the signer, saves. */
  async sign(name: string): Promise<void> {
    await this.root.getByRole('button', { name: 'Customer signature' }).click();
    const canvas = this.root.getByTestId('signature-canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('signature canvas not visible');
    await this.page.mouse.move(box.x + 20, box.y + box.height / 2);
    await this.page.mouse.down();
    for (let i = 1; i <= 10; i++) await this.page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -20 : 20));
    await this.page.mouse.up();
    await this.root.getByLabel("Signer's name").fill(name);
    await this.root.getByRole('button', { name: 'Save signature' }).click();
  }

  async waitForQueue(waiting: number, timeout = TIMEOUT): Promise<void> {
    await this.page.locator(`[data-testid="upload-queue"][data-waiting="${waiting}"]`).first().waitFor({ timeout });
  }

  /**
   * For each shown image: its hash attribute, the SHA-256 of the bytes this device holds for it
   * in IndexedDB (what the image is made from; the page's CSP forbids fetching blob: URLs), the
   * stored width, and whether the browser decoded the image.
   */
  async shownHashes(): Promise<Array<{ expected: string; actual: string; width: string | null; decoded: boolean }>> {
    return this.root.locator('[data-testid="attachment"][data-state="ready"]').evaluateAll(async (figures) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('fieldboard-blobs');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const bytesOf = (sha: string) =>
        new Promise<Uint8Array | undefined>((resolve, reject) => {
          const get = db.transaction('blobs').objectStore('blobs').get(sha);
          get.onsuccess = () => resolve((get.result as { bytes?: Uint8Array } | undefined)?.bytes);
          get.onerror = () => reject(get.error);
        });
      const out = await Promise.all(
        figures.map(async (figure) => {
          const img = figure.querySelector('img') as HTMLImageElement;
          await img.decode().catch(() => undefined);
          const expected = figure.getAttribute('data-sha256') ?? '';
          const bytes = await bytesOf(expected);
          const digest = bytes ? new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)) : new Uint8Array();
          return { expected, actual: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), width: img.getAttribute('width'), decoded: img.naturalWidth > 0 };
        })
      );
      db.close();
      return out;
    });
  }
}
