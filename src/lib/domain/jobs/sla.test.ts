import { describe, expect, it } from 'vitest';
import { slaLabel, slaState } from './sla';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('slaState', () => {
  it('counts down, warns when close, and flags overdue', () => {
    expect(slaLabel(slaState('2026-03-01T15:30:00Z', 'scheduled', now))).toBe('due in 3h 30m');
    expect(slaState('2026-03-01T13:00:00Z', 'new', now)).toMatchObject({ kind: 'due', soon: true });
    expect(slaLabel(slaState('2026-03-01T11:15:00Z', 'on_site', now))).toBe('overdue 45m');
  });

  it('stops once the job is completed and ignores jobs without an SLA', () => {
    expect(slaState('2026-03-01T11:00:00Z', 'completed', now).kind).toBe('met');
    expect(slaState(null, 'new', now).kind).toBe('none');
  });
});
