import { describe, expect, it } from 'vitest';
import { resolveWindow, windowFromPair } from './window';

const at = (hhmm: string) => `2026-01-05T${hhmm}:00.000Z`;

describe('schedule window', () => {
  it('reads the one-value window first, null included, and the legacy pair only when it is absent', () => {
    expect(resolveWindow({ start: at('10:00'), end: at('11:00') }, at('11:30'), at('11:00'), 60)).toEqual({ window: { start: at('10:00'), end: at('11:00') }, issue: null });
    expect(resolveWindow(null, at('11:30'), at('12:00'), 60)).toEqual({ window: null, issue: null });
    expect(resolveWindow(undefined, at('11:30'), at('12:00'), 60)).toEqual({ window: { start: at('11:30'), end: at('12:00') }, issue: null });
  });

  it('repairs and flags a broken legacy pair instead of dropping it', () => {
    expect(windowFromPair(at('11:30'), at('11:00'), 60)).toEqual({ window: { start: at('11:00'), end: at('11:30') }, issue: 'reversed' });
    expect(windowFromPair(null, at('13:00'), 90)).toEqual({ window: { start: at('11:30'), end: at('13:00') }, issue: 'missing_start' });
    expect(windowFromPair(at('10:00'), null, 45)).toEqual({ window: { start: at('10:00'), end: at('10:45') }, issue: 'missing_end' });
    expect(windowFromPair(at('10:00'), at('10:00'), 45)).toEqual({ window: { start: at('10:00'), end: at('10:01') }, issue: 'reversed' });
    expect(windowFromPair(null, null, 45)).toEqual({ window: null, issue: null });
  });
});
