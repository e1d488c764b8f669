/**
 * This device's blobs (photos, signatures) and the upload queue, in IndexedDB (Dexie).
 *
 * - `blobs`: bytes keyed by their SHA-256, taken here (`local`) or fetched from the relay and
 *   verified (`fetched`, a cache). Blobs are never deleted by this module: a local blob stays at
 *   least until the relay confirmed it (the queue entry is removed only then), and is kept after
 *   as this device's copy.
 * - `uploads`: one entry per local blob the relay has not confirmed (domain/media/upload-queue.ts
 *   rules). A blob and its entry are written in one transaction, so a reload, tab kill or reboot
 *   never leaves a taken photo without its way to the relay.
 * Every row read is validated (the database may hold rows from an older or damaged version).
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { BLOB_TYPES, SHA256_PATTERN } from '../domain/media/blob-rules';
import { ATTACHMENT_KINDS } from '../domain/media/attachment';
import { newEntry, type UploadEntry } from '../domain/media/upload-queue';

const storedBlobSchema = z.object({
  sha256: z.string().regex(SHA256_PATTERN),
  org: z.string().min(1),
  type: z.enum(BLOB_TYPES),
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes are not a Uint8Array'),
  origin: z.enum(['local', 'fetched']),
  storedAt: z.number()
});
export type StoredBlob = z.infer<typeof storedBlobSchema>;

/** What a queued blob is: a visit's photo or signature, or the organisation's logo (Settings › Price book). */
export const UPLOAD_KINDS = [...ATTACHMENT_KINDS, 'logo'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

const queuedUploadSchema = z.object({
  sha256: z.string().regex(SHA256_PATTERN),
  org: z.string().min(1),
  kind: z.enum(UPLOAD_KINDS),
  state: z.enum(['waiting', 'uploading', 'failed']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  lastError: z.string().nullable(),
  permanent: z.boolean(),
  queuedAt: z.number()
});
export type QueuedUpload = UploadEntry & { kind: UploadKind };

export const BLOB_DB_NAME = 'fieldboard-blobs';

class BlobDb extends Dexie {
  blobs!: EntityTable<StoredBlob, 'sha256'>;
  uploads!: EntityTable<QueuedUpload, 'sha256'>;
  constructor() {
    super(BLOB_DB_NAME);
    this.version(1).stores({ blobs: 'sha256, org', uploads: 'sha256, org, nextAttemptAt' });
  }
}

export class LocalBlobStore {
  readonly #db = new BlobDb();

  /** Keeps a blob taken on this device and queues its upload, in one transaction. */
  async addLocal(blob: { sha256: string; org: string; type: StoredBlob['type']; bytes: Uint8Array; kind: UploadKind }, now = Date.now()): Promise<void> {
    await this.#db.transaction('rw', this.#db.blobs, this.#db.uploads, async () => {
      const existing = await this.#db.blobs.get(blob.sha256);
      if (!existing || existing.origin !== 'local') {
        await this.#db.blobs.put({ sha256: blob.sha256, org: blob.org, type: blob.type, bytes: blob.bytes, origin: 'local', storedAt: now });
      }
      if (!(await this.#db.uploads.get(blob.sha256))) await this.#db.uploads.put({ ...newEntry(blob.sha256, blob.org, now), kind: blob.kind });
    });
  }

  /** Caches a blob fetched from the relay (the caller verified its hash). */
  async addFetched(blob: { sha256: string; org: string; type: StoredBlob['type']; bytes: Uint8Array }, now = Date.now()): Promise<void> {
    if (await this.#db.blobs.get(blob.sha256)) return;
    await this.#db.blobs.put({ ...blob, origin: 'fetched', storedAt: now });
  }

  async get(sha256: string): Promise<StoredBlob | undefined> {
    const parsed = storedBlobSchema.safeParse(await this.#db.blobs.get(sha256));
    return parsed.success ? parsed.data : undefined;
  }

  /** Every queued upload (damaged rows are skipped), oldest first. */
  async queue(): Promise<QueuedUpload[]> {
    const rows = await this.#db.uploads.toArray();
    return rows
      .flatMap((row) => {
        const parsed = queuedUploadSchema.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  /** Saves an entry's new state (never resurrects an entry already confirmed and removed). */
  async saveEntry(entry: QueuedUpload): Promise<void> {
    await this.#db.transaction('rw', this.#db.uploads, async () => {
      if (await this.#db.uploads.get(entry.sha256)) await this.#db.uploads.put(entry);
    });
  }

  /** The relay confirmed the blob (200/201 for this hash): its entry goes; the bytes stay. */
  async confirmed(sha256: string): Promise<void> {
    await this.#db.uploads.delete(sha256);
  }

  close(): void {
    this.#db.close();
  }
}
