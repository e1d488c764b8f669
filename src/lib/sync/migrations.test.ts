import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_MIGRATIONS, BOARD_SCHEMA_VERSION } from './board-migrations';
import { runMigrations, schemaVersionOf } from './migrations';
import { BoardDoc } from './board-doc';
import { SAVED_JOB_FIELDS, savedBoard } from '../../../tests/factories/saved-boards';

/** A board saved by the first release: version 0, a job without `siteAddress`. */
function savedVersion0Board(): Uint8Array {
  return savedBoard({
    j1: {
      number: 'J-AB23-0001', customerName: 'Ada', problem: 'Leak', type: 'repair', priority: 'normal',
      createdAt: '2025-01-01T10:00:00.000Z', createdBy: 'u1', updatedAt: '2025-01-01T10:00:00.000Z'
    }
  });
}

/**
 * A board saved by the previous release (schema 2): windows as a start/end pair, assignments as
 * one array, and one pair merged broken (reversed) by two offline dispatchers.
 */
function savedVersion2Board(): Uint8Array {
  const base = SAVED_JOB_FIELDS;
  return savedBoard(
    {
      booked: { ...base, number: 'J-AB23-0001', assignedTechIds: ['t1', 't2'], scheduledStart: '2025-01-02T10:00:00.000Z', scheduledEnd: '2025-01-02T11:00:00.000Z' },
      reversed: { ...base, number: 'J-AB23-0002', assignedTechIds: ['t1'], scheduledStart: '2025-01-02T11:30:00.000Z', scheduledEnd: '2025-01-02T11:00:00.000Z' },
      open: { ...base, number: 'J-AB23-0003' }
    },
    2
  );
}

describe('job-window-and-assignment-set (3) on a doc saved by schema 2', () => {
  it('fills the window and the assignment set from the legacy fields, and reads the same jobs', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, savedVersion2Board());
    expect(runMigrations(doc, BOARD_MIGRATIONS, 'test').applied).toEqual(['job-window-and-assignment-set']);
    const raw = (id: string) => (doc.getMap('jobs').get(id) as Y.Map<unknown>).toJSON();
    expect(raw('booked')).toMatchObject({ window: { start: '2025-01-02T10:00:00.000Z', end: '2025-01-02T11:00:00.000Z' }, 'assigned:t1': true, 'assigned:t2': true });
    // A broken pair gets no window: it stays repaired-and-flagged on read until someone fixes it.
    expect(raw('reversed')).not.toHaveProperty('window');
    expect(raw('reversed')).toMatchObject({ 'assigned:t1': true });
    expect(Object.keys(raw('open')).filter((k) => k === 'window' || k.startsWith('assigned:'))).toEqual([]);
    const board = new BoardDoc(doc);
    expect(board.getJob('booked')).toMatchObject({ assignedTechIds: ['t1', 't2'], window: { start: '2025-01-02T10:00:00.000Z', end: '2025-01-02T11:00:00.000Z' }, windowIssue: null });
    expect(board.getJob('reversed')).toMatchObject({ scheduledStart: '2025-01-02T11:00:00.000Z', scheduledEnd: '2025-01-02T11:30:00.000Z', windowIssue: 'reversed' });
    expect(board.getJob('open')).toMatchObject({ assignedTechIds: [], window: null, windowIssue: null });
  });

  it('is idempotent and converges when two offline clients run it', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, savedVersion2Board());
    Y.applyUpdate(b, savedVersion2Board());
    runMigrations(a, BOARD_MIGRATIONS, 'test');
    runMigrations(b, BOARD_MIGRATIONS, 'test');
    const before = Y.encodeStateVector(a);
    BOARD_MIGRATIONS.at(-1)!.up(a);
    expect(Y.encodeStateVector(a)).toEqual(before);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getMap('jobs').toJSON()).toEqual(b.getMap('jobs').toJSON());
    expect(new BoardDoc(a).getJob('booked')?.assignedTechIds).toEqual(['t1', 't2']);
  });
});

describe('board migrations', () => {
  it('brings a saved version-0 doc to the current version', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, savedVersion0Board());
    const result = runMigrations(doc, BOARD_MIGRATIONS, 'test');
    expect(result).toMatchObject({ from: 0, to: BOARD_SCHEMA_VERSION, applied: ['board-meta', 'job-site-address-default', 'job-window-and-assignment-set'] });
    expect((doc.getMap('jobs').get('j1') as Y.Map<unknown>).get('siteAddress')).toBe('');
    expect(new BoardDoc(doc).getJob('j1')?.number).toBe('J-AB23-0001');
  });

  it('is idempotent: a second run changes nothing', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, savedVersion0Board());
    runMigrations(doc, BOARD_MIGRATIONS, 'test');
    const before = Y.encodeStateVector(doc);
    expect(runMigrations(doc, BOARD_MIGRATIONS, 'test').applied).toEqual([]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('converges when two offline clients migrate the same old doc', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, savedVersion0Board());
    Y.applyUpdate(b, savedVersion0Board());
    runMigrations(a, BOARD_MIGRATIONS, 'test');
    runMigrations(b, BOARD_MIGRATIONS, 'test');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getMap('jobs').toJSON()).toEqual(b.getMap('jobs').toJSON());
    expect(schemaVersionOf(a)).toBe(BOARD_SCHEMA_VERSION);
    expect(schemaVersionOf(b)).toBe(BOARD_SCHEMA_VERSION);
  });

  it('leaves a doc from newer code alone and says so', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('schemaVersion', BOARD_SCHEMA_VERSION + 5);
    expect(runMigrations(doc, BOARD_MIGRATIONS, 'test')).toMatchObject({ applied: [], newerThanCode: true });
  });

  it('only ever adds: every key of every map before the chain is still there after it', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, savedVersion0Board());
    const keyPaths = (d: Y.Doc) => {
      const out: string[] = [];
      for (const name of ['meta', 'jobs', 'jobEvents']) {
        for (const [key, value] of d.getMap(name)) {
          out.push(`${name}.${key}`);
          if (value instanceof Y.Map) for (const field of value.keys()) out.push(`${name}.${key}.${field}`);
        }
      }
      return out;
    };
    const before = keyPaths(doc);
    runMigrations(doc, BOARD_MIGRATIONS, 'test');
    const after = keyPaths(doc);
    for (const path of before) expect(after).toContain(path);
    expect(after.length).toBeGreaterThan(before.length);
  });
});
