/**
 * Board generations (README "Board generations"): a new generation of the live board holds
 * the live records only, so the tombstones archiving leaves behind (one per removed entity,
 * forever, inside one Yjs doc) are gone. The relay builds it (`compactBoard`) and then keeps
 * translating what peers still write into the old generation into the newest one
 * (`captureBoardChanges` at the old doc's transaction, `applyBoardChanges` into the new).
 *
 * Both work on plain values: the new doc shares no Yjs item with the old one, which is the
 * point (no history, no tombstones), and why a client switches rooms instead of syncing.
 */
import * as Y from 'yjs';
import { ARCHIVED_COLLECTIONS } from '../domain/archive/archive-move';
import { META } from './migrations';

/** `meta` keys that describe one generation and are never carried into another. */
export const GENERATION_META_KEYS: ReadonlySet<string> = new Set(['successor', 'generation']);

/** One change to carry into the newest generation, in plain values. */
export type BoardChange =
  | { kind: 'removed'; collection: string; key: string }
  | { kind: 'value'; collection: string; key: string; value: unknown }
  /** `changed`: the fields to write when the entity exists there; `fields`: all of it, for when it does not. */
  | { kind: 'entity'; collection: string; key: string; changed: Record<string, unknown>; fields: Record<string, unknown>; deleted: string[] };

/** A Yjs value as plain JSON (nested types become objects, arrays, strings). */
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}

/** The live value of a map item, or undefined when the key is absent or deleted. */
function liveValue(item: Y.Item | undefined): unknown {
  if (!item || item.deleted) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/** Every top-level map of the doc with its live entries (roots the relay never typed are read raw). */
function topLevelMaps(doc: Y.Doc): Array<[string, Array<[string, unknown]>]> {
  const out: Array<[string, Array<[string, unknown]>]> = [];
  for (const [name, type] of doc.share) {
    if (type._start !== null) continue; // a sequence (text, array) root: the board has none
    const entries: Array<[string, unknown]> = [];
    for (const [key, item] of type._map) {
      const value = liveValue(item);
      if (value !== undefined) entries.push([key, value]);
    }
    out.push([name, entries]);
  }
  return out;
}

function entityFields(entity: Y.Map<unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [field, value] of entity.entries()) fields[field] = plain(value);
  return fields;
}

function newEntity(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(fields));
}

/**
 * The next generation of a board: a fresh doc holding every live entity of every top-level
 * map, field by field as plain values, and `meta` with `generation` = `generation` (any
 * `successor` of the old one left out). Removed entities are simply absent: no tombstones.
 */
export function compactBoard(old: Y.Doc, generation: number): Y.Doc {
  const fresh = new Y.Doc();
  fresh.transact(() => {
    for (const [name, entries] of topLevelMaps(old)) {
      const map = fresh.getMap<unknown>(name);
      for (const [key, value] of entries) {
        if (name === META && GENERATION_META_KEYS.has(key)) continue;
        map.set(key, value instanceof Y.Map ? newEntity(entityFields(value as Y.Map<unknown>)) : plain(value));
      }
    }
    fresh.getMap<unknown>(META).set('generation', generation);
  });
  return fresh;
}

/** Where a changed type sits: a root map, or an entity (with the field of it the change is under). */
function locate(type: Y.AbstractType<unknown>): { root: string } | { collection: string; key: string; entity: Y.Map<unknown>; field: string | null } | null {
  let child: Y.AbstractType<unknown> = type;
  let field: string | null = null;
  for (;;) {
    const item = child._item;
    if (item === null) {
      const name = [...(child.doc?.share ?? [])].find(([, root]) => root === child)?.[0];
      return name === undefined ? { root: '' } : { root: name };
    }
    const parent = item.parent as Y.AbstractType<unknown>;
    if (parent._item === null) {
      const collection = [...(parent.doc?.share ?? [])].find(([, root]) => root === parent)?.[0];
      if (collection === undefined || item.parentSub === null || !(child instanceof Y.Map) || item.deleted) return null;
      return { collection, key: item.parentSub, entity: child as Y.Map<unknown>, field };
    }
    field = item.parentSub;
    child = parent;
  }
}

