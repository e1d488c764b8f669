/**
 * The bridge from the time clock to billing: the pricing engine (domain/billing/labour.ts)
 * prices a job's finished time entries. Only current versions count (an edit replaces what it
 * supersedes), running entries are left out until stopped, and breaks are passed through for
 * the engine to skip (its rule, not ours).
 */
import type { TimeEntryInput } from '../billing/labour';
import type { CurrentTimeEntry } from './time-entries';

const KIND: Record<CurrentTimeEntry['kind'], TimeEntryInput['kind']> = { travel: 'travel', on_site: 'onsite', break: 'break' };

/** The job's finished entries as the pricing engine reads them (`id` = the entry's root id, stable across edits). */
export function labourEntriesOf(current: readonly CurrentTimeEntry[], jobId: string): TimeEntryInput[] {
  return current
    .filter((e): e is CurrentTimeEntry & { end: string } => e.jobId === jobId && e.end !== null)
    .map((e) => ({ id: e.rootId, kind: KIND[e.kind], start: e.start, end: e.end, technicianId: e.technicianId }));
}
