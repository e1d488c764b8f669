/**
 * The relay guards the technician app's records (issue 9): time entries, part uses, notes,
 * status taps and checklist ticks are author-carrying and immutable (COLLECTION_RULES). Real
 * relay process, real websockets; the records are written through the app's own commands
 * (sync/field-work.ts) by a client whose actor is not its token's subject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { testNow } from '../clock';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { CloseCode } from '../../src/lib/sync/protocol';
import { RawClient, until } from './support/clients';
import { startObservedBoard, type ObservedBoard } from './support/observed-board';

const RECORDS = ['timeEntries', 'partUses', 'fieldNotes', 'statusTaps', 'checklistChecks'] as const;
const ada = { id: 'ada', name: 'Ada (admin)' };
const tom = { id: 'tom', name: 'Tom' };

describe('relay guard for field work records', () => {
  let rig: ObservedBoard;
  let observer: WebsocketProvider;
  let visitId = '';

  beforeAll(async () => {
    rig = await startObservedBoard('fieldwork');
    observer = rig.observer;
    const board = new BoardDoc(rig.admin.doc);
    const tech = board.directory.createTechnician({ name: 'Tom', userId: 'tom' }, 'tech-tom');
    const job = board.createJob({ customerName: 'Sam', problem: 'No heat', type: 'repair', priority: 'normal' }, ada, 'ADA', testNow());
    if (!tech.ok || !job.ok) throw new Error('seed');
    const start = new Date(testNow().getTime() - 3_600_000);
    const booked = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-tom'], start: start.toISOString(), end: testNow().toISOString() }, ada, testNow());
    if (!booked.ok) throw new Error('seed visit');
    visitId = booked.visit.id;
    await until(() => new BoardDoc(observer.doc).visits.get(visitId) !== undefined, 'the observer to hold the visit');
  });

  afterAll(() => rig.stop());

  /** A technician device (token `tom`) holding the board, for one write. */
  async function technician(): Promise<{ client: RawClient; board: BoardDoc }> {
    const client = await new RawClient(rig.relay.wsUrl, rig.room, await rig.token('technician', 'tom')).ready();
    await client.roundTrip();
    const board = new BoardDoc(client.doc);
    await until(() => board.visits.get(visitId) !== undefined, 'the technician to hold the visit');
    return { client, board };
  }

  it('refuses a time entry, a part use and a note whose author is not the writer, and stores none of them', async () => {
    const forgeries: Array<{ collection: string; write: (board: BoardDoc) => { ok: boolean } }> = [
      { collection: 'timeEntries', write: (b) => b.fieldWork.startBreak('tech-tom', ada, testNow()) },
      { collection: 'partUses', write: (b) => b.fieldWork.addPartUse(visitId, { description: 'Fan motor', quantity: 1 }, ada, testNow()) },
      { collection: 'fieldNotes', write: (b) => b.fieldWork.addNote(visitId, { text: 'Written in Ada’s name' }, ada, testNow()) },
      { collection: 'checklistChecks', write: (b) => b.fieldWork.setCheck(visitId, 'test', true, ada, testNow()) }
    ];
    for (const { collection, write } of forgeries) {
      const { client, board } = await technician();
      client.write(() => expect(write(board).ok, collection).toBe(true));
      expect(await client.closed(), collection).toBe(CloseCode.changeRefused);
      expect(client.closeReason, collection).toMatch(new RegExp(`^refused: wrong-author: ${collection}/`));
    }
    // Barrier: a later accepted record reaches the observer; none of the forged ones came before it.
    const { client, board } = await technician();
    client.write(() => expect(board.fieldWork.addNote(visitId, { text: 'Gate code 4412' }, tom, testNow()).ok).toBe(true));
    await until(() => observer.doc.getMap('fieldNotes').size === 1, 'the honest note on the observer');
    expect(client.closeCode).toBeNull();
    const seen = new BoardDoc(observer.doc).fieldWork;
    expect(seen.notes.list().map((n) => [n.text, n.by])).toEqual([['Gate code 4412', 'tom']]);
    for (const name of RECORDS.filter((r) => r !== 'fieldNotes')) expect(observer.doc.getMap(name).size, name).toBe(0);
    client.close();
  });

  it('accepts the technician’s own taps and clock, and refuses changing a time entry afterwards', async () => {
    const { client, board } = await technician();
    client.write(() => expect(board.fieldWork.tap(visitId, 'en_route', { technicianId: 'tech-tom', location: { lat: 37.76, lng: -122.41, accuracy: 20 } }, tom, testNow())).toEqual({ ok: true }));
    await until(() => observer.doc.getMap('statusTaps').size === 1 && observer.doc.getMap('timeEntries').size === 1, 'the tap and the clock on the observer');
    expect(new BoardDoc(observer.doc).getJob(new BoardDoc(observer.doc).visits.get(visitId)?.jobId ?? '')?.status).toBe('en_route');
    const entryId = [...client.doc.getMap('timeEntries').keys()][0] as string;
    // Editing in place (instead of a superseding record) is refused.
    client.write((doc) => (doc.getMap('timeEntries').get(entryId) as Y.Map<unknown>).set('end', testNow().toISOString()));
    expect(await client.closed()).toBe(CloseCode.changeRefused);
    expect(client.closeReason).toMatch(/^refused: immutable-record: timeEntries\//);
  });
});
