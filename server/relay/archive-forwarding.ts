/**
 * Edits that arrive after an archive move (sync README "Edits after an archive move"). A
 * device offline for days edits a job that has since moved to its archive month; when its
 * update reaches the live board, Yjs integrates the edit into a deleted entity, i.e. drops
 * it. The relay forwards such field writes into the archive month, as its own change through
 * the month room's normal (durable) write path, so the edit is kept where the job now lives.
 *
 * The relay's board doc discards a removed record's content (gc), and a late edit names only
 * its neighbour (the field value it overwrote) or its parent (the entity), not the job. So
 * when the guard accepts an archive removal of an editable record (`jobs`, `visits`), the ids
 * of the entity and of every write of its fields are kept in a relay-only room
 * `<org>/archived-items` (no client can name it: not a doc name), item id → month, record,
 * field. A late write is looked up there by the id it names.
 *
 * Rules: the late write overwrites the archive copy's field (it is the newest thing the relay
 * heard about that record; two late writes of one field: the later (client id, clock) wins,
 * as Yjs orders them); values equal to the copy's write nothing; a write the index does not
 * name (a record removed before this existed, or whose index write was lost in a crash) is
 * dropped as before, and logged. Nothing here refuses or delays the original update.
 */
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { stableJson } from '../../src/lib/domain/archive/record-fields';
import type { RoomRegistry } from './room-registry';
import type { Room } from './room';
import { SYSTEM_CHANGE } from './relay-change';

/** A record an accepted archive move removes: its month and the ids of its items. */
export interface RemovedRecord {
  month: string;
  collection: string;
  key: string;
  /** The entity (field null) and each write of each field, oldest last. */
  items: Array<[client: number, clock: number, length: number, field: string | null]>;
}

/** A plain field value written into a removed record: Yjs drops it. */
export interface LateWrite {
  id: Y.ID;
  /** The id it lands by: the removed entity (then `field` is set) or the field write it follows. */
  anchor: Y.ID;
  field: string | null;
  value: unknown;
}

/** What the update guard notes about archived records in an accepted board update. */
export interface ArchiveNotes {
  removed: RemovedRecord[];
  lateWrites: LateWrite[];
}

export function emptyArchiveNotes(): ArchiveNotes {
  return { removed: [], lateWrites: [] };
}

/** The relay-only room holding the index of removed records' item ids. */
export function archivedItemsRoom(org: string): string {
  return `${org}/archived-items`;
}

const ITEMS = 'items';

type IndexEntry = [month: string, collection: string, key: string, field: string | null];

export interface ArchiveForwardingDeps {
  rooms: Pick<RoomRegistry, 'acquire' | 'release'>;
  log: Logger;
}

export class ArchiveForwarding {
  /** Per organisation, the work in order: an index write is done before a later lookup. */
  readonly #queues = new Map<string, Promise<void>>();

  constructor(private readonly deps: ArchiveForwardingDeps) {}

  /** Hook, called after an accepted board update was applied; never throws. */
  applied(org: string, notes: ArchiveNotes): void {
    if (notes.removed.length === 0 && notes.lateWrites.length === 0) return;
    const previous = this.#queues.get(org) ?? Promise.resolve();
    const next = previous
      .then(() => this.#handle(org, notes))
      .catch((error: unknown) => this.deps.log.error({ err: error, org }, 'archive forwarding failed; late edits of archived records may be lost'));
    this.#queues.set(org, next);
    void next.finally(() => {
      if (this.#queues.get(org) === next) this.#queues.delete(org);
    });
  }

  async #handle(org: string, notes: ArchiveNotes): Promise<void> {
    const late = await this.#withRoom(archivedItemsRoom(org), async (room) => {
      if (notes.removed.length > 0) {
        room.change(SYSTEM_CHANGE, (doc) => indexRemoved(doc.getMap(ITEMS), notes.removed));
        await room.writes.whenDurable();
      }
      return resolveLate(room.doc.getMap(ITEMS), notes.lateWrites);
    });
    const named = [...late.values()].reduce((n, writes) => n + writes.length, 0);
    if (named < notes.lateWrites.length) this.deps.log.warn({ org, dropped: notes.lateWrites.length - named }, 'writes into removed records the archive index does not name; dropped');
    for (const [month, writes] of late) await this.#forward(org, month, writes);
  }

  /** Writes the late values into the archive month's records, in (client, clock) order. */
  async #forward(org: string, month: string, writes: ResolvedWrite[]): Promise<void> {
    await this.#withRoom(`${org}/archive-${month}`, async (room) => {
      let written = 0;
      room.change(SYSTEM_CHANGE, (doc) => {
        for (const write of writes) {
          const entity = doc.getMap(write.collection).get(write.key);
          if (!(entity instanceof Y.Map)) continue;
          if (stableJson(plain(entity.get(write.field))) === stableJson(write.value)) continue;
          entity.set(write.field, write.value);
          written++;
        }
      });
      await room.writes.whenDurable();
      this.deps.log.info({ room: room.id, writes: writes.length, written }, 'late edits of archived records forwarded to their archive month');
    });
  }

  async #withRoom<T>(roomId: string, run: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.deps.rooms.acquire(roomId);
    try {
      return await run(room);
    } finally {
      this.deps.rooms.release(room);
    }
  }
}

interface ResolvedWrite {
  collection: string;
  key: string;
  field: string;
  value: unknown;
}

function indexRemoved(index: Y.Map<unknown>, removed: readonly RemovedRecord[]): void {
  for (const record of removed) {
    for (const [client, clock, length, field] of record.items) {
      const entry: IndexEntry = [record.month, record.collection, record.key, field];
      for (let c = clock; c < clock + length; c++) index.set(`${client}:${c}`, entry);
    }
  }
}

/** Late writes the index names, by archive month, in the order Yjs would keep them (the last wins). */
function resolveLate(index: Y.Map<unknown>, writes: readonly LateWrite[]): Map<string, ResolvedWrite[]> {
  const ordered = [...writes].sort((a, b) => a.id.client - b.id.client || a.id.clock - b.id.clock);
  const byMonth = new Map<string, ResolvedWrite[]>();
  for (const write of ordered) {
    const entry = index.get(`${write.anchor.client}:${write.anchor.clock}`);
    if (!isIndexEntry(entry)) continue;
    const [month, collection, key, anchorField] = entry;
    const field = write.field ?? anchorField;
    if (field === null) continue;
    const list = byMonth.get(month) ?? [];
    list.push({ collection, key, field, value: write.value });
    byMonth.set(month, list);
  }
  return byMonth;
}

function isIndexEntry(value: unknown): value is IndexEntry {
  return Array.isArray(value) && value.length === 4 && value.slice(0, 3).every((v) => typeof v === 'string') && (value[3] === null || typeof value[3] === 'string');
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}
