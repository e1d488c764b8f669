import { describe, expect, it } from 'vitest';
import { currentStatus, eventsByJob, type JobEvent } from './job-events';
import { fieldErrors, jobRecordSchema, newJobInputSchema } from './job';

const event = (over: Partial<JobEvent>): JobEvent => ({
  id: 'e1', jobId: 'j1', kind: 'status', from: 'new', to: 'scheduled', at: '2026-01-01T10:00:00.000Z', by: 'u1', ...over
});

describe('newJobInputSchema', () => {
  it('reports each missing required field by name', () => {
    const result = newJobInputSchema.safeParse({ customerName: '  ', problem: '' });
    expect(result.success).toBe(false);
    if (!result.success) {
      const errors = fieldErrors(result.error);
      expect(errors.customerName).toBe('Customer is required');
      expect(errors.problem).toBe('Problem description is required');
    }
  });

  it('trims text and fills defaults', () => {
    const parsed = newJobInputSchema.parse({ customerName: ' Ada ', problem: 'No heat' });
    expect(parsed).toEqual({ customerName: 'Ada', siteAddress: '', problem: 'No heat', type: 'repair', priority: 'normal' });
  });

  it('rejects an unknown priority with a message', () => {
    const result = newJobInputSchema.safeParse({ customerName: 'A', problem: 'B', priority: 'asap' });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).priority).toBe('Choose a priority');
  });
});

describe('jobRecordSchema', () => {
  it('reads a record written by an older client, tolerating unknown enum values', () => {
    const parsed = jobRecordSchema.parse({
      id: 'j1', number: 'J-ABCD-0001', customerName: 'Ada', problem: 'x', type: 'teleport', priority: 'normal',
      createdAt: '2026-01-01T10:00:00.000Z', createdBy: 'u1', updatedAt: '2026-01-01T10:00:00.000Z'
    });
    expect(parsed.type).toBe('repair');
    expect(parsed.siteAddress).toBe('');
  });
});

describe('job events', () => {
  it('derives the status from the latest event by time, then id', () => {
    const events = [
      event({ id: 'b', to: 'cancelled', at: '2026-01-01T11:00:00.000Z' }),
      event({ id: 'a', to: 'dispatched', at: '2026-01-01T11:00:00.000Z' }),
      event({ id: 'c', kind: 'created', from: null, to: 'new', at: '2026-01-01T09:00:00.000Z' })
    ];
    const ordered = eventsByJob(events).get('j1');
    expect(ordered?.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(currentStatus(ordered)).toBe('cancelled');
  });

  it('treats a job without events as new', () => {
    expect(currentStatus(undefined)).toBe('new');
  });
});

describe('new job input text', () => {
  it('refuses control characters in the customer name and address, keeps line breaks in the problem', () => {
    const bad = newJobInputSchema.safeParse({ customerName: 'Acme\u202e Corp', siteAddress: '1 Main St\u0000', problem: 'No heat' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['customerName', 'siteAddress']);
    const good = newJobInputSchema.parse({ customerName: '  Acme   Corp ', problem: 'No heat.\r\nBoiler shows E4.' });
    expect(good.customerName).toBe('Acme Corp');
    expect(good.problem).toBe('No heat.\nBoiler shows E4.');
  });
});
