import { describe, expect, it } from 'vitest';
import { checkNewRecord, COLLECTION_RULES, ruleFor, isImmutableCollection, parseRefusalCloseReason, refusalCloseReason, REFUSAL_REASONS, REGISTER_MAPS } from './room-rules';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const writer = { subject: 'ada', nowMs: NOW, maxFutureMs: 5 * 60_000 };
const fields = (over: Record<string, unknown> = {}) =>
  new Map(Object.entries({ jobId: 'j1', kind: 'status', from: 'new', to: 'scheduled', at: '2026-11-20T11:59:00.000Z', by: 'ada', byName: 'Ada', ...over }));

describe('room rules', () => {
  it('accepts a record by its writer, with unknown extra fields and an optional stamp', () => {
    for (const collection of ['jobEvents', 'jobActivity']) {
      expect(checkNewRecord(collection, 'e1', fields({ stamp: '2026-11-20T12:00:00.000Z', recordedFor: 'sam', window: { start: null } }), writer)).toBeNull();
    }
  });

  it('refuses a record credited to someone other than the writer', () => {
    expect(checkNewRecord('jobEvents', 'e1', fields({ by: 'sam' }), writer)).toEqual({ reason: 'wrong-author', detail: 'jobEvents/e1.by is not the writer (ada)' });
  });

  it('allows times up to the configured skew ahead of the relay clock and refuses beyond it', () => {
    expect(checkNewRecord('jobEvents', 'e1', fields({ at: '2026-11-20T12:05:00.000Z' }), writer)).toBeNull();
    expect(checkNewRecord('jobEvents', 'e1', fields({ at: '2026-11-20T12:05:00.001Z' }), writer)?.reason).toBe('future-time');
    expect(checkNewRecord('jobEvents', 'e1', fields({ stamp: '2099-01-01T00:00:00Z' }), writer)?.reason).toBe('future-time');
    expect(checkNewRecord('jobEvents', 'e1', fields({ at: '2026-11-20T13:00:00+01:00' }), writer)).toBeNull(); // offsets are instants too
  });

  it('refuses records with fields of the wrong type, missing required fields, or no fields at all', () => {
    expect(checkNewRecord('jobEvents', 'e1', fields({ by: 7 }), writer)?.reason).toBe('bad-record');
    expect(checkNewRecord('jobEvents', 'e1', fields({ at: 'last Tuesday' }), writer)?.reason).toBe('bad-record');
    expect(checkNewRecord('jobEvents', 'e1', fields({ byName: null }), writer)?.reason).toBe('bad-record');
    const noAt = fields();
    noAt.delete('at');
    expect(checkNewRecord('jobActivity', 'a1', noAt, writer)).toEqual({ reason: 'bad-record', detail: 'jobActivity/a1 has no at' });
    expect(checkNewRecord('jobEvents', 'e1', null, writer)?.reason).toBe('bad-record');
  });

  it('guards the stock ledger and reorder settings like history: authored, immutable, typed', () => {
    const move = (over: Record<string, unknown> = {}) => new Map(Object.entries({ kind: 'use', partId: 'p1', qty: 2, from: 'truck:t1', jobId: 'j1', at: '2026-11-20T11:59:00.000Z', by: 'ada', ...over }));
    expect(checkNewRecord('stockMoves', 'm1', move(), writer)).toBeNull();
    expect(checkNewRecord('stockMoves', 'm1', move({ by: 'sam' }), writer)?.reason).toBe('wrong-author');
    expect(checkNewRecord('stockMoves', 'm1', move({ qty: 1.5 }), writer)?.reason).toBe('bad-record');
    expect(checkNewRecord('stockMoves', 'm1', move({ at: '2099-01-01T00:00:00Z' }), writer)?.reason).toBe('future-time');
    expect(checkNewRecord('stockSettings', 's1', new Map(Object.entries({ partId: 'p1', locationId: 'wh:o1', at: '2026-11-20T11:59:00.000Z', by: 'sam' })), writer)?.reason).toBe('wrong-author');
    expect(isImmutableCollection('stockMoves')).toBe(true);
    expect(isImmutableCollection('stockSettings')).toBe(true);
    expect(isImmutableCollection('agreements')).toBe(false);
  });

  it('leaves collections without rules to their readers', () => {
    expect(checkNewRecord('jobs', 'j1', null, writer)).toBeNull();
    expect(checkNewRecord('customers', 'c1', new Map([['createdBy', 'someone-else']]), writer)).toBeNull();
    expect(isImmutableCollection('jobs')).toBe(false);
  });

  it('treats every collection with an author as immutable history', () => {
    for (const [name, rule] of Object.entries(COLLECTION_RULES)) {
      if (rule.authorField) expect(isImmutableCollection(name), name).toBe(true);
    }
  });

  it('guards the technician app\'s records: author, a time entry\'s start and end not in the future', () => {
    const entry = (over: Record<string, unknown> = {}) =>
      new Map(Object.entries({ jobId: 'j1', technicianId: 't1', kind: 'travel', start: '2026-11-20T11:00:00.000Z', end: null, at: '2026-11-20T11:59:00.000Z', by: 'ada', ...over }));
    expect(checkNewRecord('timeEntries', 'te1', entry(), writer)).toBeNull();
    expect(checkNewRecord('timeEntries', 'te1', entry({ by: 'sam' }), writer)?.reason).toBe('wrong-author');
    expect(checkNewRecord('timeEntries', 'te1', entry({ end: '2026-11-20T14:00:00.000Z' }), writer)?.reason).toBe('future-time');
    expect(checkNewRecord('timeEntries', 'te1', entry({ start: 'soon' }), writer)?.reason).toBe('bad-record');
    for (const collection of ['partUses', 'fieldNotes', 'statusTaps', 'checklistChecks']) {
      expect(isImmutableCollection(collection), collection).toBe(true);
      expect(checkNewRecord(collection, 'r1', fields({ by: 'sam' }), writer)?.reason, collection).toBe('wrong-author');
    }
    expect(checkNewRecord('partUses', 'p1', fields({ quantity: -2 }), writer)?.reason).toBe('bad-record');
  });

  it('round-trips a refusal through a websocket close reason of at most 123 bytes', () => {
    const violation = { reason: 'wrong-author' as const, detail: 'jobEvents/e1.by is not the writer (ada)' };
    expect(parseRefusalCloseReason(refusalCloseReason(violation))).toEqual(violation);
    const long = { reason: 'delete-entity' as const, detail: 'x'.repeat(200) };
    const reason = refusalCloseReason(long);
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
    expect(parseRefusalCloseReason(reason)).toEqual({ reason: 'delete-entity', detail: '' });
    expect(parseRefusalCloseReason('refused: no-such-rule')).toBeNull();
    expect(parseRefusalCloseReason('token expired')).toBeNull();
    expect(REFUSAL_REASONS).toContain('missing-dependency');
  });

  it('applies finance rules in the finance room only, and lets only admins close a month', () => {
    expect(ruleFor('payments', 'finance')).toBeDefined();
    expect(ruleFor('payments', 'board')).toBeUndefined();
    expect(ruleFor('jobEvents', 'finance')).toBeDefined();
    const lock = new Map<string, unknown>(Object.entries({ month: '2026-05', timeZone: 'America/Los_Angeles', at: '2026-11-20T11:00:00.000Z', by: 'ada' }));
    expect(checkNewRecord('periodLocks', 'l1', lock, { ...writer, room: 'finance', role: 'admin' })).toBeNull();
    expect(checkNewRecord('periodLocks', 'l1', lock, { ...writer, room: 'finance', role: 'dispatcher' })).toEqual({ reason: 'not-permitted', detail: 'periodLocks/l1: only admin may record this' });
    expect(checkNewRecord('periodLocks', 'l1', lock, { ...writer, room: 'board', role: 'dispatcher' })).toBeNull();
  });

  it('lets only admins record pay runs (finance) and payroll locks (board), and keeps the payroll settings a register', () => {
    const run = new Map<string, unknown>(Object.entries({ from: '2026-05-01', to: '2026-05-15', timeZone: 'UTC', technicians: [], totalCents: 0, at: '2026-11-20T11:00:00.000Z', by: 'ada' }));
    expect(checkNewRecord('payRuns', 'r1', run, { ...writer, room: 'finance', role: 'admin' })).toBeNull();
    expect(checkNewRecord('payRuns', 'r1', run, { ...writer, room: 'finance', role: 'dispatcher' })).toEqual({ reason: 'not-permitted', detail: 'payRuns/r1: only admin may record this' });
    expect(checkNewRecord('payRuns', 'r1', new Map([...run].filter(([k]) => k !== 'technicians')), { ...writer, room: 'finance', role: 'admin' })?.reason).toBe('bad-record');
    const lock = new Map<string, unknown>(Object.entries({ technicianId: 't1', from: '2026-05-01T07:00:00.000Z', to: '2026-05-16T07:00:00.000Z', runId: 'r1', at: '2026-11-20T11:00:00.000Z', by: 'ada' }));
    expect(checkNewRecord('payrollLocks', 'l1', lock, { ...writer, room: 'board', role: 'admin' })).toBeNull();
    expect(checkNewRecord('payrollLocks', 'l1', lock, { ...writer, room: 'board', role: 'technician' })?.reason).toBe('not-permitted');
    expect(ruleFor('payrollLocks', 'finance')).toBeUndefined();
    expect(isImmutableCollection('payRuns', 'finance')).toBe(true);
    expect(REGISTER_MAPS.has('payrollSettings')).toBe(true);
  });
});

