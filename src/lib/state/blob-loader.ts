/**
 * A blob's bytes for showing or printing: this device's copy (IndexedDB), else fetched from
 * the relay, verified against its hash (api/blob-api.ts) and cached here, so it shows offline
 * next time. Shared by attachments (photos, signatures) and the organisation's logo.
 */
import { downloadBlob } from '../api/blob-api';
import { isBlobType, type BlobType } from '../domain/media/blob-rules';
import { session } from './session.svelte';
import { uploadQueue } from './upload-queue.svelte';

export type LoadedBlob =
  | { ok: true; bytes: Uint8Array; type: BlobType; fetched: boolean }
  | { ok: false; reason: 'signed-out' | 'offline' | 'missing' | 'failed'; message: string };

/** The bytes named `sha256` (`fallbackType` when the relay's answer names no stored type). */
export async function loadBlob(sha256: string, fallbackType: BlobType): Promise<LoadedBlob> {
  const store = uploadQueue.store;
  const local = await store.get(sha256);
  if (local) return { ok: true, bytes: local.bytes, type: local.type, fetched: local.origin === 'fetched' };
  const token = session.token;
  const org = session.claims?.org;
  if (!token || !org) return { ok: false, reason: 'signed-out', message: 'Sign in to see this image.' };
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { ok: false, reason: 'offline', message: 'Offline: this image is shown once the device is back online.' };
  const result = await downloadBlob({ token, org }, sha256);
  if (!result.ok) return { ok: false, reason: result.reason === 'missing' ? 'missing' : 'failed', message: result.message };
  const type = result.type.split(';')[0]!.trim();
  const stored = isBlobType(type) ? type : fallbackType;
  await store.addFetched({ sha256, org, type: stored, bytes: result.bytes });
  return { ok: true, bytes: result.bytes, type: stored, fetched: true };
}

/** An object URL for loaded bytes (kept for the tab's life by the caller). */
export function blobUrl(bytes: Uint8Array, type: string): string {
  return URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}
