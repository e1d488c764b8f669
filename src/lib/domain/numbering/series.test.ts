import { describe, expect, it } from 'vitest';
import { deviceCodeFromBytes, nextSeriesNumber } from './series';

describe('series numbering', () => {
  it('continues this device series and ignores other devices', () => {
    const used = ['J-AB23-0001', 'J-AB23-0007', 'J-ZZ99-0042', 'INV-AB23-0100', 'garbage'];
    expect(nextSeriesNumber('J', 'AB23', used)).toBe('J-AB23-0008');
    expect(nextSeriesNumber('J', 'QQQQ', used)).toBe('J-QQQQ-0001');
  });

  it('keeps two offline devices apart even when they both start at 1', () => {
    const a = nextSeriesNumber('J', deviceCodeFromBytes(new Uint8Array([1, 2, 3, 4])), []);
    const b = nextSeriesNumber('J', deviceCodeFromBytes(new Uint8Array([5, 6, 7, 8])), []);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^J-[2-9A-Z]{4}-0001$/);
  });

  it('grows past four digits without wrapping', () => {
    expect(nextSeriesNumber('J', 'AB23', ['J-AB23-9999'])).toBe('J-AB23-10000');
  });
});
