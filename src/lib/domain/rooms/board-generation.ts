/**
 * Board generations (sync README "Board generations"): the live board of an organisation is
 * `board` (generation 1) until the relay compacts it into `board-g2`, then `board-g3`, … A
 * generation follows exactly the board's rules; this module is the one place that knows the
 * names. Pure: used by the relay and the client alike.
 */

/** What a document is, whatever its generation or month. */
export type DocKind = 'board' | 'finance' | 'catalog' | 'archive';

const BOARD_GENERATION_DOC = /^board-g([2-9]|[1-9]\d{1,5})$/;
const ARCHIVE_DOC = /^archive-\d{4}-(0[1-9]|1[0-2])$/;

/** The highest generation a name may carry (six digits: far beyond any real compaction count). */
export const MAX_BOARD_GENERATION = 999_999;

/** The doc name of board generation `n` (1 → `board`, n ≥ 2 → `board-g<n>`). */
export function boardDocName(n: number): 'board' | `board-g${number}` {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_BOARD_GENERATION) throw new RangeError(`board generation ${n} is not an integer from 1 to ${MAX_BOARD_GENERATION}`);
  return n === 1 ? 'board' : `board-g${n}`;
}

/** The generation of a board doc name; null for any other doc (`board-g1` and `board-g02` are not names). */
export function generationOf(doc: string): number | null {
  if (doc === 'board') return 1;
  const match = BOARD_GENERATION_DOC.exec(doc);
  return match ? Number(match[1]) : null;
}

/** Whether `doc` is some generation of the live board. */
export function isBoardDoc(doc: string): boolean {
  return generationOf(doc) !== null;
}

/** The kind of a doc name; null for names that are no document. */
export function docKind(doc: string): DocKind | null {
  if (isBoardDoc(doc)) return 'board';
  if (doc === 'finance' || doc === 'catalog') return doc;
  if (ARCHIVE_DOC.test(doc)) return 'archive';
  return null;
}
