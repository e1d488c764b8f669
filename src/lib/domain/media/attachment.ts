/**
 * A photo or signature attached to a visit: the board doc's `attachments` record (src/lib/sync/
 * README.md). Only metadata is synced; the bytes live in the relay's blob store under `sha256`.
 * Immutable and author-carrying (room-rules.ts COLLECTION_RULES).
 */
import { z } from 'zod';
import { BLOB_TYPES, SHA256_PATTERN } from './blob-rules';

export const ATTACHMENT_KINDS = ['photo', 'signature'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

const instant = z.iso.datetime({ offset: true });

export const attachmentSchema = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  visitId: z.string().min(1),
  kind: z.enum(ATTACHMENT_KINDS),
  sha256: z.string().regex(SHA256_PATTERN),
  type: z.enum(BLOB_TYPES),
  size: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Signatures: who signed (required for them). */
  signerName: z.string().min(1).max(200).optional(),
  caption: z.string().max(500).optional(),
  by: z.string().min(1),
  byName: z.string().optional(),
  at: instant
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** What a user supplies; the rest (id, author, time) is filled in by the command. */
export const newAttachmentSchema = attachmentSchema
  .omit({ id: true, by: true, byName: true, at: true })
  .superRefine((value, ctx) => {
    if (value.kind === 'signature' && !value.signerName?.trim()) ctx.addIssue({ code: 'custom', path: ['signerName'], message: 'Enter the name of the person signing.' });
  });
export type NewAttachment = z.infer<typeof newAttachmentSchema>;

/** A visit's attachments: photos oldest first, then signatures oldest first. */
export function sortAttachments(list: readonly Attachment[]): Attachment[] {
  return [...list].sort((a, b) => (a.kind === b.kind ? (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1) : a.kind === 'photo' ? -1 : 1));
}
