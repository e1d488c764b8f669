import { describe, expect, it } from 'vitest';
import { jobEditability } from './editability';
import { JOB_STATUSES } from './status';

describe('jobEditability', () => {
  it('keeps open work editable with its lifecycle moves', () => {
    const result = jobEditability('scheduled', true);
    expect(result).toEqual({ canEdit: true, moves: ['dispatched', 'new', 'on_hold', 'cancelled'], reason: null });
  });

  it('freezes closed jobs with no moves left and says why', () => {
    const result = jobEditability('closed', true);
    expect(result.canEdit).toBe(false);
    expect(result.moves).toEqual([]);
    expect(result.reason).toMatch(/closed, so its details are read-only\. Closed jobs are final/);
  });

  it('freezes paid and cancelled jobs but still offers closing and reopening', () => {
    expect(jobEditability('paid', true)).toMatchObject({ canEdit: false, moves: ['closed'] });
    expect(jobEditability('paid', true).reason).toMatch(/move it to Closed/);
    expect(jobEditability('cancelled', true)).toMatchObject({ canEdit: false, moves: ['new'] });
    expect(jobEditability('cancelled', true).reason).toMatch(/move it to New/);
  });

  it('gives read-only roles no edits and no moves in any status', () => {
    for (const status of JOB_STATUSES) {
      const result = jobEditability(status, false);
      expect(result.canEdit, status).toBe(false);
      expect(result.moves, status).toEqual([]);
      expect(result.reason, status).toMatch(/your role can view jobs but not change them/);
    }
  });
});
