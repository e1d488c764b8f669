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
import { ARCHIVING_ROLES } from '../archive/archive-move';
import type { RecordFields } from '../archive/record-fields';
import { docKind } from './board-generation';

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
  'missing-dependency',
  'closed-period',
  'not-permitted'
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
  /** The rooms (doc kinds, e.g. `finance`; `board` is every board generation) the rule applies in; absent = every room. */
  rooms?: readonly string[];
  /** The roles that may create records (absent = every role that may write the room). */
  roles?: readonly string[];
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
const cents = z.number().int();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The finance room's ledgers and histories (src/lib/sync/README.md "finance collections"). */
const finance = (extra: Record<string, z.ZodType>, timeFields: readonly string[] = []): CollectionRule => {
  const base = authored(extra);
  return { ...base, timeFields: [...base.timeFields, ...timeFields], rooms: ['finance'] };
};

export const COLLECTION_RULES: Readonly<Record<string, CollectionRule>> = {
  jobEvents: authored(),
  jobActivity: authored(),
  invoiceEvents: finance({ invoiceId: z.string().min(1), number: z.string().min(1), date: day, dueDate: day, reason: z.string() }),
  payments: finance({ customerId: z.string().min(1), amountCents: cents, receivedAt: instantSchema }, ['receivedAt']),
  refunds: finance({ customerId: z.string().min(1), amountCents: cents, refundedAt: instantSchema }, ['refundedAt']),
  creditApplications: finance({ customerId: z.string().min(1) }),
  /** Quotes' sent/accepted/declined ledger (domain/quotes/quote-records.ts); answers are written by the relay itself. */
  quoteEvents: finance({ quoteId: z.string().min(1), kind: z.enum(['sent', 'accepted', 'declined']) }),
  // Business expenses (domain/expenses): entered by admins and dispatchers; a correction is a reversal record.
  expenses: {
    ...finance({ date: day, amountCents: z.number().int().positive(), category: z.string().min(1), reverses: z.string().min(1) }),
    required: ['by', 'at', 'date', 'amountCents', 'category'],
    roles: ['admin', 'dispatcher']
  },
  // Closing a month is final: only admins close one.
  periodLocks: { ...finance({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), timeZone: z.string().min(1) }), roles: ['admin'] },
  // Pay is set by admins only (domain/payroll/pay-rates.ts): a raise is a new record, never an edit.
  payRates: { ...finance({ technicianId: z.string().min(1), hourlyCents: cents, effectiveFrom: day }), required: ['by', 'at', 'technicianId', 'hourlyCents', 'effectiveFrom'], roles: ['admin'] },
  // Pay runs are approved by admins only; a run never changes (corrections go to the next run).
  payRuns: { ...finance({ from: day, to: day, totalCents: cents, technicians: z.array(z.unknown()) }), required: ['by', 'at', 'from', 'to', 'technicians', 'totalCents'], roles: ['admin'] },
  // The board's side of a pay run: time entries of the technician starting in [from, to) are paid (server/relay/payroll-guard.ts).
  payrollLocks: { ...authored({ technicianId: z.string().min(1), from: instantSchema, to: instantSchema, runId: z.string().min(1) }), required: ['by', 'at', 'technicianId', 'from', 'to', 'runId'], rooms: ['board'], roles: ['admin'] },
  /** Photos and signatures of visits (domain/media/attachment.ts): metadata only, the bytes are in the blob store. */
  attachments: authored({ visitId: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().positive() }),
  // The technician app's records (domain/fieldwork): a time entry's start and end are times too.
  timeEntries: { ...authored({ jobId: z.string().min(1).nullable(), technicianId: z.string().min(1), start: instantSchema, end: instantSchema.nullable() }), timeFields: ['at', 'stamp', 'start', 'end'], required: ['by', 'at', 'technicianId', 'start'] },
  partUses: authored({ quantity: z.number().positive() }),
  fieldNotes: authored({ text: z.string() }),
  statusTaps: authored(),
  checklistChecks: authored({ checked: z.boolean() }),
  /** The stock ledger (domain/inventory/stock-move.ts): immutable, authored entries. */
  stockMoves: authored({ partId: z.string().min(1), kind: z.string().min(1), qty: z.number().int() }),
  /** Reorder settings, one entry per save, latest wins (domain/inventory/stock-settings.ts). */
  stockSettings: authored({ partId: z.string().min(1), locationId: z.string().min(1) }),
  /**
   * Archive markers (domain/archive/archive-move.ts): written by the archiving roles in the
   * same update that removes the jobs they name from the live board (see archiveRemovalAllowed).
   */
  archiveMoves: { ...authored({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), jobIds: z.array(z.string().min(1)), numbers: z.array(z.string()) }), required: ['by', 'at', 'month', 'jobIds'], rooms: ['board'], roles: [...ARCHIVING_ROLES] }
};

