/**
 * The blob store's contract, shared by the relay (server/blobs) and the browser: content
 * addresses, accepted types and sizes, and how a type is recognised from a file's first bytes.
 * Pure: no DOM, no node.
 */

/** A blob's address: the lower-case hex SHA-256 of its bytes. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_PATTERN.test(value);
}

/** Types the relay stores (what the browser's resizer and signature pad produce). */
export const BLOB_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export type BlobType = (typeof BLOB_TYPES)[number];

export function isBlobType(value: string): value is BlobType {
  return (BLOB_TYPES as readonly string[]).includes(value);
}

/** The relay's default upload limit (BLOB_MAX_BYTES); a resized 2048 px photo is far below it. */
export const DEFAULT_BLOB_MAX_BYTES = 12 * 1024 * 1024;

/**
 * The type a file's first bytes show (magic numbers), or null when it is none of BLOB_TYPES.
 * The relay refuses bytes that do not match their declared type, and answers GET with this.
 */
export function sniffBlobType(head: Uint8Array): BlobType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return 'image/png';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Bytes sniffBlobType needs to decide. */
export const SNIFF_BYTES = 12;

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}
