import { describe, expect, it } from 'vitest';
import { formatCents, lineAmountCents, parseCents, parseMilli, roundHalfUp } from './money';

describe('money', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.05', 1205],
    ['$1,234.56', 123456],
    ['0.01', 1],
    ['-3.10', -310]
  ])('reads %s as %i cents', (text, cents) => expect(parseCents(text)).toBe(cents));

  it.each(['', 'abc', '1.234', '1e3', '12.', '.5'])('refuses %j', (text) => expect(parseCents(text)).toBeNull());

  it('formats cents', () => {
    expect(formatCents(123456)).toBe('$1,234.56');
    expect(formatCents(-5)).toBe('-$0.05');
    expect(formatCents(0)).toBe('$0.00');
  });

  it('rounds half away from zero', () => {
    expect(roundHalfUp(5, 10)).toBe(1);
    expect(roundHalfUp(4, 10)).toBe(0);
    expect(roundHalfUp(15, 10)).toBe(2);
    expect(roundHalfUp(-15, 10)).toBe(-2);
    expect(roundHalfUp(-14, 10)).toBe(-1);
  });

  it('prices a line per line, half-up to the cent', () => {
    expect(lineAmountCents(parseMilli('2.25')!, 12_000)).toBe(27_000);
    expect(lineAmountCents(parseMilli('0.333')!, 1_000)).toBe(333);
    expect(lineAmountCents(parseMilli('0.0005') ?? 0, 1_000)).toBe(0);
    expect(lineAmountCents(1_500, 333)).toBe(500); // 499.5 → 500
    expect(parseMilli('1.5')).toBe(1_500);
  });
});

describe('money as typed text', () => {
  it('round-trips cents and quantities through the form', async () => {
    const { centsToText, milliToText } = await import('./money');
    const { toFormLines } = await import('./forms');
    expect(centsToText(123450)).toBe('1234.50');
    expect(parseCents(centsToText(-5))).toBe(-5);
    expect(milliToText(2250)).toBe('2.25');
    expect(milliToText(1000)).toBe('1');
    expect(parseMilli(milliToText(1005))).toBe(1005);
    expect(toFormLines([{ description: 'Labour', amountCents: 27_000, quantityMilli: 2250, unitPriceCents: 12_000 }])).toEqual([{ description: 'Labour', quantity: '2.25', unitPrice: '120.00' }]);
    expect(toFormLines([{ description: 'Bundle', amountCents: 9_999, pricing: 'bundle' }])).toEqual([{ description: 'Bundle', quantity: '1', unitPrice: '99.99' }]);
  });
});
