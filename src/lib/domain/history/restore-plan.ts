/**
 * What a restore or an undo writes (src/lib/sync/README.md "Restore and undo"). Both only
 * bring content back — re-create removed entries, set fields back — and never remove
 * anything: records and fields created after the point are kept and counted. The relay
 * applies the plan as one new update, so every replica, offline ones included, converges.
 */
import { sameJson, UNRESTORED_COLLECTIONS, type DocState, type Entry, type EntryChange } from './doc-state';

export type PlanOp =
  | { kind: 'recreate'; collection: string; id: string; entry: Entry }
  | { kind: 'reset'; collection: string; id: string; field: string; value: unknown };

export interface Conflict {
  collection: string;
  id: string;
  field: string;
  keptBy: string | null;
}

export interface RestorePlan {
  ops: PlanOp[];
  /** Entries that exist now but not at the point (kept). */
  keptNew: number;
  conflicts: Conflict[];
}

/** Brings `now` back to `then`: re-creates what was removed, resets fields that differ. */
export function planRestore(then: DocState, now: DocState): RestorePlan {
  const ops: PlanOp[] = [];
  let keptNew = 0;
  for (const [collection, entries] of Object.entries(then)) {
    if (UNRESTORED_COLLECTIONS.has(collection)) continue;
    const current = now[collection] ?? {};
    for (const [id, entry] of Object.entries(entries)) {
      const present = current[id];
      if (present === undefined || present.kind !== entry.kind) {
        ops.push({ kind: 'recreate', collection, id, entry });
      } else if (entry.kind === 'map' && present.kind === 'map') {
        for (const [field, value] of Object.entries(entry.fields)) {
          if (!sameJson(present.fields[field], value)) ops.push({ kind: 'reset', collection, id, field, value });
        }
      } else if (entry.kind === 'value' && present.kind === 'value' && !sameJson(entry.value, present.value)) {
        ops.push({ kind: 'recreate', collection, id, entry });
      }
    }
  }
  for (const [collection, entries] of Object.entries(now)) {
    if (UNRESTORED_COLLECTIONS.has(collection)) continue;
    for (const id of Object.keys(entries)) if (then[collection]?.[id] === undefined) keptNew++;
  }
  return { ops, keptNew, conflicts: [] };
}

/**
 * Reverts what `userId` changed in `changes` (every change after the point, in order),
 * leaving everyone else's alone. Per entry and per field: if the last change is the user's,
 * it goes back to its value before the user's latest run of changes; if someone changed it
 * after the user, theirs is kept and reported as a conflict. What the user created (an
 * entry or a field that did not exist before) is kept and counted in `keptNew`.
 */
export function planUndo(changes: readonly EntryChange[], userId: string, now: DocState): RestorePlan {
  const byKey = new Map<string, EntryChange[]>();
  for (const change of changes) {
    if (UNRESTORED_COLLECTIONS.has(change.collection)) continue;
    const key = JSON.stringify([change.collection, change.id, change.field]);
    const list = byKey.get(key);
    if (list) list.push(change);
    else byKey.set(key, [change]);
  }
  const recreates: PlanOp[] = [];
  const resets: PlanOp[] = [];
  const conflicts: Conflict[] = [];
  let keptNew = 0;
  // Whole entries first, so a reset can tell that its entity is being re-created.
  const lists = [...byKey.values()];
  const ordered = [...lists.filter((l) => l[0]?.field === null), ...lists.filter((l) => l[0]?.field !== null)];
  for (const list of ordered) {
    const outcome = undoOutcome(list, userId);
    if (outcome === null) continue;
    const { collection, id, field } = list[0] as EntryChange;
    if ('keptBy' in outcome) {
      conflicts.push({ collection, id, field: field ?? '', keptBy: outcome.keptBy });
    } else if (outcome.before === undefined) {
      if (field === null) keptNew++; // a field the user added is kept too, uncounted
    } else if (field === null) {
      const entry = outcome.before as Entry;
      if (!sameEntry(now[collection]?.[id], entry)) recreates.push({ kind: 'recreate', collection, id, entry });
    } else {
      const present = now[collection]?.[id];
      const recreated = recreates.some((op) => op.collection === collection && op.id === id);
      if (recreated || (present?.kind === 'map' && !sameJson(present.fields[field], outcome.before))) {
        resets.push({ kind: 'reset', collection, id, field, value: outcome.before });
      }
    }
  }
  // Re-creations are applied first, so resets of their fields land on the re-created entity.
  return { ops: [...recreates, ...resets], keptNew, conflicts };
}

type Outcome = { before: unknown } | { keptBy: string | null } | null;

/** For one entry or field: what undoing the user's changes means (null: the user never touched it). */
function undoOutcome(list: readonly EntryChange[], userId: string): Outcome {
  let touched = false;
  let restoreTo: { before: unknown } | null = null;
  let previousByUser = false;
  let lastOther: string | null = null;
  for (const change of list) {
    if (change.userId === userId) {
      touched = true;
      if (!previousByUser) restoreTo = { before: change.before };
      previousByUser = true;
    } else {
      previousByUser = false;
      restoreTo = null;
      lastOther = change.userId;
    }
  }
  if (!touched) return null;
  return restoreTo ?? { keptBy: lastOther };
}

function sameEntry(a: Entry | undefined, b: Entry): boolean {
  if (a === undefined || a.kind !== b.kind) return false;
  return a.kind === 'map' && b.kind === 'map' ? sameJson(a.fields, b.fields) : sameJson((a as { value: unknown }).value, (b as { value: unknown }).value);
}
