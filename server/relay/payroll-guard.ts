/**
 * The board room's paid time (issue 12 "Payroll"; rules in src/lib/domain/payroll/, shared
 * with the client's FieldWork.editEntry). Once a pay run has locked a technician's span (a
 * `payrollLocks` record), an update is refused with `closed-period` when it creates a time
 * entry record that supersedes one of that technician's entries starting in the span, or that
 * moves an entry's start into it. Two things stay allowed: stopping a clock that was still
 * running when the run was approved (a stop keeps the start and has no reason; the run did not
 * pay it, the next run pays it as an adjustment), and a new entry for a paid day (a late
 * correction, a new chain). Only locks the room already holds count. The detail names the
 * run by its first 8 characters (a close reason holds at most 123 bytes).
 */
import * as Y from 'yjs';
import type { RuleViolation } from '../../src/lib/domain/rooms/room-rules';
import { lockCovering, type LockSpan } from '../../src/lib/domain/payroll/run-records';
import type { CreatedRecord } from './period-guard';

export function checkPayrollLocks(doc: Y.Doc, created: readonly CreatedRecord[]): RuleViolation | null {
  const entries = created.filter((r) => r.collection === 'timeEntries' && typeof r.fields?.get('supersedes') === 'string');
  if (!entries.length) return null;
  const locks = readLocks(doc);
  if (!locks.length) return null;
  const held = doc.getMap('timeEntries');
  for (const record of entries) {
    const fields = record.fields as ReadonlyMap<string, unknown>;
    const previous = held.get(fields.get('supersedes') as string);
    const old = previous instanceof Y.Map ? { technicianId: previous.get('technicianId'), start: previous.get('start'), end: previous.get('end') } : null;
    const isStop = old !== null && old.end === null && !fields.has('reason') && fields.get('start') === old.start;
    if (isStop) continue;
    const technicianId = fields.get('technicianId');
    const covering = (tech: unknown, start: unknown) => (typeof tech === 'string' && typeof start === 'string' ? lockCovering(locks, tech, start) : null);
    const lock = (old && covering(old.technicianId, old.start)) ?? covering(technicianId, fields.get('start'));
    if (lock) return { reason: 'closed-period', detail: `timeEntries/${record.key} paid in run ${lock.runId.slice(0, 8)}` };
  }
  return null;
}

/** The locks the room holds (malformed records are skipped). */
function readLocks(doc: Y.Doc): LockSpan[] {
  if (!doc.share.has('payrollLocks')) return [];
  const out: LockSpan[] = [];
  for (const value of doc.getMap('payrollLocks').values()) {
    if (!(value instanceof Y.Map)) continue;
    const [technicianId, from, to, runId] = ['technicianId', 'from', 'to', 'runId'].map((k) => value.get(k));
    if (typeof technicianId === 'string' && typeof from === 'string' && typeof to === 'string' && typeof runId === 'string') out.push({ technicianId, from, to, runId });
  }
  return out;
}
