/**
 * What a technician records on a visit besides time: parts used, notes and checklist ticks.
 * Each is an immutable, author-carrying record (the relay enforces `by` and no future `at`);
 * a correction is a new record, never an edit. Input schemas validate the forms; record
 * schemas validate what peers wrote.
 */
import { z } from 'zod';
import type { Part } from '../catalog/catalog';
import { multiLineText, singleLineText } from '../text/text-fields';

const isoInstant = z.iso.datetime({ offset: true });

const authored = {
  id: z.string().min(1),
  jobId: z.string().min(1),
  visitId: z.string().min(1),
  at: isoInstant,
  stamp: isoInstant.optional().catch(undefined),
  by: z.string().min(1),
  byName: z.string().optional().catch(undefined)
};

/**
 * A `partUses` record: one use of a part on a visit (a stock-ledger entry, never a counter).
 * `partId` names a catalogue part when picked from the list, null for free text ("not in the list").
 */
export const partUseSchema = z.object({
  ...authored,
  partId: z.string().min(1).nullable().catch(null).default(null),
  sku: z.string().max(60).catch('').default(''),
  description: z.string().max(300),
  quantity: z.number().positive().max(100_000),
  serials: z.array(z.string().max(80)).max(200).catch([]).default([])
});
export type PartUse = z.infer<typeof partUseSchema>;

/** Serial numbers typed one per line or separated by commas. */
export function splitSerials(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((s) => s.normalize('NFC').trim())
    .filter((s) => s.length > 0);
}

export const partUseInputSchema = z
  .object({
    partId: z.string().min(1).nullable().default(null),
    sku: singleLineText('SKU', { max: 60 }).default(''),
    description: singleLineText('Description', { min: 1, max: 300 }),
    quantity: z.coerce.number({ message: 'Quantity must be a number.' }).positive('Quantity must be more than 0.').max(100_000, 'That quantity is too large.').refine((q) => Math.round(q * 1000) === q * 1000, 'Use at most 3 decimals.'),
    serials: z.array(singleLineText('Serial', { min: 1, max: 80 })).max(200, 'At most 200 serial numbers per line.').default([])
  })
  .refine((p) => p.serials.length === 0 || Number.isInteger(p.quantity), { message: 'Parts with serial numbers are counted in whole units.', path: ['quantity'] })
  .refine((p) => p.serials.length === 0 || p.serials.length === p.quantity, { message: 'Give one serial number per unit, or none.', path: ['serials'] });
export type PartUseInput = z.infer<typeof partUseInputSchema>;

/** A `fieldNotes` record: a note on a visit. */
export const fieldNoteSchema = z.object({ ...authored, text: z.string().max(4000) });
export type FieldNote = z.infer<typeof fieldNoteSchema>;

export const fieldNoteInputSchema = z.object({ text: multiLineText('Note', { min: 1, max: 4000 }) });

/** A `checklistChecks` record: an item ticked (or unticked) on a visit; the latest per item counts. */
export const checklistCheckSchema = z.object({ ...authored, itemId: z.string().min(1).max(80), checked: z.boolean() });
export type ChecklistCheck = z.infer<typeof checklistCheckSchema>;

/**
 * The price-book part a technician means by what they typed or scanned: an active part whose
 * SKU or barcode matches (any case), else one whose description matches exactly; undefined
 * for free text ("not in the list").
 */
export function catalogPartFor(parts: readonly Part[], typed: { sku?: string; description?: string }): Part | undefined {
  const active = parts.filter((p) => !p.archived);
  const code = typed.sku?.trim().toLowerCase();
  if (code) {
    const byCode = active.find((p) => p.sku.toLowerCase() === code || p.barcode?.toLowerCase() === code);
    if (byCode) return byCode;
  }
  const text = typed.description?.trim().toLowerCase();
  return text ? active.find((p) => p.description.toLowerCase() === text) : undefined;
}
