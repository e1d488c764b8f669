/**
 * Photos and signatures of visits as live state and commands (components never see the doc or
 * IndexedDB). Adding one: check the file, resize it, hash it, keep the bytes and an upload-queue
 * entry on this device (one IndexedDB transaction), then record the metadata in the board doc.
 * Showing one: this device's copy, else fetched from the relay and verified against its hash,
 * then cached here.
 */
import { sha256Hex } from '../api/blob-api';
import type { Attachment, AttachmentKind } from '../domain/media/attachment';
import { checkPickedFile, storageNearlyFull } from '../domain/media/media-checks';
import { encodePhoto, type EncodedImage } from '../local/image-encode';
import { blobUrl, loadBlob } from './blob-loader';
import { session } from './session.svelte';
import { uploadQueue } from './upload-queue.svelte';
import { workspace } from './workspace.svelte';

/** What is needed to show a stored image: its hash, type and who took it (for "not uploaded yet by …"). */
export type BlobRef = Pick<Attachment, 'sha256' | 'type' | 'byName'>;
export type BlobView = { state: 'loading' } | { state: 'ready'; url: string; fetched: boolean } | { state: 'unavailable'; message: string };

class AttachmentsState {
  /** Bumped whenever an attachment record arrives (local or remote). */
  version = $state(0);
  /** Set when the browser says storage is nearly full; shown beside the photos. */
  storageWarning = $state<string | null>(null);
  #watching: object | null = null;
  #off: (() => void) | null = null;
  #persistAsked = false;
  /** Object URLs of shown blobs, one per hash for the tab's life (thumbnails and full size share it). */
  readonly #urls = new Map<string, Promise<BlobView>>();

  get canAdd(): boolean {
    return workspace.canWriteBoard && workspace.actor !== null;
  }

  /** The visit's attachments (reactive through `version`). */
  forVisit(visitId: string): Attachment[] {
    void this.version;
    this.#watch();
    return workspace.board?.attachments.forVisit(visitId) ?? [];
  }

  /** Every attachment of the job (reactive through `version`). */
  forJob(jobId: string): Attachment[] {
    void this.version;
    this.#watch();
    return workspace.board?.attachments.forJob(jobId) ?? [];
  }

  /**
   * Adds photos, one by one: a refused or unreadable file gets its message and the others go
   * on. Resolves with the messages (empty when all were added).
   */
  async addPhotos(jobId: string, visitId: string, files: readonly File[], caption: string): Promise<string[]> {
    const problems: string[] = [];
    for (const file of files) {
      const check = checkPickedFile(file);
      if (!check.ok) {
        problems.push(check.message);
        continue;
      }
      try {
        const image = await encodePhoto(file, file.name);
        const added = await this.#add(jobId, visitId, 'photo', image, { caption: caption.trim() || undefined });
        if (added) problems.push(added);
      } catch (error) {
        problems.push(storageProblem(error, file.name));
      }
    }
    return problems;
  }

  /** Adds a signature drawn on the pad (already encoded); returns a message or null. */
  async addSignature(jobId: string, visitId: string, image: EncodedImage, signerName: string): Promise<string | null> {
    if (!signerName.trim()) return 'Enter the name of the person signing.';
    try {
      return await this.#add(jobId, visitId, 'signature', image, { signerName: signerName.trim() });
    } catch (error) {
      return storageProblem(error, 'The signature');
    }
  }

  /**
   * The blob behind an attachment (or any stored image, such as a quote's signature), as an
   * object URL (this device's copy or fetched and verified).
   */
  view(attachment: BlobRef): Promise<BlobView> {
    const known = this.#urls.get(attachment.sha256);
    if (known) return known;
    const loading = this.#load(attachment);
    this.#urls.set(attachment.sha256, loading);
    // A failed load is not remembered: the next look tries again (the blob may be uploaded by then).
    void loading.then((view) => {
      if (view.state !== 'ready') this.#urls.delete(attachment.sha256);
    });
    return loading;
  }

  async #load(attachment: BlobRef): Promise<BlobView> {
    const loaded = await loadBlob(attachment.sha256, attachment.type);
    if (loaded.ok) return { state: 'ready', url: blobUrl(loaded.bytes, loaded.fetched ? attachment.type : loaded.type), fetched: loaded.fetched };
    if (loaded.reason === 'missing') return { state: 'unavailable', message: `Not uploaded yet by ${attachment.byName ?? 'the device that took it'}.` };
    return { state: 'unavailable', message: loaded.reason === 'failed' ? `Could not load this image (${loaded.message}).` : loaded.message };
  }

  async #add(jobId: string, visitId: string, kind: AttachmentKind, image: EncodedImage, extra: { caption?: string | undefined; signerName?: string }): Promise<string | null> {
    const board = workspace.board;
    const actor = workspace.actor;
    const org = session.claims?.org;
    if (!board || !actor || !org || !workspace.canWriteBoard) return 'Sign in with a role that may change the board to add photos.';
    const sha256 = await sha256Hex(image.bytes);
    // Bytes and queue entry first: a record in the doc must never name bytes this device lost.
    await uploadQueue.store.addLocal({ sha256, org, type: image.type, bytes: image.bytes, kind });
    const result = board.attachments.add(
      { jobId, visitId, kind, sha256, type: image.type, size: image.bytes.byteLength, width: image.width, height: image.height, ...extra },
      actor
    );
    if (!result.ok) return result.error;
    void uploadQueue.kick();
    void this.#checkStorage();
    return null;
  }

  /** Asks for persistent storage once, and warns when the quota is nearly used. */
  async #checkStorage(): Promise<void> {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage) return;
    try {
      if (!this.#persistAsked && storage.persist) {
        this.#persistAsked = true;
        await storage.persist();
      }
      const estimate = storage.estimate ? await storage.estimate() : {};
      this.storageWarning = storageNearlyFull(estimate)
        ? 'This device is nearly out of storage. Photos already taken are kept, but upload them (go online) before taking many more.'
        : null;
    } catch {
      // Storage figures are advice only; their absence changes nothing.
    }
  }

  #watch(): void {
    const board = workspace.board;
    if (this.#watching === board) return;
    this.#off?.();
    this.#watching = board;
    this.#off = board ? board.attachments.onChanged(() => this.version++) : null;
  }
}

export const attachments = new AttachmentsState();

/** The user's sentence for a failure to keep an image (a full device gets its own). */
function storageProblem(error: unknown, what: string): string {
  if (error instanceof Error && (error.name === 'QuotaExceededError' || error.name === 'Dexie.QuotaExceededError' || /quota/i.test(error.message))) {
    return `${what || 'The photo'} was not added: this device is out of storage. Everything taken before is kept; go online so waiting photos upload, or free some space.`;
  }
  return error instanceof Error ? error.message : String(error);
}
