import { describe, expect, it } from 'vitest';
import { jobRecordSchema, toJob } from '../jobs/job';
import { emergencyQueue, emergencyReason, raisesEmergencyAlert, type QueueJob } from './emergency';

const T = '2026-03-02T16:00:00.000Z';

const job = (id: string, extra: Partial<QueueJob> = {}): QueueJob => ({
  id,
  type: 'repair',
  priority: 'normal',
  status: 'new',
  assignedTechIds: [],
  window: null,
  createdAt: '2026-03-02T16:00:00.000Z',
  slaDue: null,
  ...extra
});
const booked = { assignedTechIds: ['t1'], window: { start: '2026-03-02T18:00:00.000Z', end: '2026-03-02T19:00:00.000Z' } };

describe('emergency queue rule', () => {
  it('takes board jobs as they are', () => {
    const record = jobRecordSchema.parse({ id: 'j', number: 'J-1', customerName: 'A', problem: 'Gas smell', type: 'emergency', createdAt: T, createdBy: 'u', updatedAt: T });
    expect(emergencyQueue([toJob(record, 'new')]).map((j) => j.number)).toEqual(['J-1']);
  });

  it('alerts for an emergency or an urgent job until it is both assigned and scheduled', () => {
    expect(emergencyReason(job('e', { type: 'emergency' }))).toBe('Emergency not assigned or scheduled');
    expect(emergencyReason(job('u', { priority: 'urgent', assignedTechIds: ['t1'] }))).toBe('Urgent job not scheduled');
    expect(emergencyReason(job('e', { type: 'emergency', window: booked.window }))).toBe('Emergency not assigned');
    expect(raisesEmergencyAlert(job('e', { type: 'emergency', ...booked }))).toBe(false);
  });

  it('does not alert for ordinary jobs, nor for cancelled or finished emergencies', () => {
    expect(raisesEmergencyAlert(job('r', { priority: 'high' }))).toBe(false);
    for (const status of ['cancelled', 'completed', 'invoiced', 'paid', 'closed'] as const) {
      expect(raisesEmergencyAlert(job('e', { type: 'emergency', status })), status).toBe(false);
    }
    expect(raisesEmergencyAlert(job('e', { type: 'emergency', status: 'on_hold' }))).toBe(true);
  });

  it('orders the queue: emergencies first, then earliest SLA, then oldest', () => {
    const jobs = [
      job('urgent-soon', { priority: 'urgent', slaDue: '2026-03-02T17:00:00.000Z' }),
      job('emergency-late', { type: 'emergency', slaDue: '2026-03-02T22:00:00.000Z' }),
      job('emergency-no-sla-old', { type: 'emergency', createdAt: '2026-03-02T15:00:00.000Z' }),
      job('emergency-no-sla-new', { type: 'emergency' }),
      job('ordinary'),
      job('emergency-done', { type: 'emergency', ...booked })
    ];
    expect(emergencyQueue(jobs).map((j) => j.id)).toEqual(['emergency-late', 'emergency-no-sla-old', 'emergency-no-sla-new', 'urgent-soon']);
  });
});
