import { describe, expect, it } from 'vitest';
import { refreshDelayMs, refreshDue, retryDelayMs } from './refresh-policy';

const at = (seconds: number) => seconds * 1000;

describe('refreshDelayMs', () => {
  it('refreshes a 15-minute token three minutes before it expires', () => {
    const claims = { iat: 1000, exp: 1000 + 15 * 60 };
    expect(refreshDelayMs(claims, at(1000))).toBe(12 * 60_000);
  });

  it('leads by at most five minutes for long-lived tokens', () => {
    const claims = { iat: 0, exp: 30 * 24 * 3600 };
    expect(refreshDelayMs(claims, 0)).toBe(at(30 * 24 * 3600) - 5 * 60_000);
  });

  it('never leads by more than half the lifetime, so short tokens are not refreshed in a loop', () => {
    const claims = { iat: 100, exp: 120 };
    expect(refreshDelayMs(claims, at(100))).toBe(10_000);
  });

  it('is zero once the refresh point or expiry has passed (including expired offline)', () => {
    const claims = { iat: 0, exp: 900 };
    expect(refreshDelayMs(claims, at(899))).toBe(0);
    expect(refreshDue(claims, at(5000))).toBe(true);
    expect(refreshDue(claims, at(10))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('backs off from 5 s to at most 5 min', () => {
    expect(retryDelayMs(1)).toBe(5_000);
    expect(retryDelayMs(2)).toBe(15_000);
    expect(retryDelayMs(50)).toBe(300_000);
  });

  it('waits at least as long as the server asked', () => {
    expect(retryDelayMs(1, 90)).toBe(90_000);
    expect(retryDelayMs(6, 10)).toBe(300_000);
  });
});
