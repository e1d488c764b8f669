/**
 * The rules every write to a synced room must keep (src/lib/sync/README.md "Rules"), as data
 * and pure checks shared by the relay's update guard (server/relay/update-guard.ts) and the
 * client's schemas. No yjs here: the guard decodes updates and hands this module plain values.
 *
 * Rules are per collection (a top-level map of entities), never a list of today's fields, so
 * records gaining optional fields (issue 7's `stamp`, `window`, assignment sets) pass as they
 * are. Adding a ledger later is one entry in COLLECTION_RULES.
 */
import { z } from 'zod';

/** An ISO-8601 instant, as every stored time is (README rule 3). */
export const instantSchema = z.iso.datetime({ offset: true });

/** Why the relay refused an update; also the metric label and the close reason's tail. */
export const REFUSAL_REASONS = [
  'delete-entity',
  'replace-entity',
  'immutable-record',
  'wrong-author',
  'future-time',
  'bad-record',
  'missing-dependency'
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface RuleViolation {
  reason: RefusalReason;
  /** Which record and field, for logs and the user's notice. */
  detail: string;
}

/** What the relay enforces for new records of one collection. */
export interface CollectionRule {
  /** Existing records never change (events, activity, ledgers): no field is set or removed after creation. */
  immutable: boolean;
  /** The field naming the record's author; on a new record it must equal the writer's token subject. */
  authorField?: string;
  /** Fields holding when the record happened; each, when present, must not be in the future. */
  timeFields: readonly string[];
  /** Fields a new record must have. */
  required: readonly string[];
  /** Types of fields the relay can tell, checked when present. */
  fields: Readonly<Record<string, z.ZodType>>;
}

const authored = (extra: Record<string, z.ZodType> = {}): CollectionRule => ({
  immutable: true,
  authorField: 'by',
  timeFields: ['at', 'stamp'],
  required: ['by', 'at'],
  fields: { by: z.string().min(1), byName: z.string(), at: instantSchema, stamp: instantSchema, jobId: z.string().min(1), ...extra }
});

/**
 * Collections with record rules. Every other top-level map is still an add-only collection
 * (no entity deleted or replaced) whose entities' fields may be overwritten.
 */
export const COLLECTION_RULES: Readonly<Record<string, CollectionRule>> = {
  jobEvents: authored(),
  jobActivity: authored(),
  /** The stock ledger (domain/inventory/stock-move.ts): immutable, authored entries. */
  stockMoves: authored({ partId: z.string().min(1), kind: z.string().min(1), qty: z.number().int() }),
  /** Reorder settings, one entry per save, latest wins (domain/inventory/stock-settings.ts). */
  stockSettings: authored({ partId: z.string().min(1), locationId: z.string().min(1) })
};

/**
 * Top-level maps of single values rather than entities: a key may be overwritten (the old
 * value is deleted in the same update), never removed. `meta.schemaVersion` is one.
 */
export const REGISTER_MAPS: ReadonlySet<string> = new Set(['meta']);

/** How far ahead of the relay's clock a record's time may be (device clocks drift). */
export const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;

export interface WriterContext {
  /** The writer's token subject (user id). */
  subject: string;
  /** The relay's clock, epoch ms. */
  nowMs: number;
  maxFutureMs: number;
}

export function isImmutableCollection(collection: string): boolean {
  return COLLECTION_RULES[collection]?.immutable === true;
}

/**
 * Checks a record being created in `collection`. `fields` is null when the entity is not a
 * map of fields at all. Returns the first violation, or null when the record may be stored.
 */
export function checkNewRecord(collection: string, key: string, fields: ReadonlyMap<string, unknown> | null, writer: WriterContext): RuleViolation | null {
  const rule = COLLECTION_RULES[collection];
  if (!rule) return null;
  const where = `${collection}/${key}`;
  if (fields === null) return { reason: 'bad-record', detail: `${where} is not a record (map of fields)` };
  for (const name of rule.required) {
    if (!fields.has(name)) return { reason: 'bad-record', detail: `${where} has no ${name}` };
  }
  for (const [name, schema] of Object.entries(rule.fields)) {
    if (fields.has(name) && !schema.safeParse(fields.get(name)).success) return { reason: 'bad-record', detail: `${where}.${name} has the wrong type` };
  }
  if (rule.authorField && fields.get(rule.authorField) !== writer.subject) {
    return { reason: 'wrong-author', detail: `${where}.${rule.authorField} is not the writer (${writer.subject})` };
  }
  for (const name of rule.timeFields) {
    const value = fields.get(name);
    if (typeof value === 'string' && Date.parse(value) > writer.nowMs + writer.maxFutureMs) {
      return { reason: 'future-time', detail: `${where}.${name} ${value} is in the future` };
    }
  }
  return null;
}

const REFUSAL_TEXT: Record<RefusalReason, string> = {
  'delete-entity': 'records cannot be deleted',
  'replace-entity': 'a record cannot be replaced by another with the same id',
  'immutable-record': 'history (status events, activity, stock ledger) cannot be edited',
  'wrong-author': 'a change can only be recorded under your own name',
  'future-time': 'a change cannot be dated in the future (is this device’s clock right?)',
  'bad-record': 'a record had fields of the wrong type',
  'missing-dependency': 'the change built on data the server does not have'
};

/** The sentence for the user's notice: "A change was refused by the server: <this>". */
export function describeRefusal(reason: string, detail: string): string {
  const text = (REFUSAL_TEXT as Record<string, string | undefined>)[reason] ?? 'it broke the board’s rules';
  return detail ? `${text} (${detail})` : text;
}

/** The text a refusal carries to the client (a websocket close reason: at most 123 bytes). */
export function refusalCloseReason(violation: RuleViolation): string {
  const text = `refused: ${violation.reason}: ${violation.detail}`;
  return new TextEncoder().encode(text).length <= 123 ? text : `refused: ${violation.reason}`;
}

/** Reads a close reason back (null when it is not a refusal). */
export function parseRefusalCloseReason(reason: string): RuleViolation | null {
  const match = /^refused: ([a-z-]+)(?:: (.*))?$/s.exec(reason);
  const name = match?.[1];
  if (!name || !(REFUSAL_REASONS as readonly string[]).includes(name)) return null;
  return { reason: name as RefusalReason, detail: match?.[2] ?? '' };
}
