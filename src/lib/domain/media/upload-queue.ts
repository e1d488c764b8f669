/**
 * The upload queue's rules, pure: an entry per local blob waiting for the relay, its state
 * after each attempt, and when to try again. The Dexie store (src/lib/local/blob-store.ts) keeps
 * the entries; the runner (src/lib/state/upload-queue.svelte.ts) applies these transitions.
 *
 * Invariant: an entry leaves the queue only through `attemptSucceeded` (the relay answered
 * 200/201 for exactly this hash); nothing else removes a local blob's claim to be uploaded.
 */

export type UploadState = 'waiting' | 'uploading' | 'failed';

export interface UploadEntry {
  sha256: string;
  /** `<org>`: the store the blob goes to. */
  org: string;
  state: UploadState;
  attempts: number;
  /** Epoch ms before which no new attempt starts. */
  nextAttemptAt: number;
  /** The last failure, for the queue's status line. */
  lastError: string | null;
  /** A refusal that retrying cannot fix (400/413/415): the entry stays, visible, until the user acts. */
  permanent: boolean;
  queuedAt: number;
}

/** Backoff after the n-th failed attempt (1-based): 2 s doubling to 5 min, ±20% jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 2000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export function newEntry(sha256: string, org: string, now: number): UploadEntry {
  return { sha256, org, state: 'waiting', attempts: 0, nextAttemptAt: now, lastError: null, permanent: false, queuedAt: now };
}

/** Whether the runner may start an attempt now. An `uploading` entry found on load was cut off by a reload: due again. */
export function isDue(entry: UploadEntry, now: number): boolean {
  return !entry.permanent && entry.nextAttemptAt <= now;
}

export function attemptStarted(entry: UploadEntry): UploadEntry {
  return { ...entry, state: 'uploading', attempts: entry.attempts + 1 };
}

/** How an attempt ended, classified from the HTTP answer (or a network failure: status null). */
export type AttemptOutcome = 'stored' | 'retry' | 'refused' | 'signed-out';

export function classifyAnswer(status: number | null): AttemptOutcome {
  if (status === 200 || status === 201) return 'stored';
  if (status === 401) return 'signed-out';
  if (status === 400 || status === 403 || status === 413 || status === 415) return 'refused';
  return 'retry';
}

/** The entry after a failed attempt; null is never returned here: only success removes an entry. */
export function attemptFailed(entry: UploadEntry, outcome: Exclude<AttemptOutcome, 'stored'>, message: string, now: number, random?: () => number): UploadEntry {
  const permanent = outcome === 'refused';
  // Signed out: wait for a new token rather than hammering the relay; retried after backoff.
  return { ...entry, state: 'failed', lastError: message, permanent, nextAttemptAt: now + backoffMs(entry.attempts, random) };
}

/** The user's "try again" on a refused or failed entry. */
export function retryNow(entry: UploadEntry, now: number): UploadEntry {
  return { ...entry, state: 'waiting', permanent: false, nextAttemptAt: now };
}

/** "3 photos waiting to upload" / "1 signature waiting to upload" / mixed, or '' when none. */
export function queueSummary(counts: { photo: number; signature: number }): string {
  const parts: string[] = [];
  if (counts.photo) parts.push(`${counts.photo} ${counts.photo === 1 ? 'photo' : 'photos'}`);
  if (counts.signature) parts.push(`${counts.signature} ${counts.signature === 1 ? 'signature' : 'signatures'}`);
  if (!parts.length) return '';
  return `${parts.join(' and ')} waiting to upload`;
}
