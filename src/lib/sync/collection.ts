/**
 * A typed collection over one top-level Y.Map of entity Y.Maps (DESIGN §3).
 *
 * Reads are validated (peers can be old or buggy): a record that fails its schema is reported
 * through `invalid()`, never thrown at the UI. If it parsed before in this session, `get()` and
 * `list()` keep serving that last readable version (the "last readable state" rule of the sync
 * README: an edit whose dependency has not arrived yet, or a peer's bad field, must not make a
 * card vanish); a record never readable is left out. Writes set only the keys they change, so
 * fields added by newer clients survive edits from older ones. Parsed records are cached per
 * id and dropped when that entity changes.
 *
 * Set fields (the "flag set" rule): a set of ids that several people change concurrently is
 * stored as one flat key per member on the entity, `<field>:<member>` → true (in) / false
 * (removed), never deleted. Each key merges on its own (last writer wins per member), so
 * concurrent adds of different members all survive and a removal removes. Flat keys rather
 * than a nested Y.Map: two offline replicas that both create the nested map on one entity
 * would keep only one of the two maps and lose the other's members. Readers see the members
 * folded into one `field: { member: boolean }` object before validation.
 *
 * Keyed fields (the "keyed map" rule) are the same layout with any value per member
 * (`requiredParts:<partId>` → quantity): one last-writer-wins value per member, folded into
 * `field: { member: value }`; the schema decides what a removed member looks like (e.g. 0).
 */
import * as Y from 'yjs';
import type { z } from 'zod';

export interface InvalidRecord {
  id: string;
  message: string;
}

type Entity = Y.Map<unknown>;

/** Separates a set field's name from the member id in its flat entity keys. */
export const SET_KEY_SEPARATOR = ':';

export interface CollectionOptions {
  /** Fields stored as flag sets (see the file comment). */
  setFields?: readonly string[];
  /** Fields stored as keyed maps: like flag sets, with any value per member (see the file comment). */
  keyedFields?: readonly string[];
}

export class Collection<T extends { id: string }> {
  readonly #map: Y.Map<Entity>;
  readonly #schema: z.ZodType<T>;
  readonly #cache = new Map<string, T | null>();
  readonly #invalid = new Map<string, string>();
  /** The last version of each record that validated, served while it is unreadable. */
  readonly #lastGood = new Map<string, T>();
  readonly #setFields: readonly string[];
  readonly #keyedFields: readonly string[];

  constructor(map: Y.Map<Entity>, schema: z.ZodType<T>, options: CollectionOptions = {}) {
    this.#map = map;
    this.#schema = schema;
    this.#keyedFields = options.keyedFields ?? [];
    this.#setFields = [...(options.setFields ?? []), ...this.#keyedFields];
    map.observeDeep((events) => {
      for (const event of events) {
        if (event.target === map) {
          for (const key of event.keys.keys()) this.#forget(key);
        } else {
          const id = event.path[0];
          if (typeof id === 'string') this.#forget(id);
        }
      }
    });
  }

  get size(): number {
    return this.#map.size;
  }

  has(id: string): boolean {
    return this.#map.has(id);
  }

  get(id: string): T | undefined {
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached ?? this.#lastGood.get(id);
    const entity = this.#map.get(id);
    if (!(entity instanceof Y.Map)) {
      if (entity !== undefined) this.#reject(id, 'entity is not a map');
      return entity === undefined ? undefined : this.#lastGood.get(id);
    }
    const parsed = this.#schema.safeParse({ ...foldSets(entity.toJSON(), this.#setFields, this.#keyedFields), id });
    if (!parsed.success) {
      this.#reject(id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return this.#lastGood.get(id);
    }
    this.#invalid.delete(id);
    this.#cache.set(id, parsed.data);
    this.#lastGood.set(id, parsed.data);
    return parsed.data;
  }

