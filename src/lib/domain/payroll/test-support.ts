/** Fixtures for payroll tests: entries and rates from local times, in UTC unless a zone is given. */
import type { CurrentTimeEntry, TimeEntryKind } from '../fieldwork/time-entries';
import type { PayRate } from './pay-rates';
import { zonedInstant } from '../time/zoned';

let seq = 0;

/** A finished entry of `minutes` from `day` `HH:MM` local time. */
export function worked(technicianId: string, day: string, clock: string, minutes: number, kind: TimeEntryKind = 'on_site', timeZone = 'UTC'): CurrentTimeEntry {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  const start = zonedInstant(day, h * 60 + m, timeZone);
  const id = `e${++seq}`;
  return { id, rootId: id, edited: false, technicianId, jobId: 'job-1', visitId: null, kind, start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString(), at: '2026-01-01T00:00:00.000Z', by: 'u1' };
}

export function rate(technicianId: string, hourlyCents: number, effectiveFrom = '2026-01-01'): PayRate {
  return { id: `r-${technicianId}-${effectiveFrom}`, technicianId, hourlyCents, effectiveFrom, at: '2026-01-01T00:00:00.000Z', by: 'admin' };
}
