/**
 * Reorder point and quantity per part per location, as plain values. Stored as entries of the
 * board's `stockSettings` collection (one per save, never edited): the effective setting of a
 * location and part is its latest entry in stamp order. Appending rather than writing a
 * per-(location, part) entity avoids two offline devices creating the same entity key, which
 * the relay refuses; concurrent saves both stay in the history and the later one applies.
 */
import { z } from 'zod';
import { compareStamped } from '../jobs/event-order';

const instant = z.iso.datetime({ offset: true });

export const stockSettingSchema = z.object({
  id: z.string().min(1),
  locationId: z.string().min(1),
  partId: z.string().min(1),
  /** Below this on hand, the location needs stock. 0 = no reorder point. */
  reorderPoint: z.number().int().min(0).max(100_000),
  /** How much to order when it does (at least enough to reach the point again). */
  reorderQty: z.number().int().min(0).max(100_000),
  /** Preferred supplier for purchase lists; '' = the part's last supplier. */
  supplier: z.string().trim().max(120).default(''),
  at: instant,
  stamp: instant.optional(),
  by: z.string().min(1),
  byName: z.string().default('')
});
export type StockSetting = z.infer<typeof stockSettingSchema>;

export const stockSettingInputSchema = z.object({
  locationId: z.string().min(1, 'Pick a location'),
  partId: z.string().min(1, 'Pick a part'),
  reorderPoint: z.coerce.number().int('Whole units only').min(0).max(100_000),
  reorderQty: z.coerce.number().int('Whole units only').min(0).max(100_000),
  supplier: z.string().trim().max(120).default('')
});

/** The setting in force per `locationId\0partId`: the latest entry in stamp order. */
export function effectiveSettings(entries: readonly StockSetting[]): Map<string, StockSetting> {
  const out = new Map<string, StockSetting>();
  for (const entry of [...entries].sort(compareStamped)) out.set(`${entry.locationId}\u0000${entry.partId}`, entry);
  return out;
}
