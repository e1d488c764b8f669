import { describe, expect, it } from 'vitest';
import { effectiveTheme } from './theme';

describe('effectiveTheme', () => {
  it('follows the OS on "system" and keeps an explicit choice whatever the OS says', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });
});
