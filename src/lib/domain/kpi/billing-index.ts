/**
 * The invoice side of the money index, kept in step one invoice at a time: every issued
 * invoice with its settlements (`BilledInvoice`), and the live ones (issued, not voided) as
 * columns sorted by (issue instant, id). A finance change replaces the entries of the invoices
 * it touched (`set`, `delete`): each is two binary searches and a splice of the columns, so a
 * payment on a year of invoices costs microseconds, not a re-sort. Equal to a build from
 * scratch of the same entries (`BillingIndex.of`; seeded property test in
 * billing-index.test.ts), whatever order the changes came in: ties of instant are broken by
 * id, never by arrival.
 */
import type { RowColumns } from './row-columns';
import type { InvoiceFacts, PaymentFacts } from './types';

/** One issued invoice as the money KPIs see it: its facts and every settlement of it (payments, applied credit, credit notes). */
export interface BilledInvoice {
  invoice: InvoiceFacts;
  payments: readonly PaymentFacts[];
}

/** A payment as the index keeps it: instant and amount. */
export interface PaidAt {
  ms: number;
  cents: number;
}

/** Slot not looked up yet (-1 is "looked up: no job, or not in the columns"). */
const UNKNOWN_SLOT = -2;

interface Entry {
  billed: BilledInvoice;
  ms: number;
  live: boolean;
}

function before(ms: number, id: string, otherMs: number, otherId: string): boolean {
  return ms < otherMs || (ms === otherMs && id < otherId);
}

export class BillingIndex {
  /** Live invoices sorted by (issue instant, id), with the instants as epoch ms in the same order. */
  readonly live: { items: InvoiceFacts[]; ms: number[] } = { items: [], ms: [] };
  /** Per live invoice (same order): its id, 1 when it is its job's first, its total, what all its payments add up to and when the last came. */
  readonly liveIds: string[] = [];
  readonly firstOfJob: number[] = [];
  readonly totals: number[] = [];
  readonly paidAll: number[] = [];
  readonly lastPaidMs: number[] = [];
  /** Each job's first live issue instant. */
  readonly firstIssued = new Map<string, number>();
  /** Payments per live invoice: instant and amount. */
  readonly paidByInvoice = new Map<string, PaidAt[]>();
  readonly #entries = new Map<string, Entry>();
  /** Live invoice ids per job (a job's first is recomputed from these when one of them changes); arrays, as most jobs have one invoice. */
  readonly #liveOfJob = new Map<string, string[]>();
  /** Columns' slot of each live invoice's job, same order; reset when the columns object changes. */
  #slots: number[] = [];
  #slotColumns: RowColumns | null = null;
  #version = 0;
  #lists: { version: number; invoices: InvoiceFacts[]; payments: PaymentFacts[] } | null = null;

  /** The index of these invoices and payments, built in one sort (payments are grouped by their invoice; those of no listed invoice are left out). */
  static of(invoices: readonly InvoiceFacts[], payments: readonly PaymentFacts[]): BillingIndex {
    const byInvoice = new Map<string, PaymentFacts[]>();
    for (const p of payments) {
      if (!p.invoiceId) continue;
      const list = byInvoice.get(p.invoiceId);
      if (list) list.push(p);
      else byInvoice.set(p.invoiceId, [p]);
    }
    return BillingIndex.build(invoices.map((invoice) => ({ invoice, payments: byInvoice.get(invoice.id) ?? [] })));
  }

