/**
 * /inventory: stock by location and part, low stock with the purchase list, a part's history,
 * tomorrow's needs per technician, and the receive / transfer / adjust / reorder commands.
 * Reads follow the open workspace's stock ledger (live: peers' entries arrive as they sync);
 * writes go through `board.stock` (validated there), one transaction per action.
 */
import { averageCosts, partsCostByJob } from '../domain/inventory/average-cost';
import { OnHand, ledgerParts, partHistory, pickableParts } from '../domain/inventory/ledger';
import { locationName, stockLocations } from '../domain/inventory/locations';
import { jobPartNeeds, netUsedByJob, technicianNeeds, type PartNeed, type TechnicianNeeds } from '../domain/inventory/needs';
import { lowStock, purchaseList, purchaseListCsv } from '../domain/inventory/reorder';
import { effectiveSettings, type StockSetting } from '../domain/inventory/stock-settings';
import type { StockMove } from '../domain/inventory/stock-move';
import { isOpenVisit } from '../domain/scheduling/visit';
import { nextDate, zonedParts } from '../domain/time/zoned';
import type { BoardDoc } from '../sync/board-doc';
import { agreementsState } from './agreements.svelte';
import { board } from './board.svelte';
import { BoardRoomState, type FormErrors as Errors } from './board-room-state.svelte';
import { fieldWork } from './field-work.svelte';

class InventoryState extends BoardRoomState {
  moves = $state.raw<StockMove[]>([]);
  settings = $state.raw<StockSetting[]>([]);

  readonly locations = $derived(stockLocations(board.offices, board.technicians));
  readonly onHand = $derived(new OnHand(this.moves));
  readonly parts = $derived(ledgerParts(this.moves));
  readonly partById = $derived(new Map(this.parts.map((p) => [p.partId, p])));
  /** What the receive / transfer / adjust forms offer: the price book's parts and any other the ledger knows. */
  readonly pickable = $derived(pickableParts(this.parts, fieldWork.catalogParts));
  readonly costs = $derived(averageCosts(this.moves));
  /** Parts cost per job at the moving average when used (job costing, agreement profitability). */
  readonly partsCostByJob = $derived(partsCostByJob(this.moves));
  /** Whole units used on each job so far (uses less returns): what a job no longer needs brought. */
  readonly usedByJob = $derived(netUsedByJob(this.moves));
  /**
   * What a job still calls for: its required parts (else its PM visit's plan parts) less what
   * is used on it (domain/inventory/needs.ts), described from the price book or the ledger.
   */
  readonly partsForJob: (jobId: string) => PartNeed[] = $derived.by(() => {
    const plan = agreementsState.partsForJob;
    const used = this.usedByJob;
    const known = new Map(this.pickable.map((p) => [p.partId, p]));
    return (jobId: string) => jobPartNeeds(board.job(jobId)?.requiredParts, plan(jobId), used.get(jobId), (id) => known.get(id));
  });
  readonly lowStock = $derived(lowStock(this.onHand, effectiveSettings(this.settings).values(), this.partById, this.costs));
  readonly purchaseList = $derived(purchaseList(this.lowStock));
  /** Tomorrow (organisation day) and what each technician's visits that day need from their truck. */
  readonly tomorrow = $derived(nextDate(zonedParts(board.now, board.timeZone).date));
  readonly needs: TechnicianNeeds[] = $derived.by(() => {
    const day = this.tomorrow;
    const visits = board.visits
      .filter((v) => isOpenVisit(v.status) && zonedParts(Date.parse(v.window.start), board.timeZone).date === day)
      .flatMap((v) => v.technicianIds.map((technicianId) => ({ technicianId, jobId: v.jobId })));
    return technicianNeeds(visits, this.partsForJob, (id) => board.techById.get(id)?.officeId ?? null, this.onHand);
  });

  constructor() {
    super('Your role can view stock but not change it.');
  }

  locationName = (id: string): string => locationName(id, this.locations);

  /** A part's entries, newest first, with the running on-hand of the locations each touched. */
  history(partId: string): ReturnType<typeof partHistory> {
    return partHistory(this.moves, partId);
  }

  purchaseCsv(): string {
    return purchaseListCsv(this.purchaseList, this.locationName);
  }

  receive(values: Record<string, unknown>): Errors | null {
    return this.run((b, actor) => b.stock.receive(values, actor));
  }

  transfer(values: Record<string, unknown>): Errors | null {
    return this.run((b, actor) => b.stock.transfer(values, actor));
  }

  adjust(values: Record<string, unknown>): Errors | null {
    return this.run((b, actor) => b.stock.adjust(values, actor));
  }

  saveSetting(values: Record<string, unknown>): Errors | null {
    return this.run((b, actor) => b.stock.saveSetting(values, actor));
  }

  /** One click: what a technician is short for tomorrow, from their office's warehouse to their truck. */
  requestTransfer(need: TechnicianNeeds): Errors | null {
    if (!need.warehouseId) return { _form: 'This technician has no office: pick the warehouse in Transfer.' };
    const from = need.warehouseId;
    return this.run((b, actor) => b.stock.transferMany(from, need.truckId, need.transfer, `For tomorrow (${this.tomorrow})`, actor));
  }

  protected attach(doc: BoardDoc | null): (() => void) | undefined {
    if (!doc) {
      this.moves = [];
      this.settings = [];
      return undefined;
    }
    const read = () => {
      this.moves = doc.stock.listMoves();
      this.settings = doc.stock.settings.list();
    };
    read();
    return doc.stock.onChanged(read);
  }
}

export const inventory = new InventoryState();
