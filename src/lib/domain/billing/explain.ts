/**
 * How a line's amount reads to the customer: "2 h 15 min → 2.25 h × $120.00 (15-min increment)".
 */
import { formatBp, formatMoney, trimDecimals } from './money';
import type { Coverage, Quantity } from './lines';
import type { Discount } from '../catalog/catalog';

/** "2 h 15 min", "40 min", "3 h". */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
}

/** An exact quantity for display, at most 4 decimals ("≈" when not exact): 2.25, 0.5, ≈ 2.1667. */
export function formatQuantity(q: Quantity): string {
  const value = q.n / q.d;
  const shown = trimDecimals(value, 4);
  const exact = Number(shown) * q.d === q.n;
  return `${exact ? '' : '≈ '}${shown.replace('-', '−')}`;
}

export function describeDiscount(discount: Discount): string {
  return discount.kind === 'percent' ? formatBp(discount.bp) : formatMoney(discount.cents);
}

export interface ExplainInput {
  kind: string;
  quantity: Quantity;
  unit: string;
  unitPriceCents: number;
  workedMinutes: number | null;
  note: string;
  discount: Discount | null;
  lineDiscountCents: number;
  coverage: Coverage | null;
  coverageCents: number;
  overrideReason: string | null;
  listPriceCents: number;
}

/** One sentence per line: quantity × price, then discount, coverage and override, each with its amount. */
export function explainLine(line: ExplainInput): string {
  const qty =
    line.workedMinutes !== null
      ? `${formatDuration(line.workedMinutes * Math.sign(line.quantity.n || 1))} → ${formatQuantity(line.quantity)} ${line.unit}`
      : `${formatQuantity(line.quantity)} ${line.unit}`;
  const parts = [`${qty} × ${formatMoney(line.unitPriceCents)}${line.note ? ` ${line.note}` : ''}`];
  if (line.overrideReason !== null) parts.push(`price overridden from ${formatMoney(line.listPriceCents)}: ${line.overrideReason}`);
  if (line.discount && line.lineDiscountCents !== 0) parts.push(`discount ${describeDiscount(line.discount)} (−${formatMoney(line.lineDiscountCents).replace('−', '')})`);
  if (line.coverage && line.coverageCents !== 0) {
    parts.push(`${line.coverage.label || line.coverage.kind} covers ${formatBp(line.coverage.bp)} (−${formatMoney(line.coverageCents).replace('−', '')})`);
  }
  return parts.join('; ');
}
