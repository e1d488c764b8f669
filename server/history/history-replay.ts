/**
 * Rebuilding a room's past from its history (SQLite or Postgres: storage/history-types.ts): the state at a
 * point, and every entry- and field-level change after it with the user the relay stored
 * each row as written by.
 *
 * A replay applies rows one at a time to a scratch doc and diffs only the entries each row
 * touched (from the transaction's changed types) against a plain mirror, so its cost grows
 * with the rows replayed, not with rows × room size.
 */
import * as Y from 'yjs';
import { diffEntry, type DocState, type EntryChange } from '../../src/lib/domain/history/doc-state';
import type { HistorySource } from '../storage/history-types';
import { docState, entryOf } from './yjs-state';

/** A Yjs type as transactions report it (`Transaction.changed` keys). */
type SharedType = Parameters<Y.Transaction['changed']['get']>[0];

export interface Replay {
  /** The room at `fromSeq`. */
  then: DocState;
  /** Every change after `fromSeq` up to `untilSeq`, in order. */
  changes: EntryChange[];
}

/** The room as it was once row `seq` was stored (a fresh doc; the caller destroys it). */
export async function docAt(store: HistorySource, roomId: string, seq: number): Promise<Y.Doc> {
  const { snapshot, rows } = await store.rebuild(roomId, seq);
  const doc = new Y.Doc();
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const row of rows) Y.applyUpdate(doc, row.data);
  });
  return doc;
}

/** The state at `fromSeq` and the attributed changes of every row after it up to `untilSeq`. */
export async function replay(store: HistorySource, roomId: string, fromSeq: number, untilSeq: number): Promise<Replay> {
  const { snapshot, rows } = await store.rebuild(roomId, fromSeq, untilSeq);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const row of rows) if (row.seq <= fromSeq) Y.applyUpdate(doc, row.data);
    });
    const then = docState(doc);
    const mirror: DocState = structuredClone(then);
    const changes: EntryChange[] = [];
    let touched = new Map<string, Set<string>>();
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) collectTouched(doc, type, keys, touched);
    });
    for (const row of rows) {
      if (row.seq <= fromSeq) continue;
      touched = new Map();
      Y.applyUpdate(doc, row.data);
      for (const [collection, ids] of touched) {
        const entries = (mirror[collection] ??= {});
        for (const id of ids) {
          const after = entryOf(doc, collection, id);
          for (const change of diffEntry(collection, id, entries[id], after)) changes.push({ ...change, seq: row.seq, userId: row.author });
          if (after === undefined) delete entries[id];
          else entries[id] = after;
        }
      }
    }
    return { then, changes };
  } finally {
    doc.destroy();
  }
}

/** Maps a changed type to the top-level collection and entry key it lies under. */
function collectTouched(doc: Y.Doc, type: SharedType, keys: Set<string | null>, into: Map<string, Set<string>>): void {
  let entry: SharedType = type;
  let parent = entry._item?.parent;
  // Walk up to the child of a top-level type: that child's key is the entry.
  while (parent instanceof Y.AbstractType && parent._item) {
    entry = parent;
    parent = entry._item?.parent;
  }
  if (!entry._item) {
    // A top-level map itself changed: its changed keys are entries.
    const name = topLevelName(doc, entry);
    if (name === null) return;
    for (const key of keys) if (key !== null) add(into, name, key);
    return;
  }
  const name = parent instanceof Y.AbstractType ? topLevelName(doc, parent) : null;
  const key = entry._item.parentSub;
  if (name !== null && key !== null) add(into, name, key);
}

function topLevelName(doc: Y.Doc, type: SharedType): string | null {
  for (const [name, shared] of doc.share) if (shared === type) return name;
  return null;
}

function add(into: Map<string, Set<string>>, collection: string, id: string): void {
  const ids = into.get(collection);
  if (ids) ids.add(id);
  else into.set(collection, new Set([id]));
}
