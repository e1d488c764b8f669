/**
 * Numbers from a per-device series (`<PREFIX>-<DEVICE>-<NNNN>`, README "numbering" rule) for
 * any collection: jobs today, invoices next. The next number counts every number of the
 * series the doc holds, readable or not: a record that fails validation for a moment (a
 * peer's bad field, an edit waiting for its dependency) still owns its number, so it is never
 * issued twice.
 */
import { nextSeriesNumber } from '../domain/numbering/series';
import type { Collection } from './collection';

/** The next free number of `prefix`/`deviceCode` in `collection`, reading the raw `field` of every entity. */
/**
 * `alsoUsed`: numbers of records that left the doc (archived jobs: the `archiveMoves` markers'
 * high-water marks), which still count as used.
 */
export function nextNumberIn<T extends { id: string }>(collection: Collection<T>, prefix: string, deviceCode: string, field = 'number', alsoUsed: readonly string[] = []): string {
  const held = collection.rawValues(field).filter((value): value is string => typeof value === 'string');
  return nextSeriesNumber(prefix, deviceCode, alsoUsed.length ? [...held, ...alsoUsed] : held);
}