describe('expenses rule', () => {
  const expense = (over: Record<string, unknown> = {}) => new Map(Object.entries({ date: '2026-11-02', amountCents: 4_200, category: 'fuel', description: 'Diesel', at: '2026-11-20T11:59:00.000Z', by: 'ada', ...over }));
  const inFinance = (role: string) => ({ ...writer, room: 'finance', role });

  it('accepts an admin’s or dispatcher’s own expense in the finance room, and refuses other roles', () => {
    for (const role of ['admin', 'dispatcher']) expect(checkNewRecord('expenses', 'x1', expense(), inFinance(role))).toBeNull();
    for (const role of ['manager', 'technician']) expect(checkNewRecord('expenses', 'x1', expense(), inFinance(role))?.reason).toBe('not-permitted');
    expect(isImmutableCollection('expenses', 'finance')).toBe(true);
  });

  it('refuses a zero or fractional amount, a missing date and a malformed reversal link', () => {
    expect(checkNewRecord('expenses', 'x1', expense({ amountCents: 0 }), inFinance('admin'))?.reason).toBe('bad-record');
    expect(checkNewRecord('expenses', 'x1', expense({ amountCents: 1.5 }), inFinance('admin'))?.reason).toBe('bad-record');
    const undated = expense();
    undated.delete('date');
    expect(checkNewRecord('expenses', 'x1', undated, inFinance('admin'))).toEqual({ reason: 'bad-record', detail: 'expenses/x1 has no date' });
    expect(checkNewRecord('expenses', 'x1', expense({ reverses: '' }), inFinance('admin'))?.reason).toBe('bad-record');
  });
});
