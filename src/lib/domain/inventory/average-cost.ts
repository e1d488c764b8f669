/**
 * Moving-average unit cost per part (what job costing and monthly profit use), company-wide:
 * a part costs the same on a truck as in the warehouse, so transfers never change it.
 *
 * Method, over the ledger in order ((stamp ?? at, id), the same on every replica):
 * - a receipt of q at cost c, with Q on hand before: avg = (Q·avg + q·c) / (Q + q), rounded
 *   half-up to whole cents at each step. When Q ≤ 0 (nothing or a shortfall on hand) the
 *   receipt's cost becomes the average: old negative stock has no cost to blend with.
 * - a return from a job re-enters at the cost it carries (its `unitCostCents`, normally the
 *   average when it was used) and blends like a receipt; a return without a cost re-enters at
 *   the current average, leaving it unchanged.
 * - uses, transfers and adjustments move quantity at the current average: the average stays.
 */
import { inLedgerOrder } from './ledger';
import { moveDeltas, type StockMove } from './stock-move';

export interface PartCost {
  /** Moving-average unit cost in cents; null before the first costed receipt. */
  averageCents: number | null;
  /** Company-wide on-hand after the last entry. */
  onHand: number;
}

/** Blends `qty` units at `unitCents` into an average over `onHand` units (half-up to cents). */
export function blendAverage(average: number | null, onHand: number, qty: number, unitCents: number): number {
  if (average === null || onHand <= 0) return unitCents;
  return Math.round((onHand * average + qty * unitCents) / (onHand + qty));
}

/** The moving-average cost of every part in the ledger. */
export function averageCosts(moves: readonly StockMove[]): Map<string, PartCost> {
  return walkCosts(moves, () => {});
}

/**
 * Parts cost per job (job costing, agreement profitability): each use costs its quantity at
 * the part's moving average when it was used; a return credits its quantity at the cost it
 * re-enters with (its own, else the average then). Uncosted parts count 0.
 */
export function partsCostByJob(moves: readonly StockMove[]): Map<string, number> {
  const byJob = new Map<string, number>();
  for (const line of partCostLines(moves)) byJob.set(line.jobId, (byJob.get(line.jobId) ?? 0) + line.costCents);
  return byJob;
}

function walkCosts(moves: readonly StockMove[], visit: (move: StockMove, averageBefore: number | null) => void): Map<string, PartCost> {
  const costs = new Map<string, PartCost>();
  for (const move of inLedgerOrder(moves)) {
    const cost = costs.get(move.partId) ?? { averageCents: null, onHand: 0 };
    visit(move, cost.averageCents);
    const change = moveDeltas(move).reduce((sum, d) => sum + d.qty, 0);
    if (move.kind === 'receive' && move.unitCostCents !== null) {
      cost.averageCents = blendAverage(cost.averageCents, cost.onHand, move.qty, move.unitCostCents);
    } else if (move.kind === 'return' && move.unitCostCents !== null) {
      cost.averageCents = blendAverage(cost.averageCents, cost.onHand, move.qty, move.unitCostCents);
    }
    cost.onHand += change;
    costs.set(move.partId, cost);
  }
  return costs;
}

/** One use (positive) or return (negative) of parts on a job at its moving-average cost, dated when it was recorded (monthly profit). */
export interface PartCostLine {
  jobId: string;
  at: string;
  costCents: number;
}

/** Parts cost per use and return, as `partsCostByJob` costs them, each with its date (their sum per job equals `partsCostByJob`). */
export function partCostLines(moves: readonly StockMove[]): PartCostLine[] {
  const lines: PartCostLine[] = [];
  walkCosts(moves, (move, averageBefore) => {
    if (!move.jobId || (move.kind !== 'use' && move.kind !== 'return')) return;
    const unit = move.kind === 'return' ? (move.unitCostCents ?? averageBefore ?? 0) : (averageBefore ?? 0);
    lines.push({ jobId: move.jobId, at: move.at, costCents: (move.kind === 'use' ? 1 : -1) * move.qty * unit });
  });
  return lines;
}
