import { describe, expect, it } from 'vitest';
import { orgTimeZone } from './org-time-zone';

describe('orgTimeZone', () => {
  it('takes the offices\u2019 zone, the most common one when they differ', () => {
    const offices = [
      { code: 'NYC', timeZone: 'America/New_York' },
      { code: 'SF-N', timeZone: 'America/Los_Angeles' },
      { code: 'SF-S', timeZone: 'America/Los_Angeles' }
    ];
    expect(orgTimeZone(offices, 'Europe/Berlin')).toBe('America/Los_Angeles');
  });

  it('breaks a tie by office code so every device agrees, whatever order the offices come in', () => {
    const a = { code: 'B', timeZone: 'America/Chicago' };
    const b = { code: 'A', timeZone: 'America/Denver' };
    expect(orgTimeZone([a, b], 'UTC')).toBe('America/Denver');
    expect(orgTimeZone([b, a], 'UTC')).toBe('America/Denver');
  });

  it('falls back to the given zone without offices or with unknown zone names', () => {
    expect(orgTimeZone([], 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(orgTimeZone([{ code: 'X', timeZone: 'Mars/Olympus_Mons' }], 'Europe/Berlin')).toBe('Europe/Berlin');
  });
});
