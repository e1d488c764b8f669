/**
 * Comparing a live record with its archive copy (sync README "Archive moves"): both sides are
 * an entity's fields as plain JSON, flat set and keyed-map keys (`assigned:<id>`,
 * `requiredParts:<id>`) included. The archiver copies until they are equal, and the relay
 * accepts a removal only when they are, so an edit that reached the live record after the
 * copy is never removed with it.
 */

/** An entity's fields as plain JSON values. */
export type RecordFields = Readonly<Record<string, unknown>>;

/** JSON with object keys sorted, so equal content compares equal whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** Whether two records hold the same fields with equal values (a missing field differs from any value). */
export function sameRecordFields(a: RecordFields, b: RecordFields): boolean {
  return stableJson(a) === stableJson(b);
}
