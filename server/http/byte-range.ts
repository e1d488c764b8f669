/**
 * HTTP byte ranges (RFC 9110 §14) for the static server: PMTiles reads the basemap archive
 * by range (header, directories, then each tile), so the relay must answer `Range` with 206.
 * Only single ranges are served; a multi-range or malformed header is ignored (the whole
 * file is sent), which the RFC allows.
 */

/** The inclusive byte span to send. */
export interface ByteSpan {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header against a file of `size` bytes: a span to send with 206,
 * `'unsatisfiable'` (answer 416 with `Content-Range: bytes * /size`), or null to send the
 * whole file (no header, another unit, several ranges or a malformed one).
 */
export function parseByteRange(header: string | undefined, size: number): ByteSpan | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (end < start) return null; // invalid per the RFC: ignored
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
