/**
 * Money: integer cents everywhere (DESIGN §5), and the one rounding rule every amount uses.
 *
 * THE ROUNDING RULE (documented once, applied everywhere): every amount is computed exactly as
 * a fraction and rounded once, per line, to whole cents **half-up**, where "up" means away from
 * zero (2.5 ¢ → 3 ¢, −2.5 ¢ → −3 ¢). Rounding by magnitude makes the rule symmetric, so a
 * credit note's lines are the exact negatives of its invoice's lines. Products are taken in
 * BigInt, so no intermediate ever loses precision.
 */

/** `numerator / denominator` rounded half away from zero; both integers, denominator > 0. */
export function roundHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError('denominator must be positive');
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const rounded = (magnitude * 2n + d) / (d * 2n);
  const result = Number(negative ? -rounded : rounded);
  if (!Number.isSafeInteger(result)) throw new RangeError('amount out of range');
  return result === 0 ? 0 : result; // never -0
}

/** Basis points: 1 bp = 0.01 %, so 10 000 bp = 100 %. */
export const BP_PER_WHOLE = 10_000;

/** `cents × bp / 10 000`, rounded by the rule. */
export function applyBp(cents: number, bp: number): number {
  return roundHalfUp(BigInt(cents) * BigInt(bp), BP_PER_WHOLE);
}

/** "$1,234.50" / "−$3.00" (USD; the organisation's currency is dollars today). */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '−' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parts per million: 10 000 ppm = 1 %, so 8.625 % (San Francisco's sales tax) is 86 250 ppm. */
export const PPM_PER_WHOLE = 1_000_000;

/** `cents × ppm / 1 000 000`, rounded by the rule. */
export function applyPpm(cents: number, ppm: number): number {
  return roundHalfUp(BigInt(cents) * BigInt(ppm), PPM_PER_WHOLE);
}

/** "8.625 %" from parts per million. */
export function formatPpm(ppm: number): string {
  return `${trimDecimals(ppm / 10_000, 4)} %`;
}

/** "12.5 %" from basis points. */
export function formatBp(bp: number): string {
  return `${trimDecimals(bp / 100, 2)} %`;
}

/** A number with at most `places` decimals, trailing zeros dropped. */
export function trimDecimals(value: number, places: number): string {
  return String(Number(value.toFixed(places)));
}

const MONEY_TEXT = /^\s*\$?\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/;
const DECIMAL_TEXT = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*%?\s*$/;
const FINE_DECIMAL_TEXT = /^\s*(\d{1,3})(?:[.,](\d{1,4}))?\s*%?\s*$/;

/** What a person typed as an amount ("120", "$120.5", "120.50") in cents; null when it is not one. */
export function parseMoney(text: string): number | null {
  const match = MONEY_TEXT.exec(text.replace(/,(?=\d{3}(\D|$))/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A percentage as typed ("12.5", "7.25 %") in basis points; null when it is not one. */
export function parsePercent(text: string): number | null {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A percentage with up to four decimals ("8.625") in parts per million; null when it is not one. */
export function parsePercentPpm(text: string): number | null {
  const match = FINE_DECIMAL_TEXT.exec(text);
  if (!match) return null;
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
}

/** Parts per million as the form shows them for editing ("8.625"). */
export function ppmToInput(ppm: number): string {
  return trimDecimals(ppm / 10_000, 4);
}

/** Cents as the form shows them for editing ("120.50"). */
export function centsToInput(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/** Basis points as the form shows them for editing ("12.5"). */
export function bpToInput(bp: number): string {
  return trimDecimals(bp / 100, 2);
}
