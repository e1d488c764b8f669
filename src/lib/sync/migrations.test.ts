import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_MIGRATIONS, BOARD_SCHEMA_VERSION } from './board-migrations';
import { runMigrations, schemaVersionOf } from './migrations';
import { BoardDoc } from './board-doc';

/** A board saved by the first release: version 0, a job without `siteAddress`. */
function savedVersion0Board(): Uint8Array {
  const doc = new Y.Doc();
  const job = new Y.Map<unknown>();
  for (const [k, v] of Object.entries({
    number: 'J-AB23-0001', customerName: 'Ada', problem: 'Leak', type: 'repair', priority: 'normal',
    createdAt: '2025-01-01T10:00:00.000Z', createdBy: 'u1', updatedAt: '2025-01-01T10:00:00.000Z'
  })) job.set(k, v);
  doc.getMap('jobs').set('j1', job);
  return Y.encodeStateAsUpdate(doc);
}

describe('board migrations', () => {
  it('brings a saved version-0 doc to the current version', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, savedVersion0Board());
    const result = runMigrations(doc, BOARD_MIGRATIONS, 'test');
    expect(result).toMatchObject({ from: 0, to: BOARD_SCHEMA_VERSION, applied: ['board-meta', 'job-site-address-default'] });
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
