import { describe, expect, it } from 'vitest';
import { applyBp, applyPpm, bpToInput, centsToInput, formatBp, formatMoney, formatPpm, parseMoney, parsePercent, parsePercentPpm, ppmToInput, roundHalfUp } from './money';

describe('the rounding rule (half-up, by magnitude)', () => {
  it.each([
    [5, 2, 3],
    [-5, 2, -3],
    [4, 3, 1],
    [5, 3, 2],
    [-4, 3, -1],
    [0, 7, 0],
    [14_999, 100, 150],
    [14_949, 100, 149]
  ])('%i / %i rounds to %i', (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
  });

  it('never returns −0 and refuses a zero denominator', () => {
    expect(Object.is(roundHalfUp(-1, 3), 0)).toBe(true);
    expect(() => roundHalfUp(1, 0)).toThrow(RangeError);
  });

  it('takes a share in basis points exactly, even for large amounts', () => {
    expect(applyBp(2499, 725)).toBe(181);
    expect(applyBp(9_007_199_254_740, 10_000)).toBe(9_007_199_254_740);
  });
});

describe('money as people type and read it', () => {
  it.each([
    ['120', 12_000],
    ['$120.5', 12_050],
    ['120.50', 12_050],
    [' 1,234.56 ', 123_456],
    ['0.07', 7],
    ['120,5', 12_050]
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each(['', 'ten', '1.234', '-5', '1e3', '$'])('refuses %j', (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it('reads percentages as basis points', () => {
    expect(parsePercent('7.25')).toBe(725);
    expect(parsePercent('35 %')).toBe(3500);
    expect(parsePercent('8.625')).toBeNull();
    expect(parsePercentPpm('8.625')).toBe(86_250);
    expect(parsePercentPpm('100')).toBe(1_000_000);
    expect(parsePercentPpm('8.62501')).toBeNull();
    expect(applyPpm(10_000, 86_250)).toBe(863);
    expect(formatPpm(86_250)).toBe('8.625 %');
    expect(ppmToInput(86_250)).toBe('8.625');
  });

  it('formats cents and basis points for people and forms', () => {
    expect(formatMoney(123_456)).toBe('$1,234.56');
    expect(formatMoney(-305)).toBe('−$3.05');
    expect(formatBp(725)).toBe('7.25 %');
    expect(centsToInput(12_050)).toBe('120.50');
    expect(bpToInput(2500)).toBe('25');
  });
});
