/** The relay's update guard on real Yjs docs: each rule, and what it must let through. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdateRules } from '../../server/relay/update-guard';
import { BoardDoc } from '../../src/lib/sync/board-doc';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const ada = { subject: 'ada', nowMs: NOW, maxFutureMs: 5 * 60_000 };

/** A room doc and a writer's replica of it; `edit` returns the writer's update and the guard's verdict. */
function setup(seed?: (doc: Y.Doc) => void) {
  const room = new Y.Doc();
  if (seed) {
    const author = new Y.Doc();
    seed(author);
    Y.applyUpdate(room, Y.encodeStateAsUpdate(author));
  }
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(room));
  const edit = (change: (doc: Y.Doc) => void, who = ada) => {
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    writer.on('update', collect);
    writer.transact(() => change(writer));
    writer.off('update', collect);
    const update = Y.mergeUpdates(updates);
    return { update, verdict: checkUpdateRules(room, update, who) };
  };
  return { room, writer, edit };
}

function entity(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
  return map;
}

const event = (over: Record<string, unknown> = {}) => entity({ jobId: 'j1', kind: 'status', from: 'new', to: 'scheduled', at: '2026-11-20T11:00:00.000Z', by: 'ada', ...over });

const seeded = (doc: Y.Doc) => {
  doc.getMap('jobs').set('j1', entity({ number: 'J-A-0001', customerName: 'Sam', createdAt: '2026-11-19T10:00:00.000Z' }));
  doc.getMap('jobEvents').set('e1', entity({ jobId: 'j1', kind: 'created', from: null, to: 'new', at: '2026-11-19T10:00:00.000Z', by: 'sam' }));
  doc.getMap('customers').set('c1', entity({ name: 'Sam' }));
  doc.getMap('meta').set('schemaVersion', 1);
  doc.getText('notes').insert(0, 'hello');
};

