import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyBoardChanges, captureBoardChanges, compactBoard, type BoardChange } from './board-generations';

const AT = '2026-06-10T20:00:00.000Z';

/** A board-shaped doc with `count` jobs, each with two status events and a nested window. */
function boardWith(count: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('kind', 'board');
    meta.set('schemaVersion', 6);
    for (let i = 0; i < count; i++) {
      const id = `job-${String(i).padStart(4, '0')}-5c1e4b2e-9a0f-4d55-8f3e-6f1d2a7c9b10`;
      const job = new Y.Map<unknown>(Object.entries({ number: `J-ADA2-${i}`, customerName: `Customer ${i}`, problem: 'No heat in the upstairs bedrooms', priority: 'normal', 'assigned:tech-1': true }));
      job.set('window', new Y.Map<unknown>(Object.entries({ start: AT, end: AT })));
      doc.getMap('jobs').set(id, job);
      for (const to of ['scheduled', 'closed']) {
        doc.getMap('jobEvents').set(`${id}-${to}`, new Y.Map<unknown>(Object.entries({ jobId: id, to, by: 'ada', at: AT, stamp: AT })));
      }
    }
  });
  return doc;
}

function removeJobs(doc: Y.Doc, keep: (index: number) => boolean): void {
  const ids = [...doc.getMap('jobs').keys()].sort();
  doc.transact(() => {
    ids.forEach((id, i) => {
      if (keep(i)) return;
      doc.getMap('jobs').delete(id);
      for (const to of ['scheduled', 'closed']) doc.getMap('jobEvents').delete(`${id}-${to}`);
    });
  });
}

/** Every top-level map as JSON, the generation's own meta keys left out. */
function contentOf(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['meta', 'jobs', 'jobEvents', 'customers']) {
    const json = doc.getMap(name).toJSON() as Record<string, unknown>;
    if (name === 'meta') {
      delete json.generation;
      delete json.successor;
    }
    out[name] = json;
  }
  return out;
}

/** Captures every transaction of `doc` from now on. */
function recorder(doc: Y.Doc): BoardChange[][] {
  const seen: BoardChange[][] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(captureBoardChanges(tr)));
  return seen;
}

describe('compactBoard', () => {
  it('keeps every live entity and field, drops removed ones, and is much smaller after archiving', () => {
    const old = boardWith(400);
    removeJobs(old, (i) => i % 10 === 0);
    const fresh = compactBoard(old, 2);
    expect(contentOf(fresh)).toEqual(contentOf(old));
    expect(fresh.getMap('jobs').size).toBe(40);
    expect(fresh.getMap('jobEvents').size).toBe(80);
    expect(fresh.getMap('meta').get('generation')).toBe(2);
    const oldSize = Y.encodeStateAsUpdate(old).byteLength;
    const freshSize = Y.encodeStateAsUpdate(fresh).byteLength;
    console.log(`board of 400 jobs, 360 removed: ${oldSize} B before, ${freshSize} B as generation 2 (${Math.round((100 * freshSize) / oldSize)} %)`);
    expect(freshSize).toBeLessThan(oldSize * 0.6);
  });

  it('reads a relay doc whose roots were never typed, and leaves the old successor out', () => {
    const source = boardWith(3);
    source.getMap('meta').set('successor', 'board-g2');
    const relayCopy = new Y.Doc();
    Y.applyUpdate(relayCopy, Y.encodeStateAsUpdate(source)); // roots stay plain AbstractTypes
    const fresh = compactBoard(relayCopy, 3);
    expect(fresh.getMap('meta').get('successor')).toBeUndefined();
    expect(fresh.getMap('meta').get('generation')).toBe(3);
    expect(contentOf(fresh)).toEqual(contentOf(source));
  });
});

describe('forwarding an old generation into the newest', () => {
  it('carries field edits, new entities, nested fields, removals and meta, never the generation keys', () => {
    const old = boardWith(5);
    const next = compactBoard(old, 2);
    const seen = recorder(old);
    const [first, second] = [...old.getMap('jobs').keys()].sort() as [string, string];
    old.transact(() => (old.getMap('jobs').get(first) as Y.Map<unknown>).set('priority', 'urgent'));
    old.transact(() => ((old.getMap('jobs').get(first) as Y.Map<unknown>).get('window') as Y.Map<unknown>).set('end', '2026-06-11T01:00:00.000Z'));
    old.transact(() => old.getMap('jobs').set('job-new', new Y.Map<unknown>(Object.entries({ number: 'J-CAR1-1', customerName: 'New' }))));
    old.transact(() => old.getMap('jobEvents').set('ev-new', new Y.Map<unknown>(Object.entries({ jobId: 'job-new', to: 'new', by: 'carl', at: AT }))));
    old.transact(() => old.getMap('jobs').delete(second));
    old.transact(() => {
      old.getMap('meta').set('note', 'kept');
      old.getMap('meta').set('successor', 'board-g2');
    });
    for (const changes of seen) applyBoardChanges(next, changes, 'test');
    expect(contentOf(next)).toEqual(contentOf(old));
    expect(next.getMap('meta').get('successor')).toBeUndefined();
    expect(next.getMap('meta').get('generation')).toBe(2);
  });

  it('writes only the changed fields into an entity the newest generation changed too', () => {
    const old = boardWith(1);
    const next = compactBoard(old, 2);
    const id = [...old.getMap('jobs').keys()][0]!;
    (next.getMap('jobs').get(id) as Y.Map<unknown>).set('customerName', 'Renamed in g2');
    const seen = recorder(old);
    (old.getMap('jobs').get(id) as Y.Map<unknown>).set('priority', 'high');
    for (const changes of seen) applyBoardChanges(next, changes, 'test');
    const job = next.getMap('jobs').get(id) as Y.Map<unknown>;
    expect(job.get('customerName')).toBe('Renamed in g2');
    expect(job.get('priority')).toBe('high');
  });

  it('does not bring back a job the newest generation archived', () => {
    const old = boardWith(2);
    const next = compactBoard(old, 2);
    const [archived, live] = [...old.getMap('jobs').keys()].sort() as [string, string];
    next.transact(() => {
      next.getMap('archiveMoves').set('m1', new Y.Map<unknown>(Object.entries({ month: '2026-05', jobIds: [archived], by: 'ada', at: AT })));
      next.getMap('jobs').delete(archived);
    });
    const seen = recorder(old);
    (old.getMap('jobs').get(archived) as Y.Map<unknown>).set('priority', 'late edit');
    (old.getMap('jobs').get(live) as Y.Map<unknown>).set('priority', 'kept edit');
    for (const changes of seen) applyBoardChanges(next, changes, 'test');
    expect(next.getMap('jobs').has(archived)).toBe(false);
    expect((next.getMap('jobs').get(live) as Y.Map<unknown>).get('priority')).toBe('kept edit');
  });
});
