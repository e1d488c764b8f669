/**
 * The money inputs indexed once per change of the inputs (not once per filter): live invoices,
 * parts and labour lines sorted by their instant with the instants as epoch ms (a range is two
 * binary searches, no string is parsed per recompute), each job's first issue instant, and
 * payments grouped by invoice. Ties keep the inputs' order (stable sort), so a KPI over an
 * index range sees invoices in issue order, then input order.
 */
import type { MoneyInputs } from './money-dashboard';
import type { RowColumns } from './row-columns';
import type { InvoiceFacts, LabourCostFacts, PartCostFacts } from './types';

/** Records sorted by instant, with the instants as epoch ms in the same order. */
export interface Timeline<T> {
  items: T[];
  ms: Float64Array;
}

export interface MoneyIndex {
  /** Issued, not voided invoices by issue instant. */
  live: Timeline<InvoiceFacts>;
  /** Per live invoice (same order): its id, 1 when it is its job's first, its total, what all its payments add up to and when the last came. */
  liveIds: string[];
  firstOfJob: Uint8Array;
  totals: Float64Array;
  paidAll: Float64Array;
  lastPaidMs: Float64Array;
  parts: Timeline<PartCostFacts>;
  labour: Timeline<LabourCostFacts>;
  /** Each job's first live issue instant. */
  firstIssued: Map<string, number>;
  /** Payments per invoice: instant and amount. */
  paidByInvoice: Map<string, Array<{ ms: number; cents: number }>>;
}

function timeline<T>(records: readonly T[], at: (t: T) => string): Timeline<T> {
  const keyed = records.map((item) => ({ item, ms: Date.parse(at(item)) }));
  keyed.sort((a, b) => a.ms - b.ms);
  return { items: keyed.map((k) => k.item), ms: Float64Array.from(keyed, (k) => k.ms) };
}

/** The first index whose instant is ≥ `t`. */
export function lowerBound(ms: Float64Array, t: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range `[first, last)` of a timeline's records in `[from, to)`. */
export function within(line: Timeline<unknown>, from: number, to: number): [number, number] {
  return [lowerBound(line.ms, from), lowerBound(line.ms, to)];
}

const remembered = new WeakMap<MoneyInputs, MoneyIndex>();
const billingParts = new WeakMap<readonly InvoiceFacts[], { payments: MoneyInputs['payments']; part: Omit<MoneyIndex, 'parts' | 'labour'> }>();
const costLines = new WeakMap<readonly object[], Timeline<never>>();

/** A timeline of cost lines, remembered per array (a finance change keeps the cost arrays, and the other way round). */
function costTimeline<T extends { at: string }>(lines: readonly T[]): Timeline<T> {
  let line = costLines.get(lines) as Timeline<T> | undefined;
  if (!line) costLines.set(lines, (line = timeline(lines, (l) => l.at)) as Timeline<never>);
  return line;
}

/**
 * The index of `inputs`, built on first use of this inputs object (a change gives a new
 * object); its invoice part is kept while the invoices and payments arrays stay the same, and
 * each cost timeline while its array does, so a time-entry or stock change re-sorts no invoice.
 */
export function moneyIndex(inputs: MoneyInputs): MoneyIndex {
  let index = remembered.get(inputs);
  if (index) return index;
  let billing = billingParts.get(inputs.invoices);
  if (!billing || billing.payments !== inputs.payments) {
    billing = { payments: inputs.payments, part: billingIndex(inputs) };
    billingParts.set(inputs.invoices, billing);
  }
  index = { ...billing.part, parts: costTimeline(inputs.parts), labour: costTimeline(inputs.labour) };
  remembered.set(inputs, index);
  return index;
}

function billingIndex(inputs: Pick<MoneyInputs, 'invoices' | 'payments'>): Omit<MoneyIndex, 'parts' | 'labour'> {
  const live = timeline(
    inputs.invoices.filter((i) => !i.voided),
    (i) => i.issuedAt
  );
  const firstIssued = new Map<string, number>();
  live.items.forEach((inv, k) => {
    if (inv.jobId && !firstIssued.has(inv.jobId)) firstIssued.set(inv.jobId, live.ms[k]!);
  });
  const paidByInvoice = new Map<string, Array<{ ms: number; cents: number }>>();
  for (const p of inputs.payments) {
    if (!p.invoiceId) continue;
    const list = paidByInvoice.get(p.invoiceId);
    const entry = { ms: Date.parse(p.at), cents: p.amountCents };
    if (list) list.push(entry);
    else paidByInvoice.set(p.invoiceId, [entry]);
  }
  const n = live.items.length;
  const firstOfJob = new Uint8Array(n);
  const totals = new Float64Array(n);
  const paidAll = new Float64Array(n);
  const lastPaidMs = new Float64Array(n).fill(-Infinity);
  const liveIds: string[] = [];
  const seen = new Set<string>();
  live.items.forEach((inv, k) => {
    liveIds.push(inv.id);
    if (inv.jobId && !seen.has(inv.jobId)) {
      seen.add(inv.jobId);
      firstOfJob[k] = 1;
    }
    totals[k] = inv.totalCents;
    for (const p of paidByInvoice.get(inv.id) ?? []) {
      paidAll[k] = paidAll[k]! + p.cents;
      lastPaidMs[k] = Math.max(lastPaidMs[k]!, p.ms);
    }
  });
  return { live, liveIds, firstOfJob, totals, paidAll, lastPaidMs, firstIssued, paidByInvoice };
}

const slotCaches = new WeakMap<Timeline<InvoiceFacts>, { columns: RowColumns; slots: Int32Array }>();

/**
 * The columns' slot of each live invoice's job (-1: no job, or not in the columns). A job keeps
 * its slot for the columns' life (slots are only appended), so the lookups are done once per
 * index and columns; only misses are looked up again (a job can arrive after its invoice).
 */
export function invoiceSlots(index: MoneyIndex, columns: RowColumns): Int32Array {
  let cache = slotCaches.get(index.live);
  if (!cache || cache.columns !== columns) {
    cache = { columns, slots: new Int32Array(index.live.items.length).fill(-2) };
    slotCaches.set(index.live, cache);
  }
  const { slots } = cache;
  for (let k = 0; k < slots.length; k++) {
    if (slots[k]! >= 0) continue;
    const jobId = index.live.items[k]!.jobId;
    slots[k] = jobId ? (columns.slotOf(jobId) ?? -1) : -1;
  }
  return slots;
}
