import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline';

describe('buildTimeline', () => {
  it('merges status events and activity by time, naming who did what', () => {
    const entries = buildTimeline(
      [
        { id: 'e1', jobId: 'j', kind: 'created', from: null, to: 'new', at: '2026-01-01T08:00:00.000Z', by: 'ana', byName: 'Ana' },
        { id: 'e2', jobId: 'j', kind: 'status', from: 'new', to: 'scheduled', at: '2026-01-01T09:00:00.000Z', by: 'ben' }
      ],
      [
        { id: 'a1', jobId: 'j', action: 'assigned', changes: { assignedTechIds: { from: [], to: ['t1'] } }, at: '2026-01-01T08:30:00.000Z', by: 'ben', byName: 'Ben' },
        { id: 'a2', jobId: 'j', action: 'priority', changes: { priority: { from: 'normal', to: 'urgent' } }, at: '2026-01-01T09:30:00.000Z', by: 'ana', byName: 'Ana' }
      ],
      (id) => (id === 't1' ? 'Cruz Diaz' : id),
      () => 'then'
    );
    expect(entries.map((e) => `${e.who} ${e.text}`)).toEqual([
      'Ana created the job',
      'Ben assigned Cruz Diaz',
      'ben moved it from New to Scheduled',
      'Ana changed priority from Normal to Urgent'
    ]);
  });

  it('shows imported history as recorded by the importer for the person it names', () => {
    const entries = buildTimeline(
      [{ id: 'e1', jobId: 'j', kind: 'created', from: null, to: 'new', at: '2026-01-01T08:00:00.000Z', by: 'ada', byName: 'Ada', recordedFor: 'sam', recordedForName: 'Sam' }],
      [],
      (id) => id,
      () => 'then'
    );
    expect(entries.map((e) => `${e.who} ${e.text}`)).toEqual(['Ada (recorded for Sam) created the job']);
  });
});
