/**
 * The stock ledger in the `board` doc (issue 11): `stockMoves` (immutable authored entries,
 * the **ledger** rule) and `stockSettings` (reorder point/qty per location and part, one entry
 * per save, latest wins). Locations are derived from offices and technicians
 * (domain/inventory/locations.ts). Every command validates its input, checks the locations
 * exist and writes one transaction. Composed into BoardDoc as `board.stock`.
 */
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import type { z } from 'zod';
import { fieldErrors, type FieldErrors } from '../domain/jobs/job';
import { nextStamp } from '../domain/jobs/event-order';
import { adjustInputSchema, moveShapeProblem, parseCents, receiveInputSchema, returnInputSchema, stockMoveSchema, transferInputSchema, useInputSchema, type PartSnapshot, type StockMove } from '../domain/inventory/stock-move';
import { effectiveSettings, stockSettingInputSchema, stockSettingSchema, type StockSetting } from '../domain/inventory/stock-settings';
import { OnHand, ledgerParts, type LedgerPart } from '../domain/inventory/ledger';
import { averageCosts, type PartCost } from '../domain/inventory/average-cost';
import { parseLocationId, stockLocations, type StockLocation } from '../domain/inventory/locations';
import { Collection } from './collection';
import type { Directory } from './directory';

export type StockResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

interface Actor {
  id: string;
  name?: string;
}

type MoveFields = Omit<StockMove, 'id' | 'at' | 'stamp' | 'by' | 'byName'>;

export class Stock {
  readonly moves: Collection<StockMove>;
  readonly settings: Collection<StockSetting>;
  readonly #doc: Y.Doc;
  readonly #directory: Directory;
  readonly #origin: unknown;

  constructor(doc: Y.Doc, directory: Directory, origin: unknown) {
    this.#doc = doc;
    this.#directory = directory;
    this.#origin = origin;
    this.moves = new Collection(doc.getMap('stockMoves'), stockMoveSchema);
    this.settings = new Collection(doc.getMap('stockSettings'), stockSettingSchema);
  }

