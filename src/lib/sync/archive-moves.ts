/**
 * The live board's `archiveMoves` markers (domain/archive/archive-move.ts): what left for which
 * archive month. Read by numbering (high-water marks), job lookup and the history pages.
 */
import type * as Y from 'yjs';
import { archiveIndex, archiveMoveSchema, monthsNaming, type ArchiveMove } from '../domain/archive/archive-move';
import { Collection } from './collection';

export class ArchiveMoves {
  readonly collection: Collection<ArchiveMove>;
  #index: Map<string, string> | null = null;
  #numbers: string[] | null = null;

  constructor(doc: Y.Doc) {
    this.collection = new Collection(doc.getMap('archiveMoves'), archiveMoveSchema);
    this.collection.observe(() => {
      this.#index = null;
      this.#numbers = null;
    });
  }

  list(): ArchiveMove[] {
    return this.collection.list();
  }

  /** The archive month holding job `jobId`, or undefined when it never left the live board. */
  monthOfJob(jobId: string): string | undefined {
    this.#index ??= archiveIndex(this.list());
    return this.#index.get(jobId);
  }

  /** Job ids that left the live board. */
  archivedJobIds(): Iterable<string> {
    this.#index ??= archiveIndex(this.list());
    return this.#index.keys();
  }

  /** Months holding archived jobs of a customer, site or asset, newest first. */
  monthsOf(kind: 'customerIds' | 'siteIds' | 'assetIds', id: string): string[] {
    return monthsNaming(this.list(), kind, id);
  }

  /** Every series' highest archived job number: numbering must never issue them again. */
  lastNumbers(): string[] {
    this.#numbers ??= this.list().flatMap((move) => move.lastNumbers);
    return this.#numbers;
  }
}
