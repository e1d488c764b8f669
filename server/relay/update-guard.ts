/**
 * The relay's check of a writer's update against the room's rules (src/lib/domain/rooms/
 * room-rules.ts), run before the room applies it, so a refused update is never applied,
 * stored or forwarded.
 *
 * The update is decoded (structs + delete set) without touching the doc, and every part of
 * it the room does not hold yet is placed: which top-level type it lands in, which entity
 * (a value of a top-level map) and how deep. Yjs only encodes an item's parent when it has no
 * neighbour, so a placement may follow origins, inside the update or in the doc.
 *
 * - Deleting a live entity, or writing a new value for an existing entity's key (which makes
 *   Yjs delete the old one), is refused; register maps (`meta`) may overwrite, not delete.
 * - Any change inside an existing record of an immutable collection is refused.
 * - New records of collections with rules are checked field by field (author, times, types).
 * - Missing dependencies: an update whose structs or deletions refer to items the relay
 *   neither holds nor finds in the update cannot be placed. Yjs would park it and integrate
 *   it later, unchecked, so it is refused ('missing-dependency'); the connection turns that
 *   into a resync for ordinary updates (see connection.ts).
 *
 * Text and array content of top-level types other than maps, and anything inside an entity
 * of a mutable collection, is not restricted.
 */
import * as Y from 'yjs';
import { checkNewRecord, isImmutableCollection, REGISTER_MAPS, type RuleViolation, type WriterContext } from '../../src/lib/domain/rooms/room-rules';
import { isArchiveDoc } from '../../src/lib/domain/access/roles';
import { isBoardDoc } from '../../src/lib/domain/rooms/board-generation';
import { ARCHIVED_COLLECTIONS, ARCHIVING_ROLES } from '../../src/lib/domain/archive/archive-move';
import { sameRecordFields, type RecordFields } from '../../src/lib/domain/archive/record-fields';
import type { ArchiveNotes } from './archive-forwarding';
import { relayArchiveMonths } from './archive-months';
import { checkFinancePeriods, type ChangedEntity } from './period-guard';
import { checkPayrollLocks } from './payroll-guard';

type Struct = Y.Item | Y.GC | Y.Skip;

/** Where an item sits, relative to the room's collections. */
type Placement =
  | { kind: 'free' }
  | { kind: 'entity'; collection: string; key: string }
  | { kind: 'inside'; collection: string; key: string; entity: Y.Item; field: string | null; depth: number }
  | { kind: 'missing'; what: string }
  /** Lands in a record an archive move removed (its content is gone): free, and noted for forwarding. */
  | { kind: 'removed'; anchor: Y.ID; field: string | null };

/** A record created by the update, with the plain values of its top-level fields. */
interface NewRecord {
  collection: string;
  key: string;
  fields: Map<string, unknown> | null;
  /** Field name → clock of the write seen, so the latest write of a field wins. */
  clocks: Map<string, number>;
  /**
   * Earlier writes of the same fields. Each must pass too: with writes from several client
   * ids in one update, which one Yjs keeps is not the one with the highest clock.
   */
  superseded: Array<[field: string, value: unknown]>;
}

/** `removed`: the parent is a removed entity, or a neighbour is content of one (archive-forwarding.ts). */
type ParentOf = { top?: string; item: Y.Item | null; parentSub: string | null; removed?: { anchor: Y.ID; field: string | null } } | { missing: string };

const FREE: Placement = { kind: 'free' };

/**
 * Returns the first rule the update breaks in `doc`, or null when it may be applied. `notes`
 * (board only) collects what an accepted update means for archived records: the records it
 * removes in an archive move, and field writes landing in records already removed.
 */
export function checkUpdateRules(doc: Y.Doc, update: Uint8Array, writer: WriterContext, notes?: ArchiveNotes): RuleViolation | null {
  const { structs, ds } = Y.decodeUpdate(update);
  return new UpdateCheck(doc, structs as Struct[], writer, notes ?? null).run(ds);
}

