import { describe, expect, it } from 'vitest';
import { clockTime, formatCents, relativeTime } from './format';

describe('relativeTime', () => {
  it('rounds to the coarsest useful unit', () => {
    const now = Date.UTC(2025, 0, 2, 12);
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
  });
});

describe('clockTime', () => {
  it('shows the time in the given zone, not this machine\u2019s, and names the zone', () => {
    const at = Date.parse('2026-03-01T22:05:00Z');
    expect(clockTime(at, 'America/Los_Angeles')).toMatch(/02:05|2:05/);
    expect(clockTime(at, 'America/Los_Angeles')).toMatch(/PST|GMT-8/);
    expect(clockTime(at, 'Asia/Tokyo')).toMatch(/07:05|7:05/);
  });
});