/**
 * What a transaction of an old generation changed, read at once (later transactions may change
 * it again): entities created or replaced whole, fields written (the field's current value; a
 * change nested in a field copies the whole field), entities removed, register values. The
 * generation's own `meta` keys are left out.
 */
export function captureBoardChanges(transaction: Y.Transaction): BoardChange[] {
  const whole = new Map<string, BoardChange>();
  const entities = new Map<string, { collection: string; key: string; entity: Y.Map<unknown>; changed: Set<string> }>();
  for (const [type, keys] of transaction.changed) {
    const place = locate(type as Y.AbstractType<unknown>);
    if (!place) continue;
    if ('root' in place) {
      if (place.root === '' || type._start !== null) continue;
      for (const key of keys) {
        if (key === null || (place.root === META && GENERATION_META_KEYS.has(key))) continue;
        const value = liveValue(type._map.get(key));
        const id = `${place.root}\u0000${key}`;
        if (value === undefined) whole.set(id, { kind: 'removed', collection: place.root, key });
        else if (value instanceof Y.Map) {
          const fields = entityFields(value as Y.Map<unknown>);
          whole.set(id, { kind: 'entity', collection: place.root, key, changed: fields, fields, deleted: [] });
        } else whole.set(id, { kind: 'value', collection: place.root, key, value: plain(value) });
      }
      continue;
    }
    const id = `${place.collection}\u0000${place.key}`;
    const entry = entities.get(id) ?? { collection: place.collection, key: place.key, entity: place.entity, changed: new Set<string>() };
    entities.set(id, entry);
    if (place.field !== null) entry.changed.add(place.field);
    else for (const key of keys) if (key !== null) entry.changed.add(key);
  }
  const changes = [...whole.values()];
  for (const [id, { collection, key, entity, changed }] of entities) {
    if (whole.has(id)) continue; // created or replaced whole in this transaction: already complete
    const fields = entityFields(entity);
    const written: Record<string, unknown> = {};
    const deleted: string[] = [];
    for (const field of changed) {
      if (field in fields) written[field] = fields[field];
      else deleted.push(field);
    }
    changes.push({ kind: 'entity', collection, key, changed: written, fields, deleted });
  }
  return changes;
}

/** Job ids the doc's archive markers name (a removed job stays archived, never resurrected). */
function archivedJobs(doc: Y.Doc): Set<string> {
  const jobs = new Set<string>();
  for (const marker of doc.getMap<unknown>('archiveMoves').values()) {
    const ids = marker instanceof Y.Map ? marker.get('jobIds') : undefined;
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') jobs.add(id);
  }
  return jobs;
}

/** The job a record belongs to, for the collections archiving moves; null for others. */
function jobOf(collection: string, key: string, fields: Record<string, unknown>): string | null {
  const link = ARCHIVED_COLLECTIONS[collection];
  if (link === 'key') return key;
  if (link === 'jobId' && typeof fields.jobId === 'string') return fields.jobId;
  return null;
}

/**
 * Writes captured changes into `target` (the newest generation) in one transaction. A changed
 * entity the target lacks is written whole, unless the target archived its job meanwhile
 * (moved out of the live board: it stays out). Returns how many changes were written.
 */
export function applyBoardChanges(target: Y.Doc, changes: readonly BoardChange[], origin: unknown): number {
  let written = 0;
  target.transact(() => {
    let archived: Set<string> | null = null;
    for (const change of changes) {
      const map = target.getMap<unknown>(change.collection);
      if (change.kind === 'removed') {
        if (map.has(change.key)) map.delete(change.key);
      } else if (change.kind === 'value') {
        map.set(change.key, change.value);
      } else {
        const existing = map.get(change.key);
        if (existing instanceof Y.Map) {
          for (const [field, value] of Object.entries(change.changed)) existing.set(field, value);
          for (const field of change.deleted) existing.delete(field);
        } else {
          archived ??= archivedJobs(target);
          const job = jobOf(change.collection, change.key, change.fields);
          if (job !== null && archived.has(job)) continue;
          map.set(change.key, newEntity(change.fields));
        }
      }
      written++;
    }
  }, origin);
  return written;
}
