/**
 * Backups of a device's copy of a room taken when the relay refused one of its changes
 * (src/lib/sync/README.md "Refused changes"). The device then drops its copy and resyncs, so
 * the refused change is never resent; what it held is kept here, whole, until the user
 * exports or deletes it. Stored in IndexedDB (a doc can be megabytes: too big for localStorage).
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';

export interface RefusedChange {
  id: number;
  /** `<org>/<doc>` */
  room: string;
  /** When the relay refused it, ISO instant. */
  refusedAt: string;
  /** The rule broken (room-rules.ts RefusalReason) and the relay's detail. */
  reason: string;
  detail: string;
  /** The device's whole copy of the room at refusal, as a Yjs update (Y.applyUpdate restores it). */
  update: Uint8Array;
}

const refusedChangeSchema = z.object({
  id: z.number().int().positive(),
  room: z.string(),
  refusedAt: z.string(),
  reason: z.string(),
  detail: z.string(),
  update: z.instanceof(Uint8Array)
});

const DB_NAME = 'fieldboard-refused-changes';

class RefusedChangesDb extends Dexie {
  changes!: EntityTable<RefusedChange, 'id'>;
  constructor() {
    super(DB_NAME);
    this.version(1).stores({ changes: '++id, room' });
  }
}

/** The backups on this device; one Dexie database shared by every room. */
export class RefusedChangeVault {
  readonly #db = new RefusedChangesDb();

  /** Keeps a backup; resolves to its id. */
  async save(entry: Omit<RefusedChange, 'id'>): Promise<number> {
    return (await this.#db.changes.add(entry as RefusedChange)) as number;
  }

  /** Backups of `room` (every room when omitted), oldest first; damaged rows are skipped. */
  async list(room?: string): Promise<RefusedChange[]> {
    const rows = room === undefined ? await this.#db.changes.toArray() : await this.#db.changes.where('room').equals(room).toArray();
    return rows.flatMap((row) => {
      const parsed = refusedChangeSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async get(id: number): Promise<RefusedChange | undefined> {
    const parsed = refusedChangeSchema.safeParse(await this.#db.changes.get(id));
    return parsed.success ? parsed.data : undefined;
  }

  async remove(id: number): Promise<void> {
    await this.#db.changes.delete(id);
  }

  close(): void {
    this.#db.close();
  }
}

/** A file name for exporting a backup: `fieldboard-<org>-<doc>-refused-<id>.yjs`. */
export function refusedChangeFileName(change: Pick<RefusedChange, 'id' | 'room'>): string {
  return `fieldboard-${change.room.replace('/', '-')}-refused-${change.id}.yjs`;
}
