import { describe, expect, it } from 'vitest';
import type { Job } from '../domain/jobs/job';
import { buildColumns, buildLanes, dropIndex, reassignForLane, TRIAGED_STATUSES, UNASSIGNED_LANE } from './board-columns';

let n = 0;
function aJob(overrides: Partial<Job> = {}): Job {
  n++;
  return {
    id: `j${String(n).padStart(3, '0')}`, number: `J-AAAA-${n}`, customerName: `Customer ${n}`, siteAddress: '', problem: 'leak',
    type: 'repair', priority: 'normal', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'u', updatedAt: '2026-01-01T00:00:00.000Z',
    customerId: null, siteId: null, assetIds: [], officeId: null, requiredSkills: [], estimatedMinutes: 60, slaDue: null,
    assignedTechIds: [], scheduledStart: null, scheduledEnd: null, outcome: null, resolution: '', callbackOf: null, followUpOf: null, channel: 'phone',
    rank: `a${n}`, feedbackRating: null, status: 'new', window: null, windowIssue: null, ...overrides
  };
}

describe('buildColumns', () => {
  it('groups by status in column order and applies search and filters', () => {
    const a = aJob({ rank: 'a2', customerName: 'Harbor View' });
    // Newer: first in New, whatever its rank.
    const b = aJob({ rank: 'a3', officeId: 'o1', createdAt: '2026-01-02T00:00:00.000Z' });
    const c = aJob({ status: 'scheduled', officeId: 'o1' });
    const d = aJob({ status: 'closed' });
    const cols = buildColumns([a, b, c, d], {}, 0, ['new', 'scheduled']);
    expect(cols.get('new')?.map((j) => j.id)).toEqual([b.id, a.id]);
    expect(cols.has('closed')).toBe(false);
    expect(buildColumns([a, b, c], { search: 'harbor' }, 0, ['new', 'scheduled']).get('new')).toEqual([a]);
    expect(buildColumns([a, b, c], { officeId: 'o1' }, 0, ['new', 'scheduled']).get('new')).toEqual([b]);
  });
});

describe('column order', () => {
  it('orders New by urgency, SLA and age but keeps the manual rank order in the other columns', () => {
    const oldNormal = aJob({ rank: 'a0', createdAt: '2026-01-01T08:00:00.000Z' });
    const urgent = aJob({ rank: 'a9', priority: 'urgent', createdAt: '2026-01-02T08:00:00.000Z' });
    const dueSoon = aJob({ rank: 'a5', slaDue: '2026-01-03T08:00:00.000Z' });
    const first = aJob({ status: 'scheduled', rank: 'a1', priority: 'low' });
    const second = aJob({ status: 'scheduled', rank: 'a2', priority: 'urgent' });
    const cols = buildColumns([oldNormal, urgent, dueSoon, second, first], {}, 0, ['new', 'scheduled']);
    expect(cols.get('new')?.map((j) => j.id)).toEqual([urgent.id, dueSoon.id, oldNormal.id]);
    expect(cols.get('scheduled')?.map((j) => j.id)).toEqual([first.id, second.id]);
    expect(TRIAGED_STATUSES.has('new')).toBe(true);
    expect(TRIAGED_STATUSES.has('scheduled')).toBe(false);
  });
});

describe('buildLanes', () => {
  it('puts each job in its technicians\u2019 lanes, unassigned first', () => {
    const a = aJob({ assignedTechIds: ['t1', 't2'] });
    const b = aJob();
    const lanes = buildLanes(new Map([['new', [a, b]]]), ['t1', 't2']);
    expect(lanes.map((l) => [l.id, l.cells.get('new')?.map((j) => j.id)])).toEqual([
      [UNASSIGNED_LANE, [b.id]],
      ['t1', [a.id]],
      ['t2', [a.id]]
    ]);
  });
});

describe('dropIndex', () => {
  const [a, b, c, d] = [aJob(), aJob(), aJob(), aJob()];
  it('maps a gap between visible cards to the full column without the moving card', () => {
    // visible: a, c (b is filtered out); dropping d between a and c lands before c in the full column
    expect(dropIndex([a!, c!], 1, [a!, b!, c!], d!.id)).toBe(2);
    expect(dropIndex([a!, c!], 0, [a!, b!, c!], d!.id)).toBe(0);
    expect(dropIndex([a!, c!], 2, [a!, b!, c!], d!.id)).toBe(3);
    expect(dropIndex([], 0, [a!, b!], d!.id)).toBe(2);
  });
  it('reports no move when the card is dropped where it already is', () => {
    expect(dropIndex([a!, b!, c!], 1, [a!, b!, c!], b!.id)).toBeNull();
    expect(dropIndex([a!, b!, c!], 2, [a!, b!, c!], b!.id)).toBeNull();
    expect(dropIndex([a!, b!, c!], 3, [a!, b!, c!], a!.id)).toBe(2);
  });
});

describe('reassignForLane', () => {
  it('swaps the lane technician and keeps the others', () => {
    expect(reassignForLane(['t1', 't3'], 't1', 't2')).toEqual(['t3', 't2']);
    expect(reassignForLane([], UNASSIGNED_LANE, 't2')).toEqual(['t2']);
    expect(reassignForLane(['t1'], 't1', UNASSIGNED_LANE)).toEqual([]);
    expect(reassignForLane(['t1'], 't1', 't1')).toBeNull();
  });
});