  /** Warehouses of every office, trucks of active technicians. */
  locations(): StockLocation[] {
    return stockLocations(this.#directory.offices.list(), this.#directory.technicians.list());
  }

  listMoves(): StockMove[] {
    return this.moves.list();
  }

  onHand(): OnHand {
    return new OnHand(this.moves.list());
  }

  parts(): LedgerPart[] {
    return ledgerParts(this.moves.list());
  }

  averageCosts(): Map<string, PartCost> {
    return averageCosts(this.moves.list());
  }

  /** Reorder settings in force, by `locationId\0partId`. */
  effectiveSettings(): Map<string, StockSetting> {
    return effectiveSettings(this.settings.list());
  }

  receive(input: unknown, actor: Actor, now = new Date()): StockResult<StockMove> {
    return this.#one(receiveInputSchema, input, (v) => ({ ...part(v), kind: 'receive', qty: v.qty, from: null, to: v.to, unitCostCents: parseCents(v.unitCost), supplier: v.supplier, supplierRef: v.supplierRef, reason: '' }), actor, now);
  }

  transfer(input: unknown, actor: Actor, now = new Date()): StockResult<StockMove> {
    return this.#one(transferInputSchema, input, (v) => ({ ...part(v), kind: 'transfer', qty: v.qty, from: v.from, to: v.to, unitCostCents: null, supplier: '', supplierRef: '', reason: v.reason }), actor, now);
  }

  adjust(input: unknown, actor: Actor, now = new Date()): StockResult<StockMove> {
    return this.#one(adjustInputSchema, input, (v) => ({ ...part(v), kind: 'adjust', qty: v.qty, from: null, to: v.to, unitCostCents: null, supplier: '', supplierRef: '', reason: v.reason }), actor, now);
  }

  /** Parts used on a job (the technician app's parts-used flow writes through this). */
  use(input: unknown, actor: Actor, now = new Date()): StockResult<StockMove> {
    return this.#one(useInputSchema, input, (v) => ({ ...part(v), kind: 'use', qty: v.qty, from: v.from, to: null, unitCostCents: null, supplier: '', supplierRef: '', reason: '', jobId: v.jobId, ...(v.visitId ? { visitId: v.visitId } : {}) }), actor, now);
  }

  /** Parts back from a job; re-enters at the given unit cost, else at the current average. */
  returnFromJob(input: unknown, actor: Actor, now = new Date()): StockResult<StockMove> {
    return this.#one(returnInputSchema, input, (v) => ({ ...part(v), kind: 'return', qty: v.qty, from: null, to: v.to, unitCostCents: v.unitCost ? parseCents(v.unitCost) : null, supplier: '', supplierRef: '', reason: '', jobId: v.jobId }), actor, now);
  }

  /** Several parts from one location to another in one transaction (a transfer request's one click). */
  transferMany(from: string, to: string, lines: ReadonlyArray<PartSnapshot & { qty: number }>, reason: string, actor: Actor, now = new Date()): StockResult<StockMove[]> {
    const entries: MoveFields[] = [];
    for (const line of lines) {
      const parsed = transferInputSchema.safeParse({ ...line, from, to, reason });
      if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
      const v = parsed.data;
      entries.push({ ...part(v), kind: 'transfer', qty: v.qty, from: v.from, to: v.to, unitCostCents: null, supplier: '', supplierRef: '', reason: v.reason });
    }
    if (!entries.length) return { ok: false, errors: { _form: 'Nothing to transfer' } };
    return this.#write(entries, actor, now);
  }

  saveSetting(input: unknown, actor: Actor, now = new Date()): StockResult<StockSetting> {
    const parsed = stockSettingInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const unknown = this.#unknownLocation(parsed.data.locationId);
    if (unknown) return { ok: false, errors: { locationId: unknown } };
    const at = now.toISOString();
    const record = stockSettingSchema.parse({ ...parsed.data, id: uuidv4(), at, stamp: nextStamp(this.settings.list(), now), by: actor.id, byName: actor.name ?? '' });
    this.#doc.transact(() => this.settings.insert(record), this.#origin);
    return { ok: true, value: record };
  }

  onChanged(callback: () => void): () => void {
    const offs = [this.moves.observe(() => callback()), this.settings.observe(() => callback())];
    return () => offs.forEach((off) => off());
  }

  #one<S extends z.ZodType>(schema: S, input: unknown, build: (value: z.infer<S>) => MoveFields, actor: Actor, now: Date): StockResult<StockMove> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const written = this.#write([build(parsed.data)], actor, now);
    return written.ok ? { ok: true, value: written.value[0]! } : written;
  }

  /** Checks every entry (shape, locations), then writes them all in one transaction. */
  #write(entries: MoveFields[], actor: Actor, now: Date): StockResult<StockMove[]> {
    const at = now.toISOString();
    const all = this.moves.list();
    const records: StockMove[] = [];
    for (const entry of entries) {
      const problem = moveShapeProblem(entry);
      if (problem) return { ok: false, errors: { _form: problem } };
      for (const [field, id] of [['from', entry.from], ['to', entry.to]] as const) {
        const unknown = id === null ? null : this.#unknownLocation(id);
        if (unknown) return { ok: false, errors: { [field]: unknown } };
      }
      // Stamp rule per part: an entry sorts after every entry of the part this device holds,
      // so the moving average follows what the writer saw even on a slow clock.
      const stamp = nextStamp([...all, ...records].filter((m) => m.partId === entry.partId), now);
      records.push(stockMoveSchema.parse({ ...entry, id: uuidv4(), at, stamp, by: actor.id, byName: actor.name ?? '' }));
    }
    this.#doc.transact(() => records.forEach((r) => this.moves.insert(r)), this.#origin);
    return { ok: true, value: records };
  }

  #unknownLocation(id: string): string | null {
    const parsed = parseLocationId(id);
    if (!parsed) return 'Pick a warehouse or a truck';
    const known = parsed.kind === 'warehouse' ? this.#directory.offices.has(parsed.ownerId) : this.#directory.technicians.has(parsed.ownerId);
    return known ? null : 'That location is no longer on this board';
  }
}

function part(v: PartSnapshot): PartSnapshot {
  return { partId: v.partId, sku: v.sku, description: v.description, unit: v.unit };
}