/** The rule of `collection` in room `room` (a doc name; undefined = any room), or undefined. */
export function ruleFor(collection: string, room?: string): CollectionRule | undefined {
  const rule = COLLECTION_RULES[collection];
  if (!rule || (rule.rooms && room !== undefined && !rule.rooms.includes(docKind(room) ?? room))) return undefined;
  return rule;
}

/**
 * Top-level maps of single values rather than entities: a key may be overwritten (the old
 * value is deleted in the same update), never removed. `meta.schemaVersion` is one; the
 * catalog's `billingSettings` and finance's `payrollSettings` (one value per setting) are others.
 */
export const REGISTER_MAPS: ReadonlySet<string> = new Set(['meta', 'billingSettings', 'payrollSettings']);

/** How far ahead of the relay's clock a record's time may be (device clocks drift). */
export const DEFAULT_MAX_FUTURE_MS = 5 * 60_000;

export interface WriterContext {
  /** The writer's token subject (user id). */
  subject: string;
  /** The relay's clock, epoch ms. */
  nowMs: number;
  maxFutureMs: number;
  /** The room's doc name (`board`, `finance`, `archive-2026-05`); rules limited to other rooms do not apply. */
  room?: string;
  /** The writer's role (token claim); rules limited to some roles refuse the others. */
  role?: string;
  /**
   * The fields of `collection/key` as archive month `month` of this organisation holds them
   * durably (every field committed to the relay's storage), or null when it does not. A
   * removal is accepted only when they equal the live record's. Absent: nothing counts as
   * archived, so no removal from a live room is ever accepted.
   */
  archived?: (month: string, collection: string, key: string) => RecordFields | null;
}

export function isImmutableCollection(collection: string, room?: string): boolean {
  return ruleFor(collection, room)?.immutable === true;
}

/**
 * Checks a record being created in `collection`. `fields` is null when the entity is not a
 * map of fields at all. Returns the first violation, or null when the record may be stored.
 */
export function checkNewRecord(collection: string, key: string, fields: ReadonlyMap<string, unknown> | null, writer: WriterContext): RuleViolation | null {
  const rule = ruleFor(collection, writer.room);
  if (!rule) return null;
  const where = `${collection}/${key}`;
  if (fields === null) return { reason: 'bad-record', detail: `${where} is not a record (map of fields)` };
  for (const name of rule.required) {
    if (!fields.has(name)) return { reason: 'bad-record', detail: `${where} has no ${name}` };
  }
  for (const [name, schema] of Object.entries(rule.fields)) {
    if (fields.has(name) && !schema.safeParse(fields.get(name)).success) return { reason: 'bad-record', detail: `${where}.${name} has the wrong type` };
  }
  if (rule.roles && (writer.role === undefined || !rule.roles.includes(writer.role))) {
    return { reason: 'not-permitted', detail: `${where}: only ${rule.roles.join(', ')} may record this` };
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
  'immutable-record': 'history (status events, activity, time entries, parts, notes, stock ledger, payments, expenses) cannot be edited',
  'wrong-author': 'a change can only be recorded under your own name',
  'future-time': 'a change cannot be dated in the future (is this device’s clock right?)',
  'bad-record': 'a record had fields of the wrong type',
  'missing-dependency': 'the change built on data the server does not have',
  'closed-period': 'the period it is dated in is closed',
  'not-permitted': 'your role cannot record this'
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
