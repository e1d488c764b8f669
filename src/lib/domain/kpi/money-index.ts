/**
 * The money inputs indexed for the dashboard: the live invoices with their payments
 * (`BillingIndex`, billing-index.ts: sorted by issue instant, then id, kept in step one invoice
 * at a time), and parts and labour lines sorted by their instant with the instants as epoch ms
 * (a range is two binary searches, no string is parsed per recompute).
 */
import { BillingIndex, lowerBound } from './billing-index';
import type { MoneyInputs } from './money-dashboard';
import type { LabourCostFacts, PartCostFacts } from './types';

export { lowerBound };

/** Records sorted by instant, with the instants as epoch ms in the same order. */
export interface Timeline<T> {
  items: T[];
  ms: ArrayLike<number>;
}

export interface MoneyIndex {
  billing: BillingIndex;
  parts: Timeline<PartCostFacts>;
  labour: Timeline<LabourCostFacts>;
}

function timeline<T>(records: readonly T[], at: (t: T) => string): Timeline<T> {
  const keyed = records.map((item) => ({ item, ms: Date.parse(at(item)) }));
  keyed.sort((a, b) => a.ms - b.ms);
  return { items: keyed.map((k) => k.item), ms: Float64Array.from(keyed, (k) => k.ms) };
}

/** Index range `[first, last)` of a timeline's records in `[from, to)`. */
export function within(line: Timeline<unknown>, from: number, to: number): [number, number] {
  return [lowerBound(line.ms, from), lowerBound(line.ms, to)];
}

const billingBuilt = new WeakMap<readonly object[], { payments: MoneyInputs['payments']; billing: BillingIndex }>();
const costLines = new WeakMap<readonly object[], Timeline<never>>();

/** A timeline of cost lines, remembered per array (a finance change keeps the cost arrays, and the other way round). */
function costTimeline<T extends { at: string }>(lines: readonly T[]): Timeline<T> {
  let line = costLines.get(lines) as Timeline<T> | undefined;
  if (!line) costLines.set(lines, (line = timeline(lines, (l) => l.at)) as Timeline<never>);
  return line;
}

/**
 * The index of `inputs`. Their `billing` when the caller keeps one in step with the finance
 * room (state/report-money.svelte.ts); otherwise built from the invoices and payments arrays
 * and remembered while both stay the same. Each cost timeline is remembered while its array
 * stays the same, so a time-entry or stock change re-sorts no invoice.
 */
export function moneyIndex(inputs: MoneyInputs): MoneyIndex {
  let billing = inputs.billing;
  if (!billing) {
    let built = billingBuilt.get(inputs.invoices);
    if (!built || built.payments !== inputs.payments) {
      built = { payments: inputs.payments, billing: BillingIndex.of(inputs.invoices, inputs.payments) };
      billingBuilt.set(inputs.invoices, built);
    }
    billing = built.billing;
  }
  return { billing, parts: costTimeline(inputs.parts), labour: costTimeline(inputs.labour) };
}

/**
 * Money inputs over a billing index kept by the caller: `invoices` and `payments` are read
 * from the index only when something asks for them (the dashboard reads the index itself).
 */
export function indexedMoneyInputs(billing: BillingIndex, rest: Omit<MoneyInputs, 'invoices' | 'payments' | 'billing'>): MoneyInputs {
  return {
    ...rest,
    billing,
    get invoices() {
      return billing.lists().invoices;
    },
    get payments() {
      return billing.lists().payments;
    }
  };
}
