import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../jobs/job-events';
import type { JobStatus } from '../jobs/status';
import { archiveAfterDays, archiveMonthOf, closedAt, DEFAULT_ARCHIVE_AFTER_DAYS, planArchive } from './archive-plan';
import { archiveIndex, monthsNaming, seriesHighWater, type ArchiveMove } from './archive-move';

const event = (jobId: string, to: JobStatus, at: string, n = 0): JobEvent => ({ id: `${jobId}-${n}`, jobId, kind: 'status', from: null, to, at, by: 'u' });
const NOW = new Date('2026-06-10T20:00:00.000Z');
const LA = 'America/Los_Angeles';

describe('planArchive', () => {
  it('moves paid, closed and cancelled jobs closed at least the set age ago, and nothing open', () => {
    const history = new Map<string, JobEvent[]>([
      ['paid', [event('paid', 'completed', '2026-03-01T10:00:00Z', 0), event('paid', 'paid', '2026-03-02T10:00:00Z', 1)]],
      ['closed', [event('closed', 'closed', '2026-04-11T20:00:00Z')]],
      ['cancelled', [event('cancelled', 'cancelled', '2026-02-01T10:00:00Z')]],
      ['young', [event('young', 'closed', '2026-04-11T20:00:01Z')]],
      ['completed', [event('completed', 'completed', '2026-01-01T10:00:00Z')]],
      ['reopened', [event('reopened', 'cancelled', '2026-01-01T10:00:00Z', 0), event('reopened', 'new', '2026-01-02T10:00:00Z', 1)]]
    ]);
    const plan = planArchive(history, [...history.keys(), 'no-history'], NOW, 60, LA);
    expect([...plan.entries()].map(([m, c]) => [m, c.map((x) => x.jobId)])).toEqual([
      ['2026-02', ['cancelled']],
      ['2026-03', ['paid']],
      ['2026-04', ['closed']]
    ]);
  });

  it('dates the archive month by the closing in the organisation zone, not UTC', () => {
    // 02:30 UTC on 1 May is still 30 April in Los Angeles, and already 1 May in Berlin.
    expect(archiveMonthOf('2026-05-01T02:30:00Z', LA)).toBe('2026-04');
    expect(archiveMonthOf('2026-05-01T02:30:00Z', 'Europe/Berlin')).toBe('2026-05');
  });

  it('gives the same plan whatever order the jobs come in (two devices agree)', () => {
    const history = new Map<string, JobEvent[]>(['a', 'b', 'c', 'd'].map((id, i) => [id, [event(id, 'closed', `2026-0${i + 1}-15T10:00:00Z`)]]));
    const one = planArchive(history, ['a', 'b', 'c', 'd'], NOW, 60, LA);
    const two = planArchive(history, ['d', 'c', 'b', 'a'], NOW, 60, LA);
    expect([...two.entries()]).toEqual([...one.entries()]);
  });

  it('reads the age setting within bounds, defaulting to 60 days', () => {
    expect(archiveAfterDays(undefined)).toBe(DEFAULT_ARCHIVE_AFTER_DAYS);
    expect(archiveAfterDays('30')).toBe(60);
    expect(archiveAfterDays(1)).toBe(7);
    expect(archiveAfterDays(90)).toBe(90);
    expect(closedAt([])).toBeNull();
  });
});

describe('archive markers', () => {
  const move = (month: string, jobIds: string[], customerIds: string[] = []): ArchiveMove => ({ id: month, month, jobIds, customerIds, siteIds: [], assetIds: [], lastNumbers: [], at: '2026-06-01T00:00:00Z', by: 'u' });

  it('keeps the highest number of each series', () => {
    expect(seriesHighWater(['J-AB23-0009', 'J-AB23-0011', 'J-CD45-0002', 'J-AB23-0010', 'junk'])).toEqual(['J-AB23-0011', 'J-CD45-0002']);
  });

  it('indexes jobs and customers by month, newest month first', () => {
    const moves = [move('2026-02', ['j1'], ['c1']), move('2026-03', ['j2'], ['c1', 'c2']), move('2026-03', ['j2'], ['c2'])];
    expect(archiveIndex(moves)).toEqual(new Map([['j1', '2026-02'], ['j2', '2026-03']]));
    expect(monthsNaming(moves, 'customerIds', 'c1')).toEqual(['2026-03', '2026-02']);
    expect(monthsNaming(moves, 'customerIds', 'c3')).toEqual([]);
  });
});
