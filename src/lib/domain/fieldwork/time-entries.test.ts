import { describe, expect, it } from 'vitest';
import { currentTimeEntries, entryMinutes, minutesByKind, openEntries, timeEntryEditSchema, timeEntryHistory, timeEntrySchema, type TimeEntry } from './time-entries';

const T0 = Date.parse('2026-06-10T16:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function entry(id: string, fields: Partial<TimeEntry> = {}): TimeEntry {
  return timeEntrySchema.parse({ id, technicianId: 'tech-1', jobId: 'job-1', visitId: 'v1:job-1', kind: 'travel', start: iso(0), end: null, at: iso(0), by: 'u1', ...fields });
}

describe('currentTimeEntries', () => {
  it('shows a started entry as open and its stop as the current version, same start', () => {
    const start = entry('a');
    const stop = entry('b', { supersedes: 'a', end: iso(25), at: iso(25) });
    expect(currentTimeEntries([start])[0]).toMatchObject({ rootId: 'a', end: null });
    const [current] = currentTimeEntries([stop, start]);
    expect(current).toMatchObject({ id: 'b', rootId: 'a', start: iso(0), end: iso(25), edited: false });
    expect(openEntries(currentTimeEntries([start, stop]), 'tech-1')).toEqual([]);
  });

  it('follows a supersede chain to its end and keeps every version in the history', () => {
    const records = [
      entry('a'),
      entry('b', { supersedes: 'a', end: iso(25), at: iso(25) }),
      entry('c', { supersedes: 'b', start: iso(5), end: iso(25), at: iso(60), reason: 'Left later than tapped' })
    ];
    const [current] = currentTimeEntries(records);
    expect(current).toMatchObject({ id: 'c', rootId: 'a', start: iso(5), edited: true });
    expect(timeEntryHistory(records, 'a').map((v) => [v.record.id, v.change, v.state])).toEqual([
      ['a', 'started', 'replaced'],
      ['b', 'stopped', 'replaced'],
      ['c', 'edited', 'current']
    ]);
  });

  it('resolves two devices editing the same entry concurrently the same way in any order, keeping both', () => {
    const base = [entry('a', { end: iso(30) })];
    const fromPhone = entry('p', { supersedes: 'a', end: iso(35), at: iso(40), stamp: iso(40), reason: 'Forgot to stop' });
    const fromOffice = entry('o', { supersedes: 'a', end: iso(32), at: iso(41), stamp: iso(41), reason: 'Per the customer sheet' });
    const one = currentTimeEntries([...base, fromPhone, fromOffice]);
    const two = currentTimeEntries([fromOffice, ...base, fromPhone]);
    expect(one).toEqual(two);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ id: 'o', end: iso(32) });
    const history = timeEntryHistory([fromPhone, ...base, fromOffice], 'a');
    expect(history.find((v) => v.record.id === 'p')?.state).toBe('overridden');
    expect(history.find((v) => v.record.id === 'o')?.state).toBe('current');
  });

  it('continues a chain from the winning branch when a later edit supersedes it', () => {
    const records = [
      entry('a', { end: iso(30) }),
      entry('p', { supersedes: 'a', end: iso(35), at: iso(40), reason: 'first' }),
      entry('o', { supersedes: 'a', end: iso(32), at: iso(41), reason: 'second' }),
      // Written on a device that had only seen the phone's edit: it supersedes the losing branch.
      entry('x', { supersedes: 'p', end: iso(36), at: iso(50), reason: 'third' })
    ];
    expect(currentTimeEntries(records).map((e) => e.id)).toEqual(['o']);
    expect(timeEntryHistory(records, 'a').find((v) => v.record.id === 'x')?.state).toBe('overridden');
  });

  it('treats a record whose predecessor has not arrived as its own entry until it does', () => {
    const stop = entry('b', { supersedes: 'a', end: iso(25), at: iso(25) });
    expect(currentTimeEntries([stop]).map((e) => e.rootId)).toEqual(['b']);
    expect(currentTimeEntries([stop, entry('a')]).map((e) => e.rootId)).toEqual(['a']);
  });

  it('lists entries by start and reports every open entry of a technician (two devices may both start one)', () => {
    const records = [entry('late', { start: iso(50), at: iso(50), kind: 'on_site' }), entry('early', { start: iso(0) }), entry('other', { technicianId: 'tech-2' })];
    const current = currentTimeEntries(records);
    expect(current.map((e) => e.id)).toEqual(['early', 'other', 'late']);
    expect(openEntries(current, 'tech-1').map((e) => e.id)).toEqual(['early', 'late']);
  });

  it('never loops on a supersede cycle written by a buggy peer', () => {
    const records = [entry('a', { supersedes: 'b' }), entry('b', { supersedes: 'a' })];
    expect(currentTimeEntries(records)).toEqual([]);
  });
});

describe('minutes', () => {
  it('counts a running entry up to now and sums by kind', () => {
    const now = new Date(T0 + 45 * 60_000);
    expect(entryMinutes({ start: iso(0), end: null }, now)).toBe(45);
    const current = currentTimeEntries([entry('a', { end: iso(20) }), entry('b', { kind: 'on_site', start: iso(20), at: iso(20) }), entry('c', { kind: 'break', start: iso(0), end: iso(10) })]);
    expect(minutesByKind(current, now)).toEqual({ travel: 20, on_site: 25, break: 10 });
  });
});

describe('timeEntryEditSchema', () => {
  it('requires a reason and an end after the start', () => {
    expect(timeEntryEditSchema.safeParse({ start: iso(0), end: iso(10), reason: '  ' }).success).toBe(false);
    expect(timeEntryEditSchema.safeParse({ start: iso(10), end: iso(0), reason: 'typo' }).success).toBe(false);
    expect(timeEntryEditSchema.parse({ start: iso(0), end: iso(10), reason: ' Forgot to stop ' }).reason).toBe('Forgot to stop');
  });
  it('refuses a stored record that ends before it starts', () => {
    expect(timeEntrySchema.safeParse({ ...entry('a'), end: new Date(T0 - 1).toISOString() }).success).toBe(false);
  });
});
