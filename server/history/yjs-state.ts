/**
 * Between Yjs docs and the plain `DocState` the history logic compares
 * (src/lib/domain/history/doc-state.ts): reading a doc's entries, and writing a restore or
 * undo plan back as one change.
 */
import * as Y from 'yjs';
import type { DocState, Entry } from '../../src/lib/domain/history/doc-state';
import type { PlanOp } from '../../src/lib/domain/history/restore-plan';

/** Names of the doc's top-level maps. A top-level list (not a Fieldboard shape) is left out. */
export function mapNames(doc: Y.Doc): string[] {
  const names: string[] = [];
  for (const [name, type] of doc.share) if (type._map.size > 0 || type._start === null) names.push(name);
  return names;
}

/** One entry as plain data; undefined when the key is absent (or removed). */
export function entryOf(doc: Y.Doc, collection: string, id: string): Entry | undefined {
  if (!doc.share.has(collection)) return undefined;
  const value: unknown = doc.getMap(collection).get(id);
  if (value === undefined) return undefined;
  if (value instanceof Y.Map) return { kind: 'map', fields: value.toJSON() as Record<string, unknown> };
  if (value instanceof Y.AbstractType) return { kind: 'value', value: value.toJSON() as unknown };
  return { kind: 'value', value };
}

/** Every entry of every top-level map. */
export function docState(doc: Y.Doc): DocState {
  const state: DocState = {};
  for (const name of mapNames(doc)) {
    const entries: Record<string, Entry> = {};
    for (const id of doc.getMap(name).keys()) {
      const entry = entryOf(doc, name, id);
      if (entry) entries[id] = entry;
    }
    state[name] = entries;
  }
  return state;
}

/**
 * Writes the plan into `doc` (the caller wraps it in one transaction). A re-created entity
 * is a new `Y.Map` under its old key, so its fields are plain values as the doc rules say;
 * a reset on an entry that is not a map any more is skipped (nothing safe to write into).
 * Returns how many entries were re-created and fields reset.
 */
export function applyPlan(doc: Y.Doc, ops: readonly PlanOp[]): { recreated: number; reset: number } {
  let recreated = 0;
  let reset = 0;
  for (const op of ops) {
    const collection = doc.getMap(op.collection);
    if (op.kind === 'recreate') {
      collection.set(op.id, op.entry.kind === 'map' ? new Y.Map(Object.entries(op.entry.fields)) : op.entry.value);
      recreated++;
      continue;
    }
    const entity: unknown = collection.get(op.id);
    if (!(entity instanceof Y.Map)) continue;
    entity.set(op.field, op.value);
    reset++;
  }
  return { recreated, reset };
}
