/**
 * The organisation's logo as live state: uploading it from Settings › Price book, and its
 * bytes and an object URL for the printable invoice and the PDF. The bytes live in the blob
 * store (this device's IndexedDB copy first, so printing works offline; else fetched from the
 * relay and cached), the catalog's `logoBlobHash` names them. Rules: domain/catalog/logo.ts.
 */
import { sha256Hex } from '../api/blob-api';
import { checkLogo, type LogoType } from '../domain/catalog/logo';
import { blobUrl, loadBlob } from './blob-loader';
import { priceBook } from './price-book.svelte';
import { session } from './session.svelte';
import { uploadQueue } from './upload-queue.svelte';
import { workspace } from './workspace.svelte';

export type LogoState = { state: 'none' } | { state: 'loading' } | { state: 'ready'; bytes: Uint8Array; type: LogoType; url: string } | { state: 'unavailable'; message: string };

class OrgLogoState {
  /** The logo named by the billing settings, once something asked for it (`want`). */
  current = $state.raw<LogoState>({ state: 'none' });
  #wanted = $state(false);
  #loadedHash: string | null = null;

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const hash = priceBook.settings.logoBlobHash;
        if (!this.#wanted) return;
        void this.#load(hash);
      });
    });
  }

  /** Starts following the logo (the invoice output and the settings page call this). */
  want(): void {
    this.#wanted = true;
  }

  /** Checks, keeps (this device + upload queue) and names a picked file as the logo; an error sentence or null. */
  async upload(file: File): Promise<string | null> {
    const catalog = priceBook.canEdit ? workspace.catalog : null;
    const org = session.claims?.org;
    if (!catalog || !org) return 'Your role cannot change the billing settings.';
    const bytes = new Uint8Array(await file.arrayBuffer());
    const checked = checkLogo(bytes, file.name, file.type);
    if (!checked.ok) return checked.error;
    const sha256 = await sha256Hex(bytes);
    // Bytes and queue entry first: the settings must never name a logo this device does not hold.
    await uploadQueue.store.addLocal({ sha256, org, type: checked.type, bytes, kind: 'logo' });
    const saved = catalog.setLogo(sha256);
    if (!saved.ok) return Object.values(saved.errors)[0] ?? 'The logo could not be saved.';
    void uploadQueue.kick();
    return null;
  }

  /** Removes the logo from invoices (the bytes stay in the blob store, like every blob). */
  remove(): string | null {
    const catalog = priceBook.canEdit ? workspace.catalog : null;
    if (!catalog) return 'Your role cannot change the billing settings.';
    const saved = catalog.setLogo(null);
    return saved.ok ? null : (Object.values(saved.errors)[0] ?? 'The logo could not be removed.');
  }

  async #load(hash: string | null): Promise<void> {
    if (hash === this.#loadedHash && this.current.state === 'ready') return;
    this.#loadedHash = hash;
    if (!hash) {
      this.current = { state: 'none' };
      return;
    }
    this.current = { state: 'loading' };
    const loaded = await loadBlob(hash, 'image/png');
    if (this.#loadedHash !== hash) return;
    if (!loaded.ok) this.current = { state: 'unavailable', message: loaded.reason === 'missing' ? 'The logo is not uploaded yet by the device that chose it.' : loaded.message };
    else if (loaded.type !== 'image/png' && loaded.type !== 'image/jpeg') this.current = { state: 'unavailable', message: 'The stored logo is not a PNG or JPEG image.' };
    else this.current = { state: 'ready', bytes: loaded.bytes, type: loaded.type, url: blobUrl(loaded.bytes, loaded.type) };
  }
}

export const orgLogo = new OrgLogoState();
