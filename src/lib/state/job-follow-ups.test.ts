import { describe, expect, it } from 'vitest';
import { newJobInputSchema, type Job } from '../domain/jobs/job';
import { assetHistory, customerHistory, followUpInput, followUpsOf } from './job-follow-ups';

const base: Job = {
  id: 'j1', number: 'J-AAAA-0001', customerName: 'Lakeside Clinic', siteAddress: '1 Lake St', problem: 'RTU short-cycling', type: 'repair',
  priority: 'normal', createdAt: '2026-01-01T08:00:00.000Z', createdBy: 'u', updatedAt: '2026-01-01T08:00:00.000Z', customerId: 'c1', siteId: 's1',
  assetIds: ['a1'], officeId: 'o1', requiredSkills: ['hvac'], estimatedMinutes: 90, slaDue: null, assignedTechIds: [], scheduledStart: null,
  scheduledEnd: null, outcome: 'fixed', resolution: 'Replaced contactor', callbackOf: null, followUpOf: null, channel: 'phone', rank: 'a0', feedbackRating: null, status: 'completed',
  window: null, windowIssue: null
};

describe('follow-ups', () => {
  it('builds a callback linked to the job, valid for createJob', () => {
    const input = newJobInputSchema.parse(followUpInput(base, 'callback', new Date('2026-01-02T00:00:00.000Z')));
    expect(input).toMatchObject({ type: 'callback', priority: 'high', callbackOf: 'j1', customerId: 'c1', siteId: 's1', assetIds: ['a1'], estimatedMinutes: 90 });
    expect(input.problem).toBe('Callback for J-AAAA-0001: RTU short-cycling');
    expect(input.slaDue).toBe('2026-01-03T00:00:00.000Z');
  });

  it('builds a short quality-check inspection that quotes the resolution', () => {
    const input = newJobInputSchema.parse(followUpInput(base, 'quality', new Date('2026-01-02T00:00:00.000Z')));
    expect(input).toMatchObject({ type: 'inspection', priority: 'normal', estimatedMinutes: 30, followUpOf: 'j1' });
    expect(input.callbackOf).toBeUndefined();
    expect(input.problem).toBe('Quality check of J-AAAA-0001: Replaced contactor');
  });

  it('finds the customer\u2019s and the equipment\u2019s other jobs and the follow-ups, newest first', () => {
    const older = { ...base, id: 'j0', createdAt: '2025-06-01T08:00:00.000Z', assetIds: ['a1', 'a2'] };
    const other = { ...base, id: 'j2', customerId: 'c2', assetIds: [], createdAt: '2026-02-01T08:00:00.000Z' };
    const callback = { ...base, id: 'j3', callbackOf: 'j1', assetIds: [], createdAt: '2026-01-05T08:00:00.000Z' };
    const legacyCheck = { ...base, id: 'j4', type: 'inspection' as const, callbackOf: 'j1', createdAt: '2026-01-04T08:00:00.000Z' };
    const check = { ...base, id: 'j5', type: 'inspection' as const, followUpOf: 'j1', createdAt: '2026-01-06T08:00:00.000Z' };
    const jobs = [older, base, other, callback, legacyCheck, check];
    expect(customerHistory(jobs, base).map((j) => j.id)).toEqual(['j5', 'j3', 'j4', 'j0']);
    expect(assetHistory(jobs, ['a1'], 'j1').map((j) => j.id)).toEqual(['j5', 'j4', 'j0']);
    // Quality checks linked by the old `callbackOf` and by `followUpOf` both count.
    expect(followUpsOf(jobs, 'j1').map((j) => j.id)).toEqual(['j5', 'j3', 'j4']);
  });
});
