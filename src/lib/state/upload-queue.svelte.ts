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

/** What the runner needs from outside; tests pass their own. */
export interface UploadQueueDeps {
  store: () => LocalBlobStore;
  token: () => string | null;
  /** Renews the access token after a 401; true when there is a new one. */
  refresh: () => Promise<boolean>;
  fetch?: typeof fetch;
  isOnline?: () => boolean;
}

const sessionDeps: UploadQueueDeps = {
  store: () => new LocalBlobStore(),
  token: () => session.token,
  refresh: async () => (await session.refresh()) === 'refreshed' && session.token !== null
};

export class UploadQueueState {
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
  #pass: Promise<void> | null = null;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #deps: UploadQueueDeps;

  constructor(deps: UploadQueueDeps = sessionDeps) {
    this.#deps = deps;
  }

  /** This device's blob store (shared with attachments.svelte.ts). */
  get store(): LocalBlobStore {
    this.#store ??= this.#deps.store();
    return this.#store;
  }

  /** Starts the runner once per tab (idempotent). */
  ensureRunning(): void {
    if (this.#running || typeof window === 'undefined') return;
    this.#running = true;
    window.addEventListener('online', () => void this.#wakeAll());
    void this.kick();
  }

  /** Looks at the queue now (after adding an entry, or to refresh the list); resolves when that look is done. */
  kick(): Promise<void> {
    if (this.#pass) {
      this.#again = true;
      return this.#pass;
    }
    this.#pass = this.#run().finally(() => (this.#pass = null));
    return this.#pass;
  }

  /** Stops the timer (tests; a tab's runner lives as long as the tab). */
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** The user's "Try again" on refused or backed-off entries. */
  async retryAll(): Promise<void> {
    const now = Date.now();
    for (const entry of await this.store.queue()) await this.store.saveEntry({ ...retryNow(entry, now), kind: entry.kind });
    await this.kick();
  }

  async #wakeAll(): Promise<void> {
    const now = Date.now();
    // Back online: entries waiting out a network failure's backoff go now (refusals stay).
    for (const entry of await this.store.queue()) if (!entry.permanent && entry.nextAttemptAt > now) await this.store.saveEntry({ ...entry, nextAttemptAt: now });
    await this.kick();
  }

  async #run(): Promise<void> {
    try {
      do {
        this.#again = false;
        await this.#sendDue();
      } while (this.#again);
    } catch (error) {
      this.storageError = `Photos cannot be kept on this device (${error instanceof Error ? error.message : String(error)}).`;
    }
  }

  async #sendDue(): Promise<void> {
    let queue = await this.store.queue();
    this.entries = queue;
    // Offline or signed out, nothing is sent: the `online` event (or a new sign-in's kick) wakes
    // the runner, and a slow look covers browsers that change navigator.onLine without the event.
    const online = this.#deps.isOnline ? this.#deps.isOnline() : typeof navigator === 'undefined' || navigator.onLine !== false;
    const canSend = online && this.#deps.token() !== null;
    if (canSend) {
      for (const entry of queue) if (isDue(entry, Date.now())) await this.#attempt(entry);
      queue = await this.store.queue();
      this.entries = queue;
    }
    this.#plan(queue, canSend ? 0 : OFFLINE_LOOK_MS);
  }

  async #attempt(entry: QueuedUpload): Promise<void> {
    const token = this.#deps.token();
    if (!token) return;
    const started = { ...attemptStarted(entry), kind: entry.kind };
    const blob = await this.store.get(entry.sha256);
    if (!blob) {
      // Cannot happen through this module (bytes and entry are written together); a damaged row
      // stays visible as refused rather than being retried forever or silently dropped.
      await this.store.saveEntry({ ...attemptFailed(started, 'refused', 'the bytes are missing on this device', Date.now()), kind: entry.kind });
      return;
    }
    await this.store.saveEntry(started);
    const send = (bearer: string) => uploadBlob({ token: bearer, org: entry.org, fetch: this.#deps.fetch }, entry.sha256, blob.type, blob.bytes);
    let answer = await send(token);
    const renewed = answer.outcome === 'signed-out' && (await this.#deps.refresh()) ? this.#deps.token() : null;
    if (renewed) answer = await send(renewed);
    if (answer.outcome === 'stored') await this.store.confirmed(entry.sha256);
    else await this.store.saveEntry({ ...attemptFailed(started, answer.outcome, answer.message, Date.now()), kind: entry.kind });
  }

  /** Wakes up when the earliest backed-off entry is due. */
  #plan(queue: readonly QueuedUpload[], atLeastMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const next = Math.min(...queue.filter((e) => !e.permanent).map((e) => e.nextAttemptAt));
    if (Number.isFinite(next)) this.#timer = setTimeout(() => void this.kick(), Math.max(250, atLeastMs, next - Date.now()));
  }
}

export const uploadQueue = new UploadQueueState();
