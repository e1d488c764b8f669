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
 * the snapshots, never to when the reader happens to look). Snapshots are numbered through a
 * WeakMap: the log holds no snapshot (each holds every invoice's view).
 */
export class ReceivablesChanges {
  readonly #numbers = new WeakMap<Receivables, number>();
  #published = 0;
  /** The last steps: `ids` took snapshot `number - 1` to snapshot `number` (null: unknown). */
  #log: Array<{ number: number; ids: ReadonlySet<string> | null }> = [];

  /** `next` is published after the previous one; `ids` are the invoices whose views may differ (null: unknown). */
  record(next: Receivables, ids: ReadonlySet<string> | null): void {
    this.#numbers.set(next, ++this.#published);
    this.#log.push({ number: this.#published, ids });
    if (this.#log.length > LOG_LENGTH) this.#log.shift();
  }

  /** The invoices touched between two published snapshots (every step in the log), or null when unknown. */
  between(from: Receivables, to: Receivables): Set<string> | null {
    if (from === to) return new Set();
    const a = this.#numbers.get(from);
    const b = this.#numbers.get(to);
    if (a === undefined || b === undefined || b < a) return null;
    const ids = new Set<string>();
    for (let number = a + 1; number <= b; number++) {
      const step = this.#log[this.#log.length - 1 - (this.#published - number)];
      if (step?.number !== number || !step.ids) return null;
      for (const id of step.ids) ids.add(id);
    }
    return ids;
  }

  /** Forgets every step (the finance doc was closed): a reader re-derives everything after. */
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
