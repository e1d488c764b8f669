/**
 * Agreements: the list, renewals due in 30/60/90 days, PM visits due and not booked, and the
 * create / edit / generate / book commands. Reads follow the open workspace's agreements (and
 * its jobs, for which visits are booked or started); writes go through `board.agreements`.
 */
import { parseChecklistText, type Agreement, type PlanPart, type PmVisit } from '../domain/agreements/agreement';
import { parsePlanPartsText } from '../domain/agreements/plan-parts';
import type { PartSnapshot } from '../domain/inventory/stock-move';
import { renewingWithin, type Renewal } from '../domain/agreements/renewal';
import { parseCents } from '../domain/inventory/stock-move';
import { zonedParts } from '../domain/time/zoned';
import type { BoardDoc } from '../sync/board-doc';
import { board } from './board.svelte';
import { BoardRoomState, type FormErrors as Errors } from './board-room-state.svelte';
import { workspace } from './workspace.svelte';

class AgreementsState extends BoardRoomState {
  list = $state.raw<Agreement[]>([]);

  readonly today = $derived(zonedParts(board.now, board.timeZone).date);
  readonly renewals: Renewal[] = $derived(renewingWithin(this.list, this.today, 90));
  /** Visits due up to the horizon that are not booked (recomputed when jobs change). */
  readonly unscheduled: Array<{ agreement: Agreement; visit: PmVisit }> = $derived.by(() => {
    void board.version;
    void this.list;
    return this.doc?.agreements.unscheduled() ?? [];
  });
  /** The parts of each job's PM visit, for tomorrow's truck check. */
  readonly partsForJob: (jobId: string) => readonly PlanPart[] = $derived.by(() => {
    void this.list;
    return this.doc?.agreements.partsForJob() ?? (() => []);
  });

  constructor() {
    super('Your role can view agreements but not change them.');
  }

  get(id: string): Agreement | undefined {
    return this.list.find((a) => a.id === id);
  }

  /** Creates (no id) or edits an agreement from the form; price typed as money, PM parts as lines of price-book SKUs (`catalog`). */
  save(values: Record<string, unknown> & { price: string; checklistText: string; partsText: string }, catalog: readonly PartSnapshot[], id?: string): Errors | null {
    const priceCents = parseCents(values.price);
    if (priceCents === null) return { priceCents: 'Enter the price, e.g. 1200.00' };
    const parts = parsePlanPartsText(values.partsText, catalog);
    if (!parts.ok) return { pmParts: parts.error };
    const { price: _price, checklistText, partsText: _parts, ...rest } = values;
    const input = { ...rest, priceCents, checklists: parseChecklistText(checklistText), pmParts: parts.pmParts, pmPartsByType: parts.pmPartsByType };
    return this.run((b, actor) => (id ? b.agreements.update(id, input) : b.agreements.create(input, actor)));
  }

  /** The SLA due of a new job for `customerId`: its agreement's response time when sooner than `fallback`. */
  slaDueFor(customerId: string | null, fallback: string | null, now = new Date()): string | null {
    return this.doc ? this.doc.agreements.slaDueFor(customerId, fallback, now) : fallback;
  }

  /** Generates PM visits for every agreement (or one) over the horizon; returns how many were written. */
  generate(horizonDays: number, ids?: string[]): number | Errors {
    const writer = this.writer();
    if (!writer) return this.readOnly();
    return writer.board.agreements.generate({ horizonDays, actor: writer.actor, ...(ids ? { ids } : {}) });
  }

  book(agreementId: string, periodKey: string): Errors | null {
    return this.run((b, actor) => b.agreements.book(agreementId, periodKey, actor, workspace.deviceCode()));
  }

  protected attach(doc: BoardDoc | null): (() => void) | undefined {
    if (!doc) {
      this.list = [];
      return undefined;
    }
    const read = () => (this.list = doc.agreements.list());
    read();
    return doc.agreements.onChanged(read);
  }
}

export const agreementsState = new AgreementsState();
