/**
 * Versioned, idempotent doc migrations (DESIGN §3, STYLE rule 4).
 *
 * The doc's `meta` map carries `schemaVersion`. On every load (local and after each sync) the
 * runner applies, in order, each migration whose version is above it. Every `up` must be
 * idempotent, because two offline clients may both run it and their edits then merge; setting
 * `schemaVersion` to the same number on both converges. Migrations only ever add keys.
 * A doc whose version is newer than this code knows is left alone (older code can still read
 * and write it, since fields are never renamed or dropped).
 */
import type * as Y from 'yjs';

export interface Migration {
  version: number;
  name: string;
  up(doc: Y.Doc): void;
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
  /** The doc was written by newer code than this. */
  newerThanCode: boolean;
}

export const META = 'meta';

export function schemaVersionOf(doc: Y.Doc): number {
  const value = doc.getMap(META).get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export function runMigrations(doc: Y.Doc, migrations: readonly Migration[], origin: unknown): MigrationResult {
  assertOrdered(migrations);
  const from = schemaVersionOf(doc);
  const latest = migrations.at(-1)?.version ?? 0;
  const pending = migrations.filter((m) => m.version > from);
  if (!pending.length) return { from, to: from, applied: [], newerThanCode: from > latest };
  doc.transact(() => {
    for (const migration of pending) {
      migration.up(doc);
      doc.getMap(META).set('schemaVersion', migration.version);
    }
  }, origin);
  return { from, to: schemaVersionOf(doc), applied: pending.map((m) => m.name), newerThanCode: false };
}

function assertOrdered(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`migrations out of order at ${migrations[i]!.name}`);
    }
  }
}
