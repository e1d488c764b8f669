/**
 * The upload queue as live state: what waits for the relay ("3 photos waiting to upload"), and
 * the runner that sends it. Entries live in IndexedDB (local/blob-store.ts), so they survive
 * reloads, tab kills and reboots; the runner starts when anything shows the queue (the shell's
 * badge, a visit's attachments) and runs while this tab is open.
 *
 * One attempt at a time per tab. An entry is removed only after the relay answered 200/201 for
 * its hash; network failures back off (2 s doubling to 5 min) and are retried at once when the
 * browser comes back online; refusals (400/403/413/415) stay, visible, until the user retries.
 * Two tabs uploading one blob is harmless: a repeat PUT is a no-op.
 */
import { uploadBlob } from '../api/blob-api';
import { attemptFailed, attemptStarted, isDue, queueSummary, retryNow } from '../domain/media/upload-queue';
import { LocalBlobStore, type QueuedUpload } from '../local/blob-store';
import { session } from './session.svelte';

const OFFLINE_LOOK_MS = 5000;

class UploadQueueState {
  /** Every entry not yet confirmed by the relay, oldest first. */
  entries = $state.raw<QueuedUpload[]>([]);
  /** Set when IndexedDB cannot be opened (private mode): photos cannot be kept on this device. */
  storageError = $state<string | null>(null);
  readonly pending = $derived(new Set(this.entries.map((e) => e.sha256)));
  readonly summary = $derived(
    queueSummary({ photo: this.entries.filter((e) => e.kind === 'photo').length, signature: this.entries.filter((e) => e.kind === 'signature').length })
  );
  readonly refused = $derived(this.entries.filter((e) => e.permanent));

  #store: LocalBlobStore | null = null;
  #running = false;
  #busy = false;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** This device's blob store (shared with attachments.svelte.ts). */
  get store(): LocalBlobStore {
    this.#store ??= new LocalBlobStore();
    return this.#store;
  }

  /** Starts the runner once per tab (idempotent). */
  ensureRunning(): void {
    if (this.#running || typeof window === 'undefined') return;
    this.#running = true;
    window.addEventListener('online', () => this.#wakeAll());
    this.kick();
  }

  /** Looks at the queue now (after adding an entry, or to refresh the list). */
  kick(): void {
    void this.#pass();
  }

  /** The user's "Try again" on refused or backed-off entries. */
  async retryAll(): Promise<void> {
    const now = Date.now();
    for (const entry of await this.store.queue()) await this.store.saveEntry({ ...retryNow(entry, now), kind: entry.kind });
    this.kick();
  }

  async #wakeAll(): Promise<void> {
    const now = Date.now();
    // Back online: entries waiting out a network failure's backoff go now (refusals stay).
    for (const entry of await this.store.queue()) if (!entry.permanent && entry.nextAttemptAt > now) await this.store.saveEntry({ ...entry, nextAttemptAt: now });
    this.kick();
  }

  async #pass(): Promise<void> {
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    try {
      do {
        this.#again = false;
        await this.#sendDue();
      } while (this.#again);
    } catch (error) {
      this.storageError = `Photos cannot be kept on this device (${error instanceof Error ? error.message : String(error)}).`;
    } finally {
      this.#busy = false;
    }
  }

  async #sendDue(): Promise<void> {
    let queue = await this.store.queue();
    this.entries = queue;
    const online = typeof navigator === 'undefined' || navigator.onLine !== false;
    for (const entry of queue) {
      if (!online || !isDue(entry, Date.now())) continue;
      await this.#attempt(entry);
    }
    queue = await this.store.queue();
    this.entries = queue;
    // Offline, the browser's `online` event wakes the runner; a slow look as well, for browsers
    // that change navigator.onLine without the event.
    this.#plan(queue, online ? 0 : OFFLINE_LOOK_MS);
  }

  async #attempt(entry: QueuedUpload): Promise<void> {
    const token = session.token;
    const blob = await this.store.get(entry.sha256);
    if (!token || !blob) return; // signed out: wait; no bytes: nothing to send (kept visible)
    const started = { ...attemptStarted(entry), kind: entry.kind };
    await this.store.saveEntry(started);
    let answer = await uploadBlob({ token, org: entry.org }, entry.sha256, blob.type, blob.bytes);
    if (answer.outcome === 'signed-out' && (await session.refresh()) === 'refreshed' && session.token) {
      answer = await uploadBlob({ token: session.token, org: entry.org }, entry.sha256, blob.type, blob.bytes);
    }
    if (answer.outcome === 'stored') await this.store.confirmed(entry.sha256);
    else await this.store.saveEntry({ ...attemptFailed(started, answer.outcome, answer.message, Date.now()), kind: entry.kind });
  }

  /** Wakes up when the earliest backed-off entry is due. */
  #plan(queue: readonly QueuedUpload[], atLeastMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const next = Math.min(...queue.filter((e) => !e.permanent).map((e) => e.nextAttemptAt));
    if (Number.isFinite(next)) this.#timer = setTimeout(() => this.kick(), Math.max(250, atLeastMs, next - Date.now()));
  }
}

export const uploadQueue = new UploadQueueState();
