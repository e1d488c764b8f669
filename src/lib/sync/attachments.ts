/**
 * Photos and signatures of visits: the board's `attachments` collection (README "attachments").
 * Records are immutable and carry their author (`by` = the token subject; the relay enforces
 * it, room-rules.ts). Only metadata is synced: the bytes travel through the blob store.
 * Composed into BoardDoc as `board.attachments`.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { attachmentSchema, newAttachmentSchema, sortAttachments, type Attachment } from '../domain/media/attachment';
import { Collection } from './collection';
import type { Actor } from './board-doc';

export type AddAttachmentResult = { ok: true; attachment: Attachment } | { ok: false; error: string };

export class Attachments {
  readonly collection: Collection<Attachment>;
  readonly #doc: Y.Doc;
  readonly #origin: unknown;

  constructor(doc: Y.Doc, origin: unknown) {
    this.#doc = doc;
    this.#origin = origin;
    this.collection = new Collection(doc.getMap('attachments'), attachmentSchema);
  }

  /** A visit's attachments: photos, then signatures, each oldest first. */
  forVisit(visitId: string): Attachment[] {
    return sortAttachments(this.collection.list().filter((a) => a.visitId === visitId));
  }

  forJob(jobId: string): Attachment[] {
    return sortAttachments(this.collection.list().filter((a) => a.jobId === jobId));
  }

  /** Records an attachment whose bytes are already stored on this device (one transaction). */
  add(input: unknown, actor: Actor, now = new Date()): AddAttachmentResult {
    const parsed = newAttachmentSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => i.message).join(' ') };
    const attachment = attachmentSchema.parse({
      ...parsed.data,
      signerName: parsed.data.signerName?.trim() || undefined,
      caption: parsed.data.caption?.trim() || undefined,
      id: uuidv4(),
      by: actor.id,
      byName: actor.name,
      at: now.toISOString()
    });
    this.#doc.transact(() => this.collection.insert(attachment), this.#origin);
    return { ok: true, attachment };
  }

  /** Calls back after any attachment arrives (local or remote). */
  onChanged(callback: () => void): () => void {
    return this.collection.observe(() => callback());
  }
}
