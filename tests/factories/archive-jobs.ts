/**
 * Factories for archive tests: closed and open jobs with their history on a board doc, at
 * fixed instants (never the time the suite runs at).
 */
import * as Y from 'yjs';
import type { BoardDoc } from '../../src/lib/sync/board-doc';
import type { JobStatus } from '../../src/lib/domain/jobs/status';

export const ARCHIVIST = { id: 'u-admin', name: 'Ada Admin' };

const PATHS: Record<'closed' | 'cancelled' | 'paid' | 'completed', JobStatus[]> = {
  closed: ['scheduled', 'dispatched', 'on_site', 'completed', 'closed'],
  paid: ['scheduled', 'dispatched', 'on_site', 'completed', 'invoiced', 'paid'],
  cancelled: ['cancelled'],
  completed: ['scheduled', 'dispatched', 'on_site', 'completed']
};

/**
 * Creates a job for `customerId` and walks it to `end`, the last step at `endedAt` (the ones
 * before a minute apart, earlier), plus a field note, since real jobs carry records besides
 * their events. Everything is written by `actor`. Returns the job id.
 */
export function jobEndingAt(board: BoardDoc, end: keyof typeof PATHS, endedAt: string, customerId = 'cust-1', actor = ARCHIVIST, deviceCode = 'AB23'): string {
  const steps = PATHS[end];
  const endMs = Date.parse(endedAt);
  const created = board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm', customerId, assetIds: [`asset-${customerId}`] }, actor, deviceCode, new Date(endMs - (steps.length + 1) * 60_000));
  if (!created.ok) throw new Error(`job not created: ${JSON.stringify(created.errors)}`);
  const id = created.job.id;
  steps.forEach((to, i) => {
    const result = board.transitionJob(id, to, actor, new Date(endMs - (steps.length - 1 - i) * 60_000));
    if (!result.ok) throw new Error(result.error);
  });
  board.doc.transact(() => {
    const note = { jobId: id, visitId: `v1:${id}`, text: 'Replaced the fan motor', at: endedAt, by: actor.id };
    board.doc.getMap('fieldNotes').set(`note-${id}`, new Y.Map<unknown>(Object.entries(note)));
  });
  return id;
}
