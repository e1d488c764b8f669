/**
 * A job's required parts: the catalogue parts (price-book part ids) and quantities the visit
 * calls for, so the technician brings them and tomorrow's truck check counts them.
 *
 * Stored as a keyed map (sync README "keyed map"): one flat key per part on the job,
 * `requiredParts:<partId>` → quantity, 0 meaning removed (keys are never deleted). Two
 * dispatchers adding different parts offline both keep theirs; two setting the same part's
 * quantity end on one of the two (last writer wins per part).
 */
import { z } from 'zod';

/** The most of one part a job may call for: typos like 1e6 are refused. */
export const MAX_REQUIRED_QTY = 10_000;

/**
 * The stored field as read: part id → quantity. A member with an unreadable value is dropped
 * on its own (one bad key must not make the job unreadable). Absent (no key at all: the job
 * never had its parts set) stays undefined, which readers treat as none (`requiredPartList`)
 * and the truck check as "fall back to the PM plan's parts".
 */
export const requiredPartsFieldSchema = z
  .record(z.string(), z.unknown())
  .optional()
  .catch(undefined)
  .transform((raw) => {
    if (raw === undefined) return undefined;
    const out: Record<string, number> = {};
    for (const [partId, qty] of Object.entries(raw)) if (partId && Number.isInteger(qty) && (qty as number) >= 0 && (qty as number) <= MAX_REQUIRED_QTY) out[partId] = qty as number;
    return out;
  });

export interface RequiredPart {
  partId: string;
  quantity: number;
}

/** What the job page, intake and booking write: whole quantities of distinct parts. */
export const requiredPartsInputSchema = z
  .array(
    z.object({
      partId: z.string().min(1, 'Pick a part.'),
      quantity: z.coerce.number({ error: 'Quantity must be a number.' }).int('Whole units only.').min(1, 'Quantity must be at least 1.').max(MAX_REQUIRED_QTY, 'That quantity is too large.')
    })
  )
  .max(100, 'At most 100 parts per job.')
  .refine((parts) => new Set(parts.map((p) => p.partId)).size === parts.length, 'Each part once: change its quantity instead.');

/** The parts a stored map calls for (quantity above 0), by part id. */
export function requiredPartList(stored: Readonly<Record<string, number>> | undefined): RequiredPart[] {
  return Object.entries(stored ?? {})
    .filter(([, quantity]) => quantity > 0)
    .map(([partId, quantity]) => ({ partId, quantity }))
    .sort((a, b) => a.partId.localeCompare(b.partId));
}

/**
 * The members to write so the job calls for exactly `next`: changed and new parts with their
 * quantity, dropped parts as 0. Only differences, so a concurrent edit of another part survives.
 */
export function requiredPartChanges(stored: Readonly<Record<string, number>> | undefined, next: readonly RequiredPart[]): Record<string, number> {
  const before = stored ?? {};
  const changes: Record<string, number> = {};
  for (const { partId, quantity } of next) if (before[partId] !== quantity) changes[partId] = quantity;
  const kept = new Set(next.map((p) => p.partId));
  for (const [partId, quantity] of Object.entries(before)) if (!kept.has(partId) && quantity !== 0) changes[partId] = 0;
  return changes;
}

/** The stored map for a new job's list. */
export function requiredPartsMap(parts: readonly RequiredPart[]): Record<string, number> {
  return Object.fromEntries(parts.map((p) => [p.partId, p.quantity]));
}
