import { describe, expect, it } from 'vitest';
import { allowedNextStatuses, checkTransition, JOB_STATUSES } from './status';

describe('checkTransition', () => {
  it('allows the normal path from new to closed', () => {
    const path = ['new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'completed', 'invoiced', 'paid', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1]!, path[i]!)).toEqual({ ok: true });
  });

  it('refuses new → paid and says what is allowed instead', () => {
    const result = checkTransition('new', 'paid');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain("can't go from New to Paid");
      expect(result.reason).toContain('Scheduled');
    }
  });

  it('treats closed as final and refuses a no-op move', () => {
    expect(allowedNextStatuses('closed')).toEqual([]);
    expect(checkTransition('closed', 'new').ok).toBe(false);
    expect(checkTransition('on_site', 'on_site').ok).toBe(false);
  });

  it('only ever names real statuses as next steps', () => {
    for (const s of JOB_STATUSES) for (const n of allowedNextStatuses(s)) expect(JOB_STATUSES).toContain(n);
  });
});
