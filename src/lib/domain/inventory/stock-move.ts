/**
 * The stock ledger (issue 11): every change to stock is one immutable, authored entry of the
 * board's `stockMoves` collection; on-hand is derived (DESIGN §3 "ledgers"), so concurrent
 * offline changes add up and a shortfall shows as negative stock instead of being lost.
 *
 * One entry per part per change. A transfer is ONE entry with `from` and `to` (not an entry
 * pair): a Yjs transaction can arrive whole or not at all, but one record can never arrive
 * half, so stock can never vanish between two locations.
 *
 * | kind | stock effect | required |
 * |---|---|---|
 * | receive | +qty at `to` | `to`, `unitCostCents`, `supplier` |
 * | transfer | −qty at `from`, +qty at `to` | `from` ≠ `to` |
 * | use | −qty at `from` (on a job / visit) | `from`, `jobId` |
 * | return | +qty at `to` (back from a job) | `to`, `jobId` |
 * | adjust | +qty at `to`, qty signed (a count's difference) | `to`, `reason` |
 *
 * Quantities are whole units of the part's `unit` (each, ft, …): integers, so sums are exact.
 */
import { z } from 'zod';

export const STOCK_MOVE_KINDS = ['receive', 'transfer', 'use', 'return', 'adjust'] as const;
export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number];

const instant = z.iso.datetime({ offset: true });
const locationId = z.string().min(1).max(200);
/** Largest quantity one entry may move: typos like 1e9 are refused, not stored. */
export const MAX_MOVE_QTY = 100_000;

/** What the parts catalogue will own; the ledger keeps a snapshot so views work without it. */
export const partSnapshotSchema = z.object({
  partId: z.string().min(1).max(200),
  sku: z.string().trim().max(60).default(''),
  description: z.string().trim().max(300).default(''),
  unit: z.string().trim().min(1).max(20).default('each')
});
export type PartSnapshot = z.infer<typeof partSnapshotSchema>;

export const stockMoveSchema = partSnapshotSchema.extend({
  id: z.string().min(1),
  kind: z.enum(STOCK_MOVE_KINDS),
  qty: z.number().int().min(-MAX_MOVE_QTY).max(MAX_MOVE_QTY),
  from: locationId.nullable().default(null),
  to: locationId.nullable().default(null),
  unitCostCents: z.number().int().min(0).nullable().default(null),
  supplier: z.string().trim().max(120).default(''),
  supplierRef: z.string().trim().max(120).default(''),
  jobId: z.string().min(1).optional(),
  visitId: z.string().min(1).optional(),
  reason: z.string().trim().max(500).default(''),
  at: instant,
  stamp: instant.optional(),
  by: z.string().min(1),
  byName: z.string().default('')
}).superRefine((move, ctx) => {
  const problem = moveShapeProblem(move);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type StockMove = z.infer<typeof stockMoveSchema>;

/** Why a move's fields do not fit its kind (null when they do). Shared by reads and forms. */
export function moveShapeProblem(move: Pick<StockMove, 'kind' | 'qty' | 'from' | 'to' | 'unitCostCents' | 'jobId' | 'reason'>): string | null {
  if (move.kind === 'adjust') {
    if (move.qty === 0) return 'An adjustment changes stock: enter a difference other than 0';
    if (!move.to) return 'An adjustment needs a location';
    if (!move.reason) return 'An adjustment needs a reason';
    return null;
  }
  if (move.qty <= 0) return 'Enter a quantity of at least 1';
  switch (move.kind) {
    case 'receive':
      if (!move.to) return 'A receipt needs the location it arrives at';
      if (move.unitCostCents === null) return 'A receipt needs its unit cost';
      return null;
    case 'transfer':
      if (!move.from || !move.to) return 'A transfer needs a from and a to location';
      if (move.from === move.to) return 'A transfer needs two different locations';
      return null;
    case 'use':
      if (!move.from) return 'Parts used come out of a location';
      if (!move.jobId) return 'Parts used belong to a job';
      return null;
    case 'return':
      if (!move.to) return 'A return needs the location it goes back to';
      if (!move.jobId) return 'A return comes back from a job';
      return null;
  }
}

/** The stock changes one entry makes: location → signed quantity. */
export function moveDeltas(move: Pick<StockMove, 'kind' | 'qty' | 'from' | 'to'>): Array<{ locationId: string; qty: number }> {
  switch (move.kind) {
    case 'receive':
    case 'return':
    case 'adjust':
      return move.to ? [{ locationId: move.to, qty: move.qty }] : [];
    case 'use':
      return move.from ? [{ locationId: move.from, qty: -move.qty }] : [];
    case 'transfer':
      return move.from && move.to ? [{ locationId: move.from, qty: -move.qty }, { locationId: move.to, qty: move.qty }] : [];
  }
}

/** Money typed by people: "12.5", "$1,204.99" → cents; null when it is not an amount. */
export function parseCents(text: string): number | null {
  const clean = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  const [whole, frac = ''] = clean.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

const qtyInput = z.coerce.number({ error: 'Enter a quantity' }).int('Whole units only').min(1, 'Enter a quantity of at least 1').max(MAX_MOVE_QTY, `At most ${MAX_MOVE_QTY} in one entry`);
const partInput = partSnapshotSchema.extend({ partId: z.string().min(1, 'Pick a part') });

/** The receive dialog's input (zod-validated before anything is written). */
export const receiveInputSchema = partInput.extend({
  to: z.string().min(1, 'Pick where it arrives'),
  qty: qtyInput,
  unitCost: z.string().refine((v) => parseCents(v) !== null, 'Enter the unit cost, e.g. 12.50'),
  supplier: z.string().trim().min(1, 'Enter the supplier').max(120),
  supplierRef: z.string().trim().max(120).default('')
});

export const transferInputSchema = partInput
  .extend({ from: z.string().min(1, 'Pick where it comes from'), to: z.string().min(1, 'Pick where it goes'), qty: qtyInput, reason: z.string().trim().max(500).default('') })
  .refine((v) => v.from !== v.to, { message: 'Pick two different locations', path: ['to'] });

export const adjustInputSchema = partInput.extend({
  to: z.string().min(1, 'Pick the location counted'),
  qty: z.coerce.number({ error: 'Enter the difference' }).int('Whole units only').min(-MAX_MOVE_QTY).max(MAX_MOVE_QTY).refine((v) => v !== 0, 'Enter a difference other than 0'),
  reason: z.string().trim().min(1, 'Say why (count, damage, found…)').max(500)
});

export const useInputSchema = partInput.extend({ from: z.string().min(1), qty: qtyInput, jobId: z.string().min(1, 'Pick the job'), visitId: z.string().min(1).optional() });
export const returnInputSchema = partInput.extend({ to: z.string().min(1), qty: qtyInput, jobId: z.string().min(1, 'Pick the job'), unitCost: z.string().optional() });