  /** The index of these entries (one per invoice id; a later one replaces an earlier one). */
  static build(entries: Iterable<BilledInvoice>): BillingIndex {
    const index = new BillingIndex();
    for (const billed of entries) index.#entries.set(billed.invoice.id, { billed, ms: Date.parse(billed.invoice.issuedAt), live: !billed.invoice.voided });
    const live = [...index.#entries.values()].filter((e) => e.live);
    live.sort((a, b) => a.ms - b.ms || (a.billed.invoice.id < b.billed.invoice.id ? -1 : 1));
    live.forEach((entry, k) => {
      index.#push(entry);
      const jobId = entry.billed.invoice.jobId;
      if (jobId && !index.firstIssued.has(jobId)) {
        index.firstIssued.set(jobId, entry.ms);
        index.firstOfJob[k] = 1;
      }
    });
    return index;
  }

  /** Bumped on every change (readers that keep derived lists compare it). */
  get version(): number {
    return this.#version;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(id: string): BilledInvoice | undefined {
    return this.#entries.get(id)?.billed;
  }

  /** Replaces (or adds) one invoice's entry: its old place in the columns is left, its new one taken. */
  set(billed: BilledInvoice): void {
    const id = billed.invoice.id;
    const jobs = this.#leave(id);
    const entry: Entry = { billed, ms: Date.parse(billed.invoice.issuedAt), live: !billed.invoice.voided };
    this.#entries.set(id, entry);
    if (entry.live) {
      this.#insert(entry);
      if (billed.invoice.jobId) jobs.add(billed.invoice.jobId);
    }
    for (const jobId of jobs) this.#refreshFirst(jobId);
    this.#version++;
  }

  /** Removes an invoice (no longer issued, or gone from the room). */
  delete(id: string): void {
    if (!this.#entries.has(id)) return;
    const jobs = this.#leave(id);
    this.#entries.delete(id);
    for (const jobId of jobs) this.#refreshFirst(jobId);
    this.#version++;
  }

  /** Every indexed invoice (voided included) and every settlement of them, as flat lists (built once per version). */
  lists(): { invoices: InvoiceFacts[]; payments: PaymentFacts[] } {
    if (this.#lists?.version !== this.#version) {
      const invoices: InvoiceFacts[] = [];
      const payments: PaymentFacts[] = [];
      for (const { billed } of this.#entries.values()) {
        invoices.push(billed.invoice);
        payments.push(...billed.payments);
      }
      this.#lists = { version: this.#version, invoices, payments };
    }
    return this.#lists;
  }

  /**
   * The columns' slot of each live invoice's job (-1: no job, or not in the columns). A job
   * keeps its slot for the columns' life (slots are only appended), so a slot is looked up once
   * per invoice and columns; only misses are looked up again (a job can arrive after its invoice).
   */
  slotsIn(columns: RowColumns): readonly number[] {
    if (this.#slotColumns !== columns) {
      this.#slotColumns = columns;
      this.#slots.fill(UNKNOWN_SLOT);
    }
    const slots = this.#slots;
    for (let k = 0; k < slots.length; k++) {
      if (slots[k]! >= 0) continue;
      const jobId = this.live.items[k]!.jobId;
      slots[k] = jobId ? (columns.slotOf(jobId) ?? -1) : -1;
    }
    return slots;
  }

  /** Takes an invoice out of the live columns (if it is there); returns the jobs whose first may have changed. */
  #leave(id: string): Set<string> {
    const jobs = new Set<string>();
    const old = this.#entries.get(id);
    if (!old?.live) return jobs;
    const k = this.#position(old.ms, id);
    for (const column of this.#columns()) column.splice(k, 1);
    this.paidByInvoice.delete(id);
    const jobId = old.billed.invoice.jobId;
    if (jobId) {
      const ids = this.#liveOfJob.get(jobId);
      ids?.splice(ids.indexOf(id), 1);
      jobs.add(jobId);
    }
    return jobs;
  }

  #insert(entry: Entry): void {
    const { invoice, payments } = entry.billed;
    const ms = this.live.ms;
    let k = lowerBound(ms, entry.ms);
    while (k < ms.length && ms[k] === entry.ms && this.liveIds[k]! < invoice.id) k++;
    const [paid, last, paidAt] = paidOf(payments);
    this.live.items.splice(k, 0, invoice);
    ms.splice(k, 0, entry.ms);
    this.liveIds.splice(k, 0, invoice.id);
    this.firstOfJob.splice(k, 0, 0);
    this.totals.splice(k, 0, invoice.totalCents);
    this.paidAll.splice(k, 0, paid);
    this.lastPaidMs.splice(k, 0, last);
    this.#slots.splice(k, 0, UNKNOWN_SLOT);
    this.paidByInvoice.set(invoice.id, paidAt);
    if (invoice.jobId) this.#joinJob(invoice.jobId, invoice.id);
  }

  /** Appends an entry known to sort after every live one (the bulk build). */
  #push(entry: Entry): void {
    const { invoice, payments } = entry.billed;
    const [paid, last, paidAt] = paidOf(payments);
    this.live.items.push(invoice);
    this.live.ms.push(entry.ms);
    this.liveIds.push(invoice.id);
    this.firstOfJob.push(0);
    this.totals.push(invoice.totalCents);
    this.paidAll.push(paid);
    this.lastPaidMs.push(last);
    this.#slots.push(UNKNOWN_SLOT);
    this.paidByInvoice.set(invoice.id, paidAt);
    if (invoice.jobId) this.#joinJob(invoice.jobId, invoice.id);
  }

  /** Marks the job's first live invoice (by instant, then id) and records its instant. */
  #refreshFirst(jobId: string): void {
    let first: Entry | null = null;
    for (const id of this.#liveOfJob.get(jobId) ?? []) {
      const entry = this.#entries.get(id)!;
      this.firstOfJob[this.#position(entry.ms, id)] = 0;
      if (!first || before(entry.ms, id, first.ms, first.billed.invoice.id)) first = entry;
    }
    if (!first) {
      this.firstIssued.delete(jobId);
      this.#liveOfJob.delete(jobId);
      return;
    }
    this.firstOfJob[this.#position(first.ms, first.billed.invoice.id)] = 1;
    this.firstIssued.set(jobId, first.ms);
  }

  #joinJob(jobId: string, invoiceId: string): void {
    const ids = this.#liveOfJob.get(jobId);
    if (!ids) this.#liveOfJob.set(jobId, [invoiceId]);
    else if (!ids.includes(invoiceId)) ids.push(invoiceId);
  }

  /** Where a live invoice sits in the columns. */
  #position(ms: number, id: string): number {
    let k = lowerBound(this.live.ms, ms);
    while (this.liveIds[k] !== id) k++;
    return k;
  }

  #columns(): unknown[][] {
    return [this.live.items, this.live.ms, this.liveIds, this.firstOfJob, this.totals, this.paidAll, this.lastPaidMs, this.#slots];
  }
}

/** What payments add up to, when the last came (-Infinity: none), and each as instant and amount. */
function paidOf(payments: readonly PaymentFacts[]): [number, number, PaidAt[]] {
  let paid = 0;
  let last = -Infinity;
  const paidAt = payments.map((p) => {
    const ms = Date.parse(p.at);
    paid += p.amountCents;
    last = Math.max(last, ms);
    return { ms, cents: p.amountCents };
  });
  return [paid, last, paidAt];
}

/** The first index whose instant is ≥ `t`. */
export function lowerBound(ms: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