describe('update guard', () => {
  it('refuses deleting an entity of any collection', () => {
    for (const collection of ['jobs', 'jobEvents', 'customers']) {
      const { edit } = setup(seeded);
      const { verdict } = edit((doc) => {
        const map = doc.getMap(collection);
        for (const key of [...map.keys()]) map.delete(key);
      });
      expect(verdict?.reason, collection).toBe('delete-entity');
    }
  });

  it('refuses replacing an existing entity with a new value under its key', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => doc.getMap('jobs').set('j1', entity({ number: 'J-X-0001' }))).verdict?.reason).toBe('replace-entity');
    expect(edit((doc) => doc.getMap('customers').set('c1', 'gone')).verdict?.reason).toBe('replace-entity');
  });

  it('allows overwriting and adding fields inside an entity, nested maps included', () => {
    const { edit } = setup(seeded);
    const { verdict } = edit((doc) => {
      const job = doc.getMap('jobs').get('j1') as Y.Map<unknown>;
      job.set('customerName', 'Samuel');
      job.set('window', { start: '2026-11-21T08:00:00.000Z', end: '2026-11-21T10:00:00.000Z' });
      const techs = new Y.Map<unknown>();
      job.set('assignments', techs);
      techs.set('t1', true);
    });
    expect(verdict).toBeNull();
  });

  it('lets register maps overwrite a value but never delete it', () => {
    const { edit, room } = setup(seeded);
    const second = edit((doc) => doc.getMap('meta').set('schemaVersion', 2));
    expect(second.verdict).toBeNull();
    Y.applyUpdate(room, second.update);
    expect(room.getMap('meta').get('schemaVersion')).toBe(2);
    expect(edit((doc) => doc.getMap('meta').delete('schemaVersion')).verdict?.reason).toBe('delete-entity');
  });

  it('allows text edits, deletions included, in top-level types that are not collections', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => doc.getText('notes').delete(0, 3)).verdict).toBeNull();
  });

  it('refuses any change to an existing record of an immutable collection', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => (doc.getMap('jobEvents').get('e1') as Y.Map<unknown>).set('to', 'paid')).verdict?.reason).toBe('immutable-record');
    expect(edit((doc) => (doc.getMap('jobEvents').get('e1') as Y.Map<unknown>).set('note', 'added')).verdict?.reason).toBe('immutable-record');
  });

  it('accepts a new event by the writer, with an optional stamp and unknown extra fields', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => doc.getMap('jobEvents').set('e2', event({ stamp: '2026-11-20T11:00:01.000Z', futureField: [1] }))).verdict).toBeNull();
  });

  it('refuses an event credited to someone else', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => doc.getMap('jobEvents').set('e2', event({ by: 'sam' }))).verdict).toMatchObject({ reason: 'wrong-author' });
  });

  it('refuses an event or stamp dated more than the allowed skew ahead of the relay clock', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => doc.getMap('jobEvents').set('e2', event({ at: '2099-01-01T00:00:00.000Z' }))).verdict?.reason).toBe('future-time');
    expect(edit((doc) => doc.getMap('jobActivity').set('a1', event({ stamp: '2026-11-20T12:06:00.000Z' }))).verdict?.reason).toBe('future-time');
    expect(edit((doc) => doc.getMap('jobEvents').set('e3', event({ at: '2026-11-20T12:04:00.000Z' }))).verdict).toBeNull();
  });

  it('refuses new records whose fields have the wrong type or that are not records', () => {
    const { edit } = setup(seeded);
    expect(edit((doc) => doc.getMap('jobEvents').set('e2', event({ by: 42 }))).verdict?.reason).toBe('bad-record');
    expect(edit((doc) => doc.getMap('jobEvents').set('e3', event({ at: 'yesterday' }))).verdict?.reason).toBe('bad-record');
    expect(edit((doc) => doc.getMap('jobActivity').set('a1', 'not a map')).verdict?.reason).toBe('bad-record');
    const missing = edit((doc) => {
      const e = event();
      e.delete('by');
      doc.getMap('jobEvents').set('e4', e);
    });
    expect(missing.verdict?.reason).toBe('bad-record');
  });

  it('passes what the board API writes: a new job with its created event, then a status change', () => {
    const { edit, room } = setup(seeded);
    let jobId = '';
    const created = edit((doc) => {
      const result = new BoardDoc(doc).createJob({ customerName: 'Kim', problem: 'No heat', type: 'repair', priority: 'high' }, { id: 'ada', name: 'Ada' }, 'A', new Date(NOW));
      if (!result.ok) throw new Error('job not created');
      jobId = result.job.id;
    });
    expect(created.verdict).toBeNull();
    Y.applyUpdate(room, created.update);
    expect(edit((doc) => new BoardDoc(doc).transitionJob(jobId, 'scheduled', { id: 'ada' }, new Date(NOW))).verdict).toBeNull();
  });

  it('refuses updates that depend on items the relay does not hold', () => {
    const { edit, writer } = setup(seeded);
    const first = edit((doc) => doc.getMap('jobs').set('j2', entity({ number: 'J-A-0002' })));
    expect(first.verdict).toBeNull();
    // The relay never got `first`: an edit inside j2 cannot be placed.
    const second = edit(() => (writer.getMap('jobs').get('j2') as Y.Map<unknown>).set('customerName', 'Lee'));
    expect(second.verdict?.reason).toBe('missing-dependency');
    // Together (what a reconnect's sync step 2 carries) they pass.
    const both = Y.mergeUpdates([first.update, second.update]);
    expect(checkUpdateRules(setup(seeded).room, both, ada)).toBeNull();
  });

  it('ignores deletions the room already holds (a full-state resend)', () => {
    const { edit, room, writer } = setup(seeded);
    const overwrite = edit((doc) => (doc.getMap('jobs').get('j1') as Y.Map<unknown>).set('customerName', 'Samuel'));
    Y.applyUpdate(room, overwrite.update);
    expect(checkUpdateRules(room, Y.encodeStateAsUpdate(writer), ada)).toBeNull();
  });

  it('checks every write of a new record’s author, not only the one with the highest clock', () => {
    const { room } = setup(seeded);
    // Two client ids set `by` of the same new event concurrently; Yjs keeps one by client id.
    const a = new Y.Doc();
    const b = new Y.Doc();
    // Fixed ids, b above a: the merged update lists b's write before the entity it goes into.
    a.clientID = 1;
    b.clientID = 2;
    Y.applyUpdate(a, Y.encodeStateAsUpdate(room));
    a.getMap('jobEvents').set('e9', event());
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = Y.encodeStateVector(a);
    (a.getMap('jobEvents').get('e9') as Y.Map<unknown>).set('by', 'ada');
    (b.getMap('jobEvents').get('e9') as Y.Map<unknown>).set('by', 'sam');
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b, before)]);
    expect(checkUpdateRules(room, merged, ada)?.reason).toBe('wrong-author');
  });
});
