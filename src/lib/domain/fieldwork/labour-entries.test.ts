import { describe, expect, it } from 'vitest';
import { labourEntriesOf } from './labour-entries';
import { currentTimeEntries, timeEntrySchema } from './time-entries';

const entry = (id: string, fields: Record<string, unknown>) => timeEntrySchema.parse({ id, technicianId: 't1', jobId: 'j1', visitId: 'v1:j1', kind: 'on_site', start: '2026-06-10T16:00:00.000Z', end: null, at: '2026-06-10T16:00:00.000Z', by: 'u1', ...fields });

describe('labourEntriesOf', () => {
  it('passes the current, finished entries of the job to billing, keyed by their root id', () => {
    const current = currentTimeEntries([
      entry('a', { kind: 'travel', end: '2026-06-10T16:20:00.000Z' }),
      entry('a2', { kind: 'travel', supersedes: 'a', start: '2026-06-10T15:55:00.000Z', end: '2026-06-10T16:20:00.000Z', reason: 'left earlier', at: '2026-06-10T17:00:00.000Z' }),
      entry('b', { start: '2026-06-10T16:20:00.000Z' }),
      entry('c', { jobId: 'j2', end: '2026-06-10T16:30:00.000Z' })
    ]);
    expect(labourEntriesOf(current, 'j1')).toEqual([{ id: 'a', kind: 'travel', start: '2026-06-10T15:55:00.000Z', end: '2026-06-10T16:20:00.000Z', technicianId: 't1' }]);
  });
});
