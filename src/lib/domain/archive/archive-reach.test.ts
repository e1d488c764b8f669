import { describe, expect, it } from 'vitest';
import { jobRecordSchema, toJob, type Job } from '../jobs/job';
import { monthRange } from '../kpi/periods';
import { archiveMoveSchema, type ArchiveMove } from './archive-move';
import { archivedMatches, monthsForReport, monthsForSearch } from './archive-reach';

const LA = 'America/Los_Angeles';

function marker(month: string, jobIds: string[], numbers?: string[]): ArchiveMove {
  return archiveMoveSchema.parse({ id: `m-${month}-${jobIds.join('-')}`, month, jobIds, at: '2026-06-01T00:00:00.000Z', by: 'u-admin', ...(numbers ? { numbers } : {}) });
}

function job(id: string, fields: Record<string, unknown>): Job {
  const record = jobRecordSchema.parse({ id, number: `J-AB23-${id}`, customerName: 'Mission Bakery', problem: 'Cooler warm', createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z', createdBy: 'u', ...fields });
  return toJob(record, 'closed');
}

describe('monthsForReport', () => {
  const moves = [marker('2026-01', ['a', 'b']), marker('2026-02', ['c']), marker('2026-03', ['d']), marker('2026-01', ['e'])];

  it('opens, newest first, the months from the range’s first month on whose jobs lack rows here', () => {
    const needs = monthsForReport(moves, monthRange('2026-02', LA), LA, () => false);
    expect(needs).toEqual([
      { month: '2026-03', missingJobIds: ['d'] },
      { month: '2026-02', missingJobIds: ['c'] }
    ]);
  });

  it('names only the jobs without rows, merging every marker of a month, and skips months fully present', () => {
    const present = new Set(['a', 'c', 'd']);
    const needs = monthsForReport(moves, monthRange('2026-01', LA), LA, (id) => present.has(id));
    expect(needs).toEqual([{ month: '2026-01', missingJobIds: ['b', 'e'] }]);
  });

  it('takes the range’s first month in the organisation zone, not UTC', () => {
    // 1 March 00:00 in Los Angeles is 08:00 UTC; 07:59 UTC on 1 March is still February there.
    const range = { start: '2026-03-01T07:59:00.000Z', end: '2026-03-05T08:00:00.000Z' };
    expect(monthsForReport(moves, range, LA, () => false).map((n) => n.month)).toEqual(['2026-03', '2026-02']);
    expect(monthsForReport(moves, range, 'UTC', () => false).map((n) => n.month)).toEqual(['2026-03']);
  });

  it('needs nothing when there are no markers or every row is present', () => {
    expect(monthsForReport([], monthRange('2026-01', LA), LA, () => false)).toEqual([]);
    expect(monthsForReport(moves, monthRange('2026-01', LA), LA, () => true)).toEqual([]);
  });
});

describe('monthsForSearch', () => {
  const moves = [
    marker('2026-01', ['a'], ['J-AB23-0001', 'J-AB23-0002']),
    marker('2026-02', ['b'], ['J-CD45-0007']),
    marker('2026-03', ['c']),
    marker('2026-04', ['d'], ['J-AB23-0010']),
    marker('2026-04', ['e'])
  ];

  it('opens only the months whose numbers hold a number-shaped term, and months with markers older than numbers', () => {
    expect(monthsForSearch(moves, 'j-cd45-0007')).toEqual({ open: ['2026-04', '2026-03', '2026-02'], skipped: ['2026-01'] });
    expect(monthsForSearch(moves, 'J-AB23-000')).toEqual({ open: ['2026-04', '2026-03', '2026-01'], skipped: ['2026-02'] });
  });

  it('opens every month, newest first, for words that could be a customer, address or problem', () => {
    expect(monthsForSearch(moves, 'bakery 0001')).toEqual({ open: ['2026-04', '2026-03', '2026-02', '2026-01'], skipped: [] });
  });

  it('rules a month out when a number term is absent from it even if other terms are words', () => {
    expect(monthsForSearch(moves.slice(0, 2), 'bakery J-AB23-0002')).toEqual({ open: ['2026-01'], skipped: ['2026-02'] });
  });
});

describe('archivedMatches', () => {
  const jobs = [
    job('1', { customerName: 'Harbor Creamery', siteAddress: '1 Pier St', createdAt: '2026-01-02T00:00:00.000Z' }),
    job('2', { customerName: 'Bay Bistro', problem: 'No hot water', createdAt: '2026-01-03T00:00:00.000Z' }),
    job('3', { customerName: 'Harbor Creamery', problem: 'Ice machine', createdAt: '2026-01-04T00:00:00.000Z' })
  ];

  it('matches every term against number, customer, address and problem, newest first, with the month', () => {
    expect(archivedMatches(jobs, 'harbor', '2026-01').map((m) => m.id)).toEqual(['3', '1']);
    expect(archivedMatches(jobs, 'harbor pier', '2026-01')).toEqual([{ id: '1', number: 'J-AB23-1', customerName: 'Harbor Creamery', siteAddress: '1 Pier St', month: '2026-01' }]);
    expect(archivedMatches(jobs, 'j-ab23-2', '2026-01').map((m) => m.id)).toEqual(['2']);
    expect(archivedMatches(jobs, 'plumber', '2026-01')).toEqual([]);
  });
});
