/**
 * Reading and showing money. Amounts are integer cents; typed amounts are parsed as decimal
 * text (never through floats). The one rounding rule (DESIGN §5): per line, half-up
 * (half away from zero), applied by `roundHalfUp` wherever a product must become cents.
 */

/** Cents from typed text: `12`, `12.5`, `12.50`, `1,234.56`; null when it is not an amount. */
export function parseCents(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/** `$1,234.56` (negative: `-$1,234.56`). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** `numerator / denominator` rounded half away from zero; both integers, denominator > 0. */
export function roundHalfUp(numerator: number, denominator: number): number {
  const sign = numerator < 0 ? -1 : 1;
  const abs = Math.abs(numerator);
  return sign * Math.floor((abs * 2 + denominator) / (denominator * 2));
}

/** Quantities are kept to thousandths: `1.5` → 1500. Null when not a quantity. */
export function parseMilli(text: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** A line amount: quantity (thousandths) × unit price, rounded half-up to the cent. */
export function lineAmountCents(quantityMilli: number, unitPriceCents: number): number {
  return roundHalfUp(quantityMilli * unitPriceCents, 1000);
}

/** Cents as typed text: 123450 → `1234.50` (no symbol, no grouping; `parseCents` reads it back). */
export function centsToText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Thousandths as typed text: 2250 → `2.25`, 1000 → `1`. */
export function milliToText(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const rest = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}
