/**
 * The relay enforces the room rules (issue 14): real relay process, real websockets, real Yjs
 * clients. A technician's token can no longer wipe a board or forge history; ordinary edits
 * from the same device still pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { syncStep2Frame, syncUpdateFrame } from '../../server/relay/frames';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { CloseCode } from '../../src/lib/sync/protocol';
import { refusedUpdates as refusals } from '../helpers/relay-metrics';
import type { RelayProcess } from '../helpers/relay-process';
import type { Role } from '../../src/lib/domain/access/roles';
import { RawClient, stockClient, synced, until } from './support/clients';
import { startObservedBoard, type ObservedBoard } from './support/observed-board';

const COLLECTIONS = ['jobs', 'jobEvents', 'customers', 'sites'] as const;

/** The guarded collections as plain JSON, to compare a room across clients and restarts. */
function snapshot(doc: Y.Doc): string {
  return JSON.stringify(COLLECTIONS.map((name) => doc.getMap(name).toJSON()));
}

function entity(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) map.set(k, v);
  return map;
}

describe('relay room rules guard', () => {
  let rig: ObservedBoard;
  let relay: RelayProcess;
  let room: string;
  const token = (role: Role, sub: string) => rig.token(role, sub);
  let admin: WebsocketProvider;
  let observer: WebsocketProvider;
  let seeded = '';

  beforeAll(async () => {
    rig = await startObservedBoard('guard');
    ({ relay, room, admin, observer } = rig);
    const board = new BoardDoc(admin.doc);
    for (const customerName of ['Sam', 'Kim', 'Lee']) {
      const created = board.createJob({ customerName, problem: 'No heat', type: 'repair', priority: 'normal' }, { id: 'ada', name: 'Ada' }, 'ADA');
      if (!created.ok) throw new Error('could not create a job');
    }
    admin.doc.transact(() => {
      admin.doc.getMap('customers').set('c1', entity({ name: 'Sam' }));
      admin.doc.getMap('sites').set('s1', entity({ customerId: 'c1', address: '1 Main St' }));
    });
    seeded = snapshot(admin.doc);
    await until(() => snapshot(observer.doc) === seeded, 'the observer to hold the seeded board');
  });

  afterAll(() => rig.stop());

  it('refuses a technician’s update deleting entities: unchanged on the relay, on other clients and in storage', async () => {
    const tech = await new RawClient(relay.wsUrl, room, await token('technician', 'tom')).ready();
    await tech.roundTrip();
    await until(() => snapshot(tech.doc) === seeded, 'the technician to hold the board');
    tech.write((doc) => {
      for (const name of COLLECTIONS) for (const key of [...doc.getMap(name).keys()]) doc.getMap(name).delete(key);
    });
    expect(await tech.closed()).toBe(CloseCode.changeRefused);
    expect(tech.closeReason).toMatch(/^refused: delete-entity/);

    // Barrier: a later accepted change reaches the observer, and nothing of the wipe came before it.
    admin.doc.getMap('customers').get('c1') instanceof Y.Map && (admin.doc.getMap('customers').get('c1') as Y.Map<unknown>).set('phone', '555-0100');
    await until(() => (observer.doc.getMap('customers').get('c1') as Y.Map<unknown>).get('phone') === '555-0100', 'the barrier edit');
    const after = snapshot(admin.doc);
    expect(snapshot(observer.doc)).toBe(after);
    expect(observer.doc.getMap('jobs').size).toBe(3);
    expect(observer.doc.getMap('jobEvents').size).toBe(3);
    expect(await refusals(relay, 'delete-entity')).toBe(1);
    expect(relay.logs()).toMatch(/"sub":"tom".*"reason":"delete-entity".*update refused/);

    // What the relay holds (a fresh client) and what it stored (after a restart) are unchanged.
    const fresh = await new RawClient(relay.wsUrl, room, await token('dispatcher', 'dee')).ready();
    await fresh.roundTrip();
    await until(() => snapshot(fresh.doc) === after, 'a fresh client to get the whole board');
    fresh.close();
    admin.disconnect();
    observer.disconnect();
    await relay.restart();
    const reloaded = await new RawClient(relay.wsUrl, room, await token('dispatcher', 'dee')).ready();
    await reloaded.roundTrip();
    await until(() => snapshot(reloaded.doc) === after, 'the restarted relay to serve the whole board');
    reloaded.close();
    admin.connect();
    observer.connect();
    await synced(admin);
    await synced(observer);
  });

  it('refuses an event credited to another user, and one dated far in the future', async () => {
    const jobId = [...admin.doc.getMap('jobs').keys()][0] as string;
    const forged = { jobId, kind: 'status', from: 'new', to: 'paid', at: '2026-01-01T00:00:00.000Z', by: 'ada', byName: 'Ada (admin)' };
    const cases = [
      { fields: forged, reason: 'wrong-author' },
      { fields: { ...forged, by: 'tom', at: '2099-01-01T00:00:00.000Z' }, reason: 'future-time' }
    ];
    for (const { fields, reason } of cases) {
      const tech = await new RawClient(relay.wsUrl, room, await token('technician', 'tom')).ready();
      await tech.roundTrip();
      await until(() => tech.doc.getMap('jobs').size === 3, 'the technician to hold the board');
      tech.write((doc) => doc.getMap('jobEvents').set(`forged-${reason}`, entity(fields)));
      expect(await tech.closed()).toBe(CloseCode.changeRefused);
      expect(tech.closeReason).toMatch(new RegExp(`^refused: ${reason}`));
      expect(await refusals(relay, reason)).toBe(1);
    }
    // Barrier, then: no forged event anywhere.
    admin.doc.getMap('customers').get('c1') && (admin.doc.getMap('customers').get('c1') as Y.Map<unknown>).set('phone', '555-0101');
    await until(() => (observer.doc.getMap('customers').get('c1') as Y.Map<unknown>).get('phone') === '555-0101', 'the barrier edit');
    expect([...observer.doc.getMap('jobEvents').keys()].filter((k) => k.startsWith('forged'))).toEqual([]);
  });

  it('lets the same technician make ordinary edits: a field overwrite and a new job with its created event', async () => {
    const tech = stockClient(relay.wsUrl, room, await token('technician', 'tom'));
    try {
      await synced(tech);
      const board = new BoardDoc(tech.doc);
      const jobId = [...tech.doc.getMap('jobs').keys()][0] as string;
      expect(board.updateJob(jobId, { problem: 'No heat; pilot light out' }, { id: 'tom', name: 'Tom' }).ok).toBe(true);
      const created = board.createJob({ customerName: 'Ray', problem: 'Leak', type: 'repair', priority: 'high' }, { id: 'tom', name: 'Tom' }, 'TOM');
      if (!created.ok) throw new Error('could not create a job');
      await until(() => observer.doc.getMap('jobs').has(created.job.id), 'the new job on the observer');
      await until(() => (observer.doc.getMap('jobs').get(jobId) as Y.Map<unknown>).get('problem') === 'No heat; pilot light out', 'the edit on the observer');
      expect(new BoardDoc(observer.doc).historyOf(created.job.id).map((e) => [e.kind, e.by])).toEqual([['created', 'tom']]);
      expect(tech.wsconnected).toBe(true);
    } finally {
      tech.destroy();
    }
  });

  it('tells a stock y-websocket client its change was refused; the client stops instead of resending', async () => {
    const tech = stockClient(relay.wsUrl, room, await token('technician', 'tim'));
    const closes: number[] = [];
    tech.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    try {
      await synced(tech);
      const before = await refusals(relay, 'immutable-record');
      const eventId = [...tech.doc.getMap('jobEvents').keys()][0] as string;
      (tech.doc.getMap('jobEvents').get(eventId) as Y.Map<unknown>).set('to', 'paid');
      await until(() => closes.length === 1, 'the refusal');
      expect(closes).toEqual([CloseCode.changeRefused]);
      // Barrier: an accepted change after the refusal; the refused client never came back.
      (admin.doc.getMap('customers').get('c1') as Y.Map<unknown>).set('phone', '555-0102');
      await until(() => (observer.doc.getMap('customers').get('c1') as Y.Map<unknown>).get('phone') === '555-0102', 'the barrier edit');
      expect(tech.shouldConnect).toBe(false);
      expect(closes).toHaveLength(1);
      expect(await refusals(relay, 'immutable-record')).toBe(before + 1);
      expect((observer.doc.getMap('jobEvents').get(eventId) as Y.Map<unknown>).get('to')).toBe('new');
    } finally {
      tech.destroy();
    }
  });

  it('never parks an update whose dependencies it lacks: an update gets 1013 (resync), a sync step 2 is refused', async () => {
    const before = await refusals(relay, 'missing-dependency');
    for (const [frame, code] of [
      [syncUpdateFrame, 1013],
      [syncStep2Frame, CloseCode.changeRefused]
    ] as const) {
      const tech = await new RawClient(relay.wsUrl, room, await token('technician', 'tom')).ready();
      await tech.roundTrip();
      // Two changes made in order; the relay only ever sees the second, which edits inside the first.
      const updates: Uint8Array[] = [];
      tech.doc.on('update', (u: Uint8Array) => updates.push(u));
      tech.doc.getMap('jobs').set('j-unsent', entity({ customerName: 'Unsent' }));
      (tech.doc.getMap('jobs').get('j-unsent') as Y.Map<unknown>).set('customerName', 'Edited');
      tech.send(frame(updates[1] as Uint8Array));
      expect(await tech.closed()).toBe(code);
    }
    expect(await refusals(relay, 'missing-dependency')).toBe(before + 2);
    (admin.doc.getMap('customers').get('c1') as Y.Map<unknown>).set('phone', '555-0103');
    await until(() => (observer.doc.getMap('customers').get('c1') as Y.Map<unknown>).get('phone') === '555-0103', 'the barrier edit');
    expect(observer.doc.getMap('jobs').has('j-unsent')).toBe(false);
    expect(snapshot(observer.doc)).toBe(snapshot(admin.doc));
  });
});
