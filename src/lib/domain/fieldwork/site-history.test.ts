import { describe, expect, it } from 'vitest';
import type { Job } from '../jobs/job';
import type { FieldNote } from './field-records';
import { pastJobsAt, pastNotesAt } from './site-history';

const job = (id: string, createdAt: string, fields: Partial<Job> = {}) => ({ id, createdAt, siteId: null, assetIds: [], ...fields }) as unknown as Job;
const note = (id: string, jobId: string, at: string) => ({ id, jobId, at, text: id }) as unknown as FieldNote;

describe('site history', () => {
  it('lists earlier jobs at the site or on its equipment (not later ones), newest first, and their notes', () => {
    const current = job('now', '2026-06-10T10:00:00.000Z', { siteId: 's1', assetIds: ['a1'] });
    const jobs = [current, job('later', '2026-06-11T00:00:00.000Z', { siteId: 's1' }), job('old', '2025-01-01T00:00:00.000Z', { siteId: 's1' }), job('moved', '2026-01-01T00:00:00.000Z', { siteId: 's9', assetIds: ['a1'] }), job('elsewhere', '2026-02-01T00:00:00.000Z', { siteId: 's2' })];
    const past = pastJobsAt(jobs, current);
    expect(past.map((j) => j.id)).toEqual(['moved', 'old']);
    expect(pastNotesAt([note('n1', 'old', '2025-01-01T01:00:00.000Z'), note('n2', 'now', '2026-06-10T11:00:00.000Z'), note('n3', 'moved', '2026-01-01T01:00:00.000Z')], past).map((n) => n.id)).toEqual(['n3', 'n1']);
  });
  it('finds nothing for a job with no site and no equipment', () => {
    expect(pastJobsAt([job('a', '2026-01-01T00:00:00.000Z'), job('b', '2026-01-02T00:00:00.000Z')], job('a', '2026-01-01T00:00:00.000Z'))).toEqual([]);
  });
});
