/**
 * A room's content as plain data, for comparing two points in its history. Each top-level
 * collection maps an entry key to either an entity map (a `Y.Map` of fields, DESIGN §3) or a
 * plain value (anything else a writer stored under the key). No Yjs here: the relay converts.
 */

export type Entry = { kind: 'map'; fields: Record<string, unknown> } | { kind: 'value'; value: unknown };

/** collection → entry key → entry */
export type DocState = Record<string, Record<string, Entry>>;

/** One change a stored row made: to a whole entry (`field` null: added, removed, replaced) or to one field. */
export interface EntryChange {
  seq: number;
  /** The user the relay stored the row as written by; null for rows from before history. */
  userId: string | null;
  collection: string;
  id: string;
  field: string | null;
  /** undefined: the entry / field did not exist. */
  before: unknown;
  after: unknown;
}

/** The `meta` map holds the schema version: never taken back to an older point (migrations only go forward). */
export const UNRESTORED_COLLECTIONS: ReadonlySet<string> = new Set(['meta']);

/** Deep equality of JSON values, ignoring object key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const bo = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && sameJson((a as Record<string, unknown>)[k], bo[k]));
}

/** What changed between two states of one entry, as entry- or field-level changes (without seq/user). */
export function diffEntry(
  collection: string,
  id: string,
  before: Entry | undefined,
  after: Entry | undefined
): Array<Pick<EntryChange, 'collection' | 'id' | 'field' | 'before' | 'after'>> {
  if (before?.kind === 'map' && after?.kind === 'map') {
    const out: Array<Pick<EntryChange, 'collection' | 'id' | 'field' | 'before' | 'after'>> = [];
    const fields = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
    for (const field of fields) {
      const b = before.fields[field];
      const a = after.fields[field];
      if (!sameJson(b, a)) out.push({ collection, id, field, before: b, after: a });
    }
    return out;
  }
  if (before === undefined && after === undefined) return [];
  if (before?.kind === 'value' && after?.kind === 'value' && sameJson(before.value, after.value)) return [];
  return [{ collection, id, field: null, before, after }];
}
