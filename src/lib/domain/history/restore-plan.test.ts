import { describe, expect, it } from 'vitest';
import { diffEntry, sameJson, type DocState, type Entry, type EntryChange } from './doc-state';
import { planRestore, planUndo } from './restore-plan';

const map = (fields: Record<string, unknown>): Entry => ({ kind: 'map', fields });

function change(seq: number, userId: string, id: string, field: string | null, before: unknown, after: unknown): EntryChange {
  return { seq, userId, collection: 'jobs', id, field, before, after };
}

describe('planRestore', () => {
  it('re-creates removed entries, resets changed fields, keeps newer records and never touches meta', () => {
    const then: DocState = {
      meta: { schemaVersion: { kind: 'value', value: 1 } },
      jobs: { a: map({ n: 'A', p: 'x' }), b: map({ n: 'B' }) }
    };
    const now: DocState = {
      meta: { schemaVersion: { kind: 'value', value: 3 } },
      jobs: { b: map({ n: 'B2', extra: true }), c: map({ n: 'C' }) }
    };
    const plan = planRestore(then, now);
    expect(plan.ops).toEqual([
      { kind: 'recreate', collection: 'jobs', id: 'a', entry: map({ n: 'A', p: 'x' }) },
      { kind: 'reset', collection: 'jobs', id: 'b', field: 'n', value: 'B' }
    ]);
    expect(plan.keptNew).toBe(1);
  });

  it('plans nothing when the room already equals the point', () => {
    const state: DocState = { jobs: { a: map({ n: 'A', tags: ['x', { y: 1 }] }) } };
    expect(planRestore(state, structuredClone(state)).ops).toEqual([]);
  });
});

describe('planUndo', () => {
  const now: DocState = { jobs: { a: map({ n: 'X3' }), c: map({ n: 'new' }) } };

  it('goes back to the value before the user’s latest run of changes, after another user’s', () => {
    const changes = [
      change(1, 'x', 'a', 'n', 'A', 'X1'),
      change(2, 'y', 'a', 'n', 'X1', 'Y'),
      change(3, 'x', 'a', 'n', 'Y', 'X2'),
      change(4, 'x', 'a', 'n', 'X2', 'X3')
    ];
    expect(planUndo(changes, 'x', now).ops).toEqual([{ kind: 'reset', collection: 'jobs', id: 'a', field: 'n', value: 'Y' }]);
  });

  it('keeps a later change by someone else and reports the conflict', () => {
    const changes = [change(1, 'x', 'a', 'n', 'A', 'X'), change(2, 'y', 'a', 'n', 'X', 'X3')];
    const plan = planUndo(changes, 'x', now);
    expect(plan.ops).toEqual([]);
    expect(plan.conflicts).toEqual([{ collection: 'jobs', id: 'a', field: 'n', keptBy: 'y' }]);
  });

  it('re-creates what the user removed before resetting its fields, and keeps what the user created', () => {
    const removed = map({ n: 'B-edited' });
    const changes = [
      change(1, 'x', 'b', 'n', 'B', 'B-edited'),
      change(2, 'x', 'b', null, removed, undefined),
      change(3, 'x', 'c', null, undefined, map({ n: 'new' }))
    ];
    const plan = planUndo(changes, 'x', now);
    expect(plan.ops).toEqual([
      { kind: 'recreate', collection: 'jobs', id: 'b', entry: removed },
      { kind: 'reset', collection: 'jobs', id: 'b', field: 'n', value: 'B' }
    ]);
    expect(plan.keptNew).toBe(1);
  });

  it('ignores other users entirely', () => {
    expect(planUndo([change(1, 'y', 'a', 'n', 'A', 'Y')], 'x', now)).toEqual({ ops: [], keptNew: 0, conflicts: [] });
  });
});

describe('diffEntry and sameJson', () => {
  it('reports field changes of a map and whole-entry changes otherwise', () => {
    expect(diffEntry('jobs', 'a', map({ n: 1, m: 2 }), map({ n: 1, m: 3, o: 4 }))).toEqual([
      { collection: 'jobs', id: 'a', field: 'm', before: 2, after: 3 },
      { collection: 'jobs', id: 'a', field: 'o', before: undefined, after: 4 }
    ]);
    expect(diffEntry('jobs', 'a', map({ n: 1 }), undefined)).toEqual([{ collection: 'jobs', id: 'a', field: null, before: map({ n: 1 }), after: undefined }]);
    expect(diffEntry('jobs', 'a', { kind: 'value', value: [1] }, { kind: 'value', value: [1] })).toEqual([]);
  });

  it('compares JSON deeply, ignoring key order', () => {
    expect(sameJson({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