  /**
   * The raw value of `field` on every entity, readable or not (numbering must count numbers
   * held by records that fail validation too). Non-map entities are skipped.
   */
  rawValues(field: string): unknown[] {
    const out: unknown[] = [];
    for (const entity of this.#map.values()) if (entity instanceof Y.Map && entity.has(field)) out.push(entity.get(field));
    return out;
  }

  /**
   * Adds (true) and removes (false) members of a set field on an existing entity, writing only
   * the members whose flag changes. Run inside a transaction.
   */
  setMembers(id: string, field: string, changes: Readonly<Record<string, boolean>>): void {
    this.setEntries(id, field, changes);
  }

  /**
   * Sets members of a set or keyed field on an existing entity, writing only the members whose
   * value changes (compared as JSON). Run inside a transaction.
   */
  setEntries(id: string, field: string, changes: Readonly<Record<string, unknown>>): void {
    const entity = this.#map.get(id);
    if (!(entity instanceof Y.Map)) throw new Error(`no entity ${id}`);
    this.#assertSetField(field);
    for (const [member, present] of Object.entries(changes)) {
      const key = `${field}${SET_KEY_SEPARATOR}${member}`;
      if (!sameValue(entity.get(key), present)) entity.set(key, present);
    }
    // Observers clear the cache only when the transaction ends: reads later in it must see this write.
    this.#forget(id);
  }

  /** Whether the entity holds any member key of the set field (present or removed). */
  hasSet(id: string, field: string): boolean {
    const entity = this.#map.get(id);
    if (!(entity instanceof Y.Map)) return false;
    const prefix = `${field}${SET_KEY_SEPARATOR}`;
    for (const key of entity.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  list(): T[] {
    const out: T[] = [];
    for (const id of this.#map.keys()) {
      const value = this.get(id);
      if (value) out.push(value);
    }
    return out;
  }

  /** Records that failed validation on their last read. */
  invalid(): InvalidRecord[] {
    return [...this.#invalid].map(([id, message]) => ({ id, message }));
  }

  /** Adds a new entity; the caller validates and runs this inside a transaction. */
  insert(value: T): void {
    if (this.#map.has(value.id)) throw new Error(`duplicate id ${value.id}`);
    const entity = new Y.Map<unknown>();
    for (const [key, field] of Object.entries(value)) {
      if (key === 'id' || field === undefined) continue;
      if (this.#setFields.includes(key)) {
        for (const [member, present] of Object.entries(field as unknown as Record<string, unknown>)) entity.set(`${key}${SET_KEY_SEPARATOR}${member}`, present);
      } else entity.set(key, field);
    }
    this.#map.set(value.id, entity);
  }

  /** Sets the given fields of an existing entity, skipping those already equal. */
  patch(id: string, fields: Partial<Omit<T, 'id'>>): void {
    const entity = this.#map.get(id);
    if (!(entity instanceof Y.Map)) throw new Error(`no entity ${id}`);
    for (const [key, field] of Object.entries(fields)) {
      if (field === undefined || key === 'id') continue;
      if (this.#setFields.includes(key)) throw new Error(`${key} is a set field: use setMembers`);
      if (!sameValue(entity.get(key), field)) entity.set(key, field);
    }
    this.#forget(id);
  }

  /** Calls back with the ids of entities that changed in a transaction. */
  observe(callback: (changedIds: Set<string>, origin: unknown) => void): () => void {
    const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction) => {
      const ids = new Set<string>();
      for (const event of events) {
        if (event.target === this.#map) for (const key of event.keys.keys()) ids.add(key);
        else if (typeof event.path[0] === 'string') ids.add(event.path[0]);
      }
      if (ids.size) callback(ids, txn.origin);
    };
    this.#map.observeDeep(handler);
    return () => this.#map.unobserveDeep(handler);
  }

  #assertSetField(field: string): void {
    if (!this.#setFields.includes(field)) throw new Error(`${field} is not a set field of this collection`);
  }

  #forget(id: string): void {
    this.#cache.delete(id);
  }

  #reject(id: string, message: string): void {
    this.#invalid.set(id, message);
    this.#cache.set(id, null);
  }
}

/** Folds flat `<field>:<member>` keys into `field: { member: value }` (set fields keep boolean values only). */
function foldSets(json: Record<string, unknown>, setFields: readonly string[], keyedFields: readonly string[]): Record<string, unknown> {
  if (!setFields.length) return json;
  const out: Record<string, unknown> = {};
  const sets: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(json)) {
    const cut = key.indexOf(SET_KEY_SEPARATOR);
    const field = cut > 0 ? key.slice(0, cut) : null;
    if (field !== null && setFields.includes(field)) {
      if (typeof value === 'boolean' || keyedFields.includes(field)) (sets[field] ??= {})[key.slice(cut + 1)] = value;
    } else out[key] = value;
  }
  return { ...out, ...sets };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
