/**
 * Boards as older releases saved them, for migration tests: raw Y maps written without the
 * repos (so without validation or migration), with the schema version stamped in `meta` when
 * the release had one.
 */
import * as Y from 'yjs';

/** The fields every release's job had (with a site address and an estimate, from schema 1 on). */
export const SAVED_JOB_FIELDS = {
  customerName: 'Ada',
  siteAddress: '1 Main St',
  problem: 'Leak',
  type: 'repair',
  priority: 'normal',
  createdAt: '2025-01-01T10:00:00.000Z',
  createdBy: 'u1',
  updatedAt: '2025-01-01T10:00:00.000Z',
  estimatedMinutes: 60
} as const;

/** A board update holding `jobs` (by id) as that release wrote them; `schemaVersion` undefined: a release before versions. */
export function savedBoard(jobs: Record<string, Record<string, unknown>>, schemaVersion?: number): Uint8Array {
  const doc = new Y.Doc();
  if (schemaVersion !== undefined) {
    doc.getMap('meta').set('schemaVersion', schemaVersion);
    doc.getMap('meta').set('kind', 'board');
  }
  for (const [id, fields] of Object.entries(jobs)) {
    const job = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) job.set(k, v);
    doc.getMap('jobs').set(id, job);
  }
  return Y.encodeStateAsUpdate(doc);
}
