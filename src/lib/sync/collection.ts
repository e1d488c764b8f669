/**
 * A typed collection over one top-level Y.Map of entity Y.Maps (DESIGN §3).
 *
 * Reads are validated (peers can be old or buggy): a record that fails its schema is left out
 * of `list()` and reported through `invalid()`, never thrown at the UI. Writes set only the
 * keys they change, so fields added by newer clients survive edits from older ones.
 * Parsed records are cached per id and dropped when that entity changes.
 */
import * as Y from 'yjs';
import type { z } from 'zod';

export interface InvalidRecord {
  id: string;
  message: string;
}

type Entity = Y.Map<unknown>;

export class Collection<T extends { id: string }> {
  readonly #map: Y.Map<Entity>;
  readonly #schema: z.ZodType<T>;
  readonly #cache = new Map<string, T | null>();
  readonly #invalid = new Map<string, string>();

  constructor(map: Y.Map<Entity>, schema: z.ZodType<T>) {
    this.#map = map;
    this.#schema = schema;
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
    if (cached !== undefined) return cached ?? undefined;
    const entity = this.#map.get(id);
    if (!(entity instanceof Y.Map)) {
      if (entity !== undefined) this.#reject(id, 'entity is not a map');
      return undefined;
    }
    const parsed = this.#schema.safeParse({ ...entity.toJSON(), id });
    if (!parsed.success) {
      this.#reject(id, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return undefined;
    }
    this.#invalid.delete(id);
    this.#cache.set(id, parsed.data);
    return parsed.data;
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
      if (key !== 'id' && field !== undefined) entity.set(key, field);
    }
    this.#map.set(value.id, entity);
  }

  /** Sets the given fields of an existing entity, skipping those already equal. */
  patch(id: string, fields: Partial<Omit<T, 'id'>>): void {
    const entity = this.#map.get(id);
    if (!(entity instanceof Y.Map)) throw new Error(`no entity ${id}`);
    for (const [key, field] of Object.entries(fields)) {
      if (field === undefined || key === 'id') continue;
      if (!sameValue(entity.get(key), field)) entity.set(key, field);
    }
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

  #forget(id: string): void {
    this.#cache.delete(id);
  }

  #reject(id: string, message: string): void {
    this.#invalid.set(id, message);
    this.#cache.set(id, null);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
