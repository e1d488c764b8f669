/**
 * The relay's content-addressed blob store (photos, signatures): `DATA_DIR/blobs/<org>/<aa>/<sha256>`.
 *
 * Invariant: a file exists at a blob's final path only with exactly the bytes whose SHA-256
 * is its name. Bytes are streamed into `DATA_DIR/blobs/<org>/tmp/`, hashed on the way,
 * fsynced, and only when the digest matches hard-linked into place (atomic on one file system,
 * and never replacing a file already there), then the directory is fsynced and the temp name
 * removed. A crash at any point leaves either no blob or the
 * whole blob, plus perhaps a temp file, which `sweepTemp()` removes at start. A repeat upload of
 * a stored hash reads nothing and rewrites nothing. Blobs are never deleted here.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { isSha256, sniffBlobType, SNIFF_BYTES, type BlobType } from '../../src/lib/domain/media/blob-rules';
import { ORG_PATTERN } from '../../src/lib/domain/access/roles';

export const BLOBS_DIR = 'blobs';
const TEMP_DIR = 'tmp';
const TEMP_SUFFIX = '.part';

/** Why an upload was not stored; the HTTP layer maps these to 400/413/415. */
export type PutRefusal = 'hash-mismatch' | 'too-large' | 'type-mismatch' | 'quota';

export type PutResult = { stored: 'new' | 'existing'; size: number } | { refused: PutRefusal; detail: string };

export interface StoredBlob {
  path: string;
  size: number;
  type: BlobType | null;
}

export class BlobStore {
  /** Stored bytes per org, counted from disk on first use, then grown by each new blob. */
  readonly #usage = new Map<string, number>();

  constructor(
    /** `DATA_DIR/blobs` */
    readonly root: string,
    readonly maxBytes: number,
    /** Bytes of blobs one org may store (BLOB_ORG_QUOTA_BYTES); 0 = unlimited. */
    readonly orgQuotaBytes = 0
  ) {}

  /** Bytes of blobs `org` stores (temp files excluded). */
  usage(org: string): number {
    let bytes = this.#usage.get(org);
    if (bytes === undefined) {
      bytes = 0;
      const dir = path.join(this.root, org);
      if (fs.existsSync(dir)) {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
          if (entry.isFile() && !isBlobTemp(path.relative(dir, path.join(entry.parentPath, entry.name)))) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
        }
      }
      this.#usage.set(org, bytes);
    }
    return bytes;
  }

  /** The final path of a blob (hash and org already validated by the caller; checked again here). */
  pathOf(org: string, sha256: string): string {
    if (!ORG_PATTERN.test(org) || !isSha256(sha256)) throw new Error(`bad blob address ${org}/${sha256}`);
    return path.join(this.root, org, sha256.slice(0, 2), sha256);
  }

  /** The stored blob, or null when absent. */
  async stat(org: string, sha256: string): Promise<StoredBlob | null> {
    const file = this.pathOf(org, sha256);
    let size: number;
    try {
      size = (await fsp.stat(file)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const handle = await fsp.open(file, 'r');
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
      return { path: file, size, type: sniffBlobType(head.subarray(0, bytesRead)) };
    } finally {
      await handle.close();
    }
  }

  /**
   * Stores `body` as `sha256` of `org` if its bytes hash to it, are at most `maxBytes` and start
   * like `type`. Existing blobs are not read or rewritten (`body` is left unread).
   */
  async put(org: string, sha256: string, type: BlobType, body: AsyncIterable<Uint8Array>): Promise<PutResult> {
    const final = this.pathOf(org, sha256);
    const existing = await this.stat(org, sha256);
    if (existing) return { stored: 'existing', size: existing.size };
    const quotaFull = () => ({ refused: 'quota' as const, detail: `the organisation's photo storage is full (${this.usage(org)} of ${this.orgQuotaBytes} bytes)` });
    if (this.orgQuotaBytes > 0 && this.usage(org) >= this.orgQuotaBytes) return quotaFull();
    const tempDir = path.join(this.root, org, TEMP_DIR);
    await fsp.mkdir(tempDir, { recursive: true, mode: 0o700 });
    const temp = path.join(tempDir, `${sha256}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    const handle = await fsp.open(temp, 'wx', 0o600);
    let size = 0;
    let head = Buffer.alloc(0);
    const hash = createHash('sha256');
    try {
      for await (const chunk of body) {
        size += chunk.byteLength;
        // Past the limit the rest is read and dropped (not written), so the client still gets
        // its 413 instead of a reset connection; leaving the loop early would destroy the request.
        if (size > this.maxBytes) continue;
        if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk]).subarray(0, SNIFF_BYTES);
        hash.update(chunk);
        await handle.write(chunk);
      }
      if (size > this.maxBytes) return { refused: 'too-large', detail: `blobs are limited to ${this.maxBytes} bytes` };
      const digest = hash.digest('hex');
      if (digest !== sha256) return { refused: 'hash-mismatch', detail: `the bytes hash to ${digest}, not ${sha256}` };
      const sniffed = sniffBlobType(head);
      if (sniffed !== type) return { refused: 'type-mismatch', detail: `the bytes are ${sniffed ?? 'not an accepted image'}, not ${type}` };
      // Checked again at the end; two uploads racing past it overshoot by at most one blob each.
      if (this.orgQuotaBytes > 0 && this.usage(org) + size > this.orgQuotaBytes) return quotaFull();
      await handle.sync();
      await handle.close();
      await fsp.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
      // link() then unlink(), not rename(): a concurrent upload of the same hash that got there
      // first is never replaced (EEXIST); the name appears atomically either way.
      try {
        await fsp.link(temp, final);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { stored: 'existing', size };
        throw error;
      }
      await syncDir(path.dirname(final));
      this.#usage.set(org, this.usage(org) + size);
      return { stored: 'new', size };
    } finally {
      // The temp name goes in every case (after a link the blob lives on under its final name).
      await handle.close().catch(() => undefined);
      await fsp.rm(temp, { force: true });
    }
  }

  /** Removes temp files left by uploads a crash cut short. Run once at start, before listening. */
  sweepTemp(): number {
    let removed = 0;
    if (!fs.existsSync(this.root)) return 0;
    for (const org of fs.readdirSync(this.root)) {
      const tempDir = path.join(this.root, org, TEMP_DIR);
      if (!fs.existsSync(tempDir)) continue;
      for (const name of fs.readdirSync(tempDir)) {
        if (!name.endsWith(TEMP_SUFFIX)) continue;
        fs.rmSync(path.join(tempDir, name), { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Makes a rename in `dir` durable (the directory entry itself). */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** True for temp files and directories a backup leaves out. */
export function isBlobTemp(relativePath: string): boolean {
  return relativePath.split(path.sep).includes(TEMP_DIR);
}
