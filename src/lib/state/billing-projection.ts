/**
 * The reports' billing index kept in step with the finance state: after a finance
 * transaction only the invoices it touched (sync/finance-changes.ts) are re-derived from the
 * new receivables and replaced in the index; everything else is left as it is. A full
 * re-derive happens only when the touched invoices are not known (the first snapshot, a
 * record that became unreadable, a snapshot this projection skipped past the change log, a
 * change of the organisation's zone: due dates are read in it).
 */
import { BillingIndex } from '../domain/kpi/billing-index';
import type { Receivables } from '../domain/receivables/ledger';
import { billedInvoiceOf, billedInvoicesOf } from './report-money';

/** How many snapshot-to-snapshot changes are remembered (a reader more snapshots behind re-derives everything). */
const LOG_LENGTH = 32;

/**
 * The invoice ids each published receivables snapshot changed since the one before, so a
 * reader that synced at an earlier snapshot learns what changed since (the ids are tied to
 * the snapshots, never to when the reader happens to look).
 */
export class ReceivablesChanges {
  #log: Array<{ from: Receivables; to: Receivables; ids: ReadonlySet<string> | null }> = [];

  /** `to` replaced `from`; `ids` are the invoices whose views may differ (null: unknown). */
  record(from: Receivables, to: Receivables, ids: ReadonlySet<string> | null): void {
    this.#log.push({ from, to, ids });
    if (this.#log.length > LOG_LENGTH) this.#log.shift();
  }

  /** The invoices touched between two snapshots (every step in the log), or null when unknown. */
  between(from: Receivables, to: Receivables): Set<string> | null {
    if (from === to) return new Set();
    let k = this.#log.findIndex((step) => step.from === from);
    if (k < 0) return null;
    const ids = new Set<string>();
    for (let at = from; at !== to; k++) {
      const step = this.#log[k];
      if (!step?.ids || step.from !== at) return null;
      for (const id of step.ids) ids.add(id);
      at = step.to;
    }
    return ids;
  }

  clear(): void {
    this.#log = [];
  }
}

export class BillingProjection {
  #index = new BillingIndex();
  #at: Receivables | null = null;
  #zone = '';
  #rebuilds = 0;

  /** Full re-derives so far (the first one included). */
  get rebuilds(): number {
    return this.#rebuilds;
  }

  /** The index in step with `receivables`; `changes` says which invoices changed since the snapshot it was last in step with. */
  sync(receivables: Receivables, timeZone: string, changes: ReceivablesChanges): BillingIndex {
    if (receivables === this.#at && timeZone === this.#zone) return this.#index;
    const touched = this.#at && timeZone === this.#zone ? changes.between(this.#at, receivables) : null;
    if (touched) {
      for (const id of touched) {
        const billed = billedInvoiceOf(receivables, id, timeZone);
        if (billed) this.#index.set(billed);
        else this.#index.delete(id);
      }
    } else {
      this.#index = BillingIndex.build(billedInvoicesOf(receivables, timeZone));
      this.#rebuilds++;
    }
    this.#at = receivables;
    this.#zone = timeZone;
    return this.#index;
  }
}