class UpdateCheck {
  readonly #byClient = new Map<number, Struct[]>();
  readonly #placements = new Map<Y.Item, Placement>();
  /** Memo: decoded items in a run (typed text) each find their parent through the one before. */
  readonly #parents = new Map<Y.Item, ParentOf>();
  readonly #records = new Map<Y.Item, NewRecord>();
  /** `collection\0key` of register values this update writes (their old values may be deleted). */
  readonly #registerWrites = new Set<string>();
  /** Existing entities of mutable collections this update changes, with the new top-level field values seen. */
  readonly #changed = new Map<Y.Item, ChangedEntity>();
  /** Entities this update removes as archived (their fields go with them). */
  readonly #removed = new Set<Y.Item>();
  #markerIndex: Map<string, string> | null = null;
  /** Archive month of each job this update removes, from the relay's history (archive-months.ts). */
  #jobMonths: Map<string, string | null> | null = null;

  /** Archive rooms hold copies: authors and times were checked when the originals were written. */
  get #inArchive(): boolean {
    return this.writer.room !== undefined && isArchiveDoc(this.writer.room);
  }

  /** Any generation of the live board (board, board-g2, …) follows the board's rules. */
  get #inBoard(): boolean {
    return this.writer.room !== undefined && isBoardDoc(this.writer.room);
  }

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Struct[],
    private readonly writer: WriterContext,
    private readonly notes: ArchiveNotes | null
  ) {
    for (const struct of structs) {
      const list = this.#byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.#byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.#byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  run(ds: ReturnType<typeof Y.decodeUpdate>['ds']): RuleViolation | null {
    const fresh: Array<[Y.Item, Placement]> = [];
    for (const struct of this.structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (struct.id.clock + struct.length <= Y.getState(this.doc.store, struct.id.client)) continue; // already held
      const place = this.#place(struct);
      if (place.kind === 'missing') return { reason: 'missing-dependency', detail: place.what };
      fresh.push([struct, place]);
    }
    // Entities first: structs come grouped by client id, so another client's write into a new
    // entity can come before the entity itself.
    for (const [item, place] of fresh) {
      const violation = place.kind === 'entity' ? this.#checkNewEntity(item, place) : null;
      if (violation) return violation;
    }
    for (const [item, place] of fresh) {
      const violation = place.kind === 'inside' ? this.#checkInside(item, place) : null;
      if (violation) return violation;
    }
    for (const record of this.#inArchive ? [] : this.#records.values()) {
      const violation = checkNewRecord(record.collection, record.key, record.fields, this.writer);
      if (violation) return violation;
      for (const [field, value] of record.superseded) {
        const variant = new Map(record.fields).set(field, value);
        const other = checkNewRecord(record.collection, record.key, variant, this.writer);
        if (other) return other;
      }
    }
    const deletion = this.#checkDeletions(ds);
    if (deletion) return deletion;
    if (this.notes && this.#inBoard) this.#noteLateWrites(fresh);
    if (this.writer.room === 'finance') return checkFinancePeriods(this.doc, [...this.#changed.values()], [...this.#records.values()]);
    if (this.#inBoard) return checkPayrollLocks(this.doc, [...this.#records.values()]);
    return null;
  }

  /** Notes a change inside an existing entity (closed-period checks read it). */
  #noteChange(place: Extract<Placement, { kind: 'inside' }>, item: Y.Item | null): void {
    if (this.writer.room !== 'finance') return;
    let changed = this.#changed.get(place.entity);
    if (!changed) {
      changed = { collection: place.collection, key: place.key, entity: place.entity, newFields: new Map() };
      this.#changed.set(place.entity, changed);
    }
    if (item && place.depth === 1 && place.field !== null && !(item.content instanceof Y.ContentDeleted)) changed.newFields.set(place.field, plainValue(item.content));
  }

  /** A new value directly under a collection's key: a new entity, or a replacement. */
  #checkNewEntity(item: Y.Item, place: Extract<Placement, { kind: 'entity' }>): RuleViolation | null {
    if (REGISTER_MAPS.has(place.collection)) {
      this.#registerWrites.add(`${place.collection}\0${place.key}`);
      return null;
    }
    const current = (this.doc.share.get(place.collection) as Y.AbstractType<unknown> | undefined)?._map.get(place.key);
    // An archive doc holds copies of records already checked in the live board: two admins
    // archiving at once may both copy one (Yjs keeps one copy; both are the same record).
    if (current && !current.deleted && !this.#inArchive) return { reason: 'replace-entity', detail: `${place.collection}/${place.key} already exists` };
    if (!item.deleted && !(item.content instanceof Y.ContentDeleted)) {
      const isMap = item.content instanceof Y.ContentType && item.content.type instanceof Y.Map;
      this.#records.set(item, { collection: place.collection, key: place.key, fields: isMap ? new Map() : null, clocks: new Map(), superseded: [] });
    }
    return null;
  }

  /** A new item inside an entity: a field of a new record, or a change to an existing entity. */
  #checkInside(item: Y.Item, place: Extract<Placement, { kind: 'inside' }>): RuleViolation | null {
    const record = this.#records.get(place.entity);
    if (!record) {
      // Inside an entity the room already holds: fine, unless its records never change.
      // (A new entity that is not a record here was deleted in this same update: invisible.)
      if (this.#isNew(place.entity)) return null;
      if (isImmutableCollection(place.collection, this.writer.room)) return { reason: 'immutable-record', detail: `${place.collection}/${place.key} cannot change` };
      this.#noteChange(place, item);
      return null;
    }
    if (place.depth === 1 && place.field !== null && record.fields && !(item.content instanceof Y.ContentDeleted)) {
      const value = plainValue(item.content);
      const seen = record.clocks.get(place.field);
      if (seen === undefined || item.id.clock > seen) {
        if (seen !== undefined) record.superseded.push([place.field, record.fields.get(place.field)]);
        record.clocks.set(place.field, item.id.clock);
        record.fields.set(place.field, value);
      } else record.superseded.push([place.field, value]);
    }
    return null;
  }

  /**
   * Deletions in the update: the parts the room holds are checked, the rest must be in the
   * update. Entities first, so a record's fields going with its (archived) record are known
   * to be part of an allowed removal whatever order the delete set lists them in.
   */
  #checkDeletions(ds: ReturnType<typeof Y.decodeUpdate>['ds']): RuleViolation | null {
    const held: Array<[Y.Item, Placement]> = [];
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        const violation = this.#collectDeleted(client, range.clock, range.clock + range.len, held);
        if (violation) return violation;
      }
    }
    const removedJobs = new Set(held.flatMap(([, place]) => (place.kind === 'entity' && place.collection === 'jobs' && this.#inBoard ? [place.key] : [])));
    if (removedJobs.size > 0) this.#jobMonths = relayArchiveMonths(this.doc, removedJobs);
    for (const [struct, place] of held) {
      if (place.kind !== 'entity') continue;
      if (REGISTER_MAPS.has(place.collection) && this.#registerWrites.has(`${place.collection}\0${place.key}`)) continue;
      const violation = this.#archiveRemoval(struct, place);
      if (violation) return violation;
      this.#removed.add(struct);
      this.#noteRemoval(struct, place);
    }
    for (const [, place] of held) {
      if (place.kind !== 'inside') continue;
      if (this.#removed.has(place.entity)) continue; // goes with its archived record
      if (isImmutableCollection(place.collection, this.writer.room)) return { reason: 'immutable-record', detail: `${place.collection}/${place.key} cannot change` };
      this.#noteChange(place, null);
    }
    return null;
  }

  /** Collects the live structs of [from, to) of `client` the room holds, with their placements. */
  #collectDeleted(client: number, from: number, to: number, out: Array<[Y.Item, Placement]>): RuleViolation | null {
    const held = Y.getState(this.doc.store, client);
    if (to > held) {
      const start = Math.max(from, held);
      if (!this.#coveredByUpdate(client, start, to)) return { reason: 'missing-dependency', detail: `deletes unknown items of client ${client}` };
    }
    if (from >= held) return null;
    const structs = this.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const struct = structs[i] as Struct;
      if (struct.id.clock >= Math.min(to, held)) break;
      if (!(struct instanceof Y.Item) || struct.deleted) continue; // already gone: a resend, not a change
      out.push([struct, this.#place(struct)]);
    }
    return null;
  }

  /**
   * The one sanctioned removal of entities (sync README "Archive moves"): a record of a job
   * that an `archiveMoves` marker (held or in this update) names, removed by an archiving
   * role from the live board, and held durably, with equal fields, by the marker's archive
   * month. Null = allowed. Cheap: only entities being removed are compared.
   */
  #archiveRemoval(entity: Y.Item, place: Extract<Placement, { kind: 'entity' }>): RuleViolation | null {
    const refused = (why: string): RuleViolation => ({ reason: 'delete-entity', detail: `${place.collection}/${place.key} cannot be deleted${why}` });
    const link = ARCHIVED_COLLECTIONS[place.collection];
    if (!this.#inBoard || link === undefined) return refused('');
    if (!this.writer.role || !ARCHIVING_ROLES.includes(this.writer.role)) return refused(' (only admins and dispatchers archive)');
    const fields = entity.content instanceof Y.ContentType && entity.content.type instanceof Y.Map ? (entity.content.type as Y.Map<unknown>) : null;
    const jobId = link === 'key' ? place.key : fields?.get('jobId');
    const month = typeof jobId === 'string' ? this.#archiveMonths().get(jobId) : undefined;
    if (month === undefined) return refused(' (no archive move names its job)');
    if (link === 'key') {
      const expected = this.#jobMonths?.get(place.key);
      if (expected === null) return refused(' (the job is not closed)');
      if (expected !== undefined && expected !== month) return refused(` (its archive month is ${expected}, not ${month})`);
    }
    const copy = this.writer.archived?.(month, place.collection, place.key) ?? null;
    if (copy === null) return refused(` (archive-${month} does not hold it yet)`);
    // The record as the relay holds it now: an edit that arrived after the archiver copied
    // would go with the removal. The archiver's next run copies it, then moves the job.
    const live = fields ? (fields.toJSON() as RecordFields) : {};
    if (!sameRecordFields(live, copy)) return { reason: 'delete-entity', detail: `archive-${month} holds an older copy of ${place.collection}/${place.key}` };
    return null;
  }

  /** Job id → archive month from the room's markers and the update's new ones (built once, on the first removal). */
  #archiveMonths(): Map<string, string> {
    if (this.#markerIndex) return this.#markerIndex;
    const index = new Map<string, string>();
    const add = (month: unknown, jobIds: unknown) => {
      if (typeof month !== 'string' || !Array.isArray(jobIds)) return;
      for (const id of jobIds) if (typeof id === 'string' && !index.has(id)) index.set(id, month);
    };
    // A root the relay never asked for by type is a plain AbstractType: read its entries raw.
    const held = this.doc.share.get('archiveMoves') as Y.AbstractType<unknown> | undefined;
    for (const item of held?._map.values() ?? []) {
      const marker = !item.deleted && item.content instanceof Y.ContentType ? item.content.type : null;
      if (marker instanceof Y.Map) add(marker.get('month'), marker.get('jobIds'));
    }
    for (const record of this.#records.values()) if (record.collection === 'archiveMoves' && record.fields) add(record.fields.get('month'), record.fields.get('jobIds'));
    this.#markerIndex = index;
    return index;
  }

  /**
   * Notes an accepted removal of an editable record (jobs, visits; the others never change):
   * the ids of the entity and of every write of its fields, which is what a late edit names
   * once the relay has discarded the content (archive-forwarding.ts).
   */
  #noteRemoval(entity: Y.Item, place: Extract<Placement, { kind: 'entity' }>): void {
    if (!this.notes || isImmutableCollection(place.collection, this.writer.room)) return;
    const link = ARCHIVED_COLLECTIONS[place.collection];
    const map = entity.content instanceof Y.ContentType ? entity.content.type : null;
    const jobId = link === 'key' ? place.key : map instanceof Y.Map ? map.get('jobId') : undefined;
    const month = typeof jobId === 'string' ? this.#archiveMonths().get(jobId) : undefined;
    if (month === undefined) return;
    const items: Array<[client: number, clock: number, length: number, field: string | null]> = [[entity.id.client, entity.id.clock, entity.length, null]];
    for (const [field, latest] of map?._map ?? []) {
      for (let write: Y.Item | null = latest; write !== null; write = write.left) items.push([write.id.client, write.id.clock, write.length, field]);
    }
    this.notes.removed.push({ month, collection: place.collection, key: place.key, items });
  }

  /** Notes the plain field values this update writes into records an archive move removed. */
  #noteLateWrites(fresh: ReadonlyArray<[Y.Item, Placement]>): void {
    for (const [item, place] of fresh) {
      if (place.kind !== 'removed' || item.deleted) continue;
      const value = plainValue(item.content);
      if (value === undefined) continue;
      this.notes?.lateWrites.push({ id: item.id, anchor: place.anchor, field: place.field, value });
    }
  }

  #coveredByUpdate(client: number, from: number, to: number): boolean {
    let next = from;
    while (next < to) {
      const struct = this.#updateStruct(client, next);
      if (!struct || struct instanceof Y.Skip) return false;
      next = struct.id.clock + struct.length;
    }
    return true;
  }

  #isNew(item: Y.Item): boolean {
    return !(item.parent instanceof Y.AbstractType);
  }

  /** Where `item` (held by the room or decoded from the update) sits; memoised. */
  #place(item: Y.Item): Placement {
    const known = this.#placements.get(item);
    if (known) return known;
    const place = this.#placeUncached(item);
    this.#placements.set(item, place);
    return place;
  }

  #placeUncached(item: Y.Item): Placement {
    const parent = this.#parentOf(item);
    if ('missing' in parent) return { kind: 'missing', what: parent.missing };
    if (parent.removed) return { kind: 'removed', ...parent.removed };
    if (parent.top !== undefined) return parent.parentSub === null ? FREE : { kind: 'entity', collection: parent.top, key: parent.parentSub };
    if (parent.item === null) return FREE;
    const outer = this.#place(parent.item);
    const field = parent.parentSub;
    switch (outer.kind) {
      case 'missing':
      case 'free':
        return outer;
      case 'removed':
        return FREE; // nested content of a removed record: entity fields are plain values
      case 'entity':
        return { kind: 'inside', collection: outer.collection, key: outer.key, entity: parent.item, field, depth: 1 };
      case 'inside':
        return { ...outer, depth: outer.depth + 1 };
    }
  }

  /**
   * The type `item` belongs to: a top-level name, the item holding a nested type (null when
   * that is gone: deleted content, which Yjs discards), or what is missing to tell. Also the
   * map key it is stored under (decoded items inherit it from their origin).
   */
  #parentOf(item: Y.Item): ParentOf {
    const known = this.#parents.get(item);
    if (known) return known;
    const parentOf = this.#parentOfUncached(item);
    this.#parents.set(item, parentOf);
    return parentOf;
  }

  #parentOfUncached(item: Y.Item): ParentOf {
    const parent = item.parent as Y.AbstractType<unknown> | Y.ID | string | null;
    if (parent instanceof Y.AbstractType) {
      if (parent._item === null) return { top: Y.findRootTypeKey(parent), item: null, parentSub: item.parentSub };
      return { item: parent._item, parentSub: item.parentSub };
    }
    if (typeof parent === 'string') return { top: parent, item: null, parentSub: item.parentSub };
    if (parent instanceof Y.ID) {
      const holder = this.#find(parent);
      if (holder === undefined) return { missing: `parent ${parent.client}:${parent.clock}` };
      const isType = holder instanceof Y.Item && holder.content instanceof Y.ContentType;
      // A deleted type's content is discarded (gc): a write into it is dropped by Yjs.
      if (!isType && holder instanceof Y.Item && holder.deleted) return { item: null, parentSub: item.parentSub, removed: { anchor: parent, field: item.parentSub } };
      return { item: isType ? holder : null, parentSub: item.parentSub };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    if (neighbour === null) return { item: null, parentSub: null }; // malformed; Yjs fails on it too
    const found = this.#find(neighbour);
    if (found === undefined) return { missing: `origin ${neighbour.client}:${neighbour.clock}` };
    // A neighbour garbage-collected with its deleted parent: the write lands in removed content.
    if (!(found instanceof Y.Item)) return { item: null, parentSub: null, removed: { anchor: neighbour, field: null } };
    return this.#parentOf(found);
  }

  /** The struct holding `id` in the room's doc or in the update; undefined when neither has it. */
  #find(id: Y.ID): Struct | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const structs = this.doc.store.clients.get(id.client) as Struct[];
      return structs[Y.findIndexSS(structs, id.clock)];
    }
    const struct = this.#updateStruct(id.client, id.clock);
    return struct instanceof Y.Skip ? undefined : struct;
  }

  /** Binary search of the update's structs of `client` for `clock` (they are sorted, not always contiguous). */
  #updateStruct(client: number, clock: number): Struct | undefined {
    const structs = this.#byClient.get(client);
    if (!structs) return undefined;
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const struct = structs[mid] as Struct;
      if (clock < struct.id.clock) high = mid - 1;
      else if (clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

/** The JSON value a decoded field write carries; `undefined` for nested types and deleted content. */
function plainValue(content: Y.Item['content']): unknown {
  if (content instanceof Y.ContentAny) return content.arr[0];
  if (content instanceof Y.ContentString) return content.str;
  return undefined;
}
