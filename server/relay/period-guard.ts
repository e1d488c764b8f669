/**
 * The finance room's closed periods, enforced by the relay (issue 10 "period lock"; rules in
 * src/lib/domain/receivables/period-lock.ts, shared with the client). Once a month is closed
 * (a `periodLocks` record), an update is refused with `closed-period` when it
 * - changes an invoice or credit note dated in a closed month, or moves one into one;
 * - creates a document dated in a closed month, or issues or voids one (`invoiceEvents`);
 * - records a payment, refund or credit application in a closed month;
 * - enters an expense (or a reversal) dated on a day of a closed month.
 * Only locks the room already holds count: the client checks its own in the same change.
 */
import * as Y from 'yjs';
import type { RuleViolation } from '../../src/lib/domain/rooms/room-rules';
import { lockForDay, lockForInstant, monthLabel, type LockLike } from '../../src/lib/domain/receivables/period-lock';

/** An existing entity the update changes, and the new values of its top-level fields it writes. */
export interface ChangedEntity {
  collection: string;
  key: string;
  entity: Y.Item;
  newFields: Map<string, unknown>;
}

/** A record the update creates, with its fields (null: not a map). */
export interface CreatedRecord {
  collection: string;
  key: string;
  fields: ReadonlyMap<string, unknown> | null;
}

/** Instant fields of new ledger entries, per collection. */
const INSTANT_FIELD: Readonly<Record<string, string>> = { payments: 'receivedAt', refunds: 'refundedAt', creditApplications: 'at' };

export function checkFinancePeriods(doc: Y.Doc, changed: readonly ChangedEntity[], created: readonly CreatedRecord[]): RuleViolation | null {
  const locks = readLocks(doc);
  if (!locks.length) return null;
  const refuse = (collection: string, key: string, lock: LockLike): RuleViolation => ({ reason: 'closed-period', detail: `${collection}/${key}: ${monthLabel(lock.month)} is closed` });
  const dayLock = (value: unknown) => (typeof value === 'string' ? lockForDay(locks, value) : null);
  const invoices = doc.share.has('invoices') ? doc.getMap('invoices') : new Map<string, unknown>();
  const newInvoiceDates = new Map<string, unknown>();
  for (const record of created) if (record.collection === 'invoices') newInvoiceDates.set(record.key, record.fields?.get('date'));

  for (const change of changed) {
    if (change.collection !== 'invoices') continue;
    const entity = change.entity.content instanceof Y.ContentType ? change.entity.content.type : null;
    const current = entity instanceof Y.Map ? entity.get('date') : undefined;
    const lock = dayLock(current) ?? dayLock(change.newFields.get('date'));
    if (lock) return refuse(change.collection, change.key, lock);
  }
  for (const record of created) {
    const fields = record.fields;
    if (!fields) continue;
    let lock: LockLike | null = null;
    if (record.collection === 'invoices' || record.collection === 'expenses') lock = dayLock(fields.get('date'));
    else if (record.collection === 'invoiceEvents') {
      const invoiceId = fields.get('invoiceId');
      const entity = typeof invoiceId === 'string' ? invoices.get(invoiceId) : undefined;
      const invoiceDate = entity instanceof Y.Map ? entity.get('date') : typeof invoiceId === 'string' ? newInvoiceDates.get(invoiceId) : undefined;
      lock = dayLock(fields.get('date')) ?? dayLock(invoiceDate);
    } else if (INSTANT_FIELD[record.collection]) {
      const value = fields.get(INSTANT_FIELD[record.collection]!);
      lock = typeof value === 'string' ? lockForInstant(locks, value) : null;
    }
    if (lock) return refuse(record.collection, record.key, lock);
  }
  return null;
}

/** The closed months the room holds (malformed lock records are skipped). */
function readLocks(doc: Y.Doc): LockLike[] {
  if (!doc.share.has('periodLocks')) return [];
  const out: LockLike[] = [];
  for (const value of doc.getMap('periodLocks').values()) {
    if (!(value instanceof Y.Map)) continue;
    const month = value.get('month');
    const timeZone = value.get('timeZone');
    if (typeof month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && typeof timeZone === 'string') out.push({ month, timeZone });
  }
  return out;
}
