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
import { checkFinancePeriods, type ChangedEntity } from './period-guard';
import { checkPayrollLocks } from './payroll-guard';

type Struct = Y.Item | Y.GC | Y.Skip;

/** Where an item sits, relative to the room's collections. */
type Placement =
  | { kind: 'free' }
  | { kind: 'entity'; collection: string; key: string }
  | { kind: 'inside'; collection: string; key: string; entity: Y.Item; field: string | null; depth: number }
  | { kind: 'missing'; what: string };

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

type ParentOf = { top?: string; item: Y.Item | null; parentSub: string | null } | { missing: string };

const FREE: Placement = { kind: 'free' };

/** Returns the first rule the update breaks in `doc`, or null when it may be applied. */
export function checkUpdateRules(doc: Y.Doc, update: Uint8Array, writer: WriterContext): RuleViolation | null {
  const { structs, ds } = Y.decodeUpdate(update);
  return new UpdateCheck(doc, structs as Struct[], writer).run(ds);
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

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: Struct[],
    private readonly writer: WriterContext
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
    for (const record of this.#records.values()) {
      const violation = checkNewRecord(record.collection, record.key, record.fields, this.writer);
      if (violation) return violation;
      for (const [field, value] of record.superseded) {
        const variant = new Map(record.fields).set(field, value);
        const other = checkNewRecord(record.collection, record.key, variant, this.writer);
        if (other) return other;
      }
    }
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        const violation = this.#checkDeleted(client, range.clock, range.clock + range.len);
        if (violation) return violation;
      }
    }
    if (this.writer.room === 'finance') return checkFinancePeriods(this.doc, [...this.#changed.values()], [...this.#records.values()]);
    if (this.writer.room === 'board') return checkPayrollLocks(this.doc, [...this.#records.values()]);
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
    if (current && !current.deleted) return { reason: 'replace-entity', detail: `${place.collection}/${place.key} already exists` };
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

  /** Deletions of [from, to) of `client`: the part the room holds is checked, the rest must be in the update. */
  #checkDeleted(client: number, from: number, to: number): RuleViolation | null {
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
      const place = this.#place(struct);
      if (place.kind === 'entity') {
        if (REGISTER_MAPS.has(place.collection) && this.#registerWrites.has(`${place.collection}\0${place.key}`)) continue;
        return { reason: 'delete-entity', detail: `${place.collection}/${place.key} cannot be deleted` };
      }
      if (place.kind === 'inside' && isImmutableCollection(place.collection, this.writer.room)) {
        return { reason: 'immutable-record', detail: `${place.collection}/${place.key} cannot change` };
      }
      if (place.kind === 'inside') this.#noteChange(place, null);
    }
    return null;
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
    if (parent.top !== undefined) return parent.parentSub === null ? FREE : { kind: 'entity', collection: parent.top, key: parent.parentSub };
    if (parent.item === null) return FREE;
    const outer = this.#place(parent.item);
    const field = parent.parentSub;
    switch (outer.kind) {
      case 'missing':
      case 'free':
        return outer;
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
      return { item: isType ? holder : null, parentSub: item.parentSub };
    }
    const neighbour = item.origin ?? item.rightOrigin;
    if (neighbour === null) return { item: null, parentSub: null }; // malformed; Yjs fails on it too
    const found = this.#find(neighbour);
    if (found === undefined) return { missing: `origin ${neighbour.client}:${neighbour.clock}` };
    if (!(found instanceof Y.Item)) return { item: null, parentSub: null };
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
