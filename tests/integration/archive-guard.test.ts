/**
 * The one sanctioned removal (sync README "Archive moves") in the relay's update guard, on real
 * Yjs docs: a job's records may leave the live board only with a marker naming the job, from
 * an archiving role, once the archive month holds each record; archive rooms take copies.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyArchiveNotes } from '../../server/relay/archive-forwarding';
import { checkUpdateRules } from '../../server/relay/update-guard';
import type { RecordFields } from '../../src/lib/domain/archive/record-fields';
import type { WriterContext } from '../../src/lib/domain/rooms/room-rules';
import { ARCHIVIST, jobEndingAt } from '../factories/archive-jobs';
import { copyJobsToArchive, removeArchivedJobs } from '../../src/lib/sync/archiver';
import { BoardDoc } from '../../src/lib/sync/board-doc';

const NOW = new Date('2026-06-10T20:00:00.000Z');
const base = { subject: ARCHIVIST.id, nowMs: NOW.getTime(), maxFutureMs: 5 * 60_000 };
const admin: WriterContext = { ...base, room: 'board', role: 'admin' };

/** A room holding two closed jobs, a writer's replica, and an archive doc holding copies of what `copied` names. */
function setup() {
  const room = new Y.Doc();
  const author = new BoardDoc(new Y.Doc());
  const jobs = [jobEndingAt(author, 'closed', '2026-03-05T18:00:00Z'), jobEndingAt(author, 'cancelled', '2026-03-06T18:00:00Z')];
  Y.applyUpdate(room, Y.encodeStateAsUpdate(author.doc));
  const writer = new BoardDoc(new Y.Doc());
  Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(room));
  const archive = new Y.Doc();
  const held = (copied: readonly string[]) => {
    copyJobsToArchive(writer.doc, archive, '2026-03', copied);
    return (month: string, collection: string, key: string): RecordFields | null => {
      const copy = month === '2026-03' ? archive.getMap(collection).get(key) : undefined;
      return copy instanceof Y.Map ? (copy.toJSON() as RecordFields) : null;
    };
  };
  /** Runs `change` on the writer and returns the update it made. */
  const edit = (change: () => void): Uint8Array => {
    const updates: Uint8Array[] = [];
    const collect = (u: Uint8Array) => updates.push(u);
    writer.doc.on('update', collect);
    change();
    writer.doc.off('update', collect);
    return Y.mergeUpdates(updates);
  };
  return { room, writer, jobs, held, edit };
}

describe('archive removals in the update guard', () => {
  it('accepts removing an archived job with its marker in the same update', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    const update = edit(() => removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW));
    expect(checkUpdateRules(room, update, { ...admin, archived })).toBeNull();
    expect(checkUpdateRules(room, update, { ...admin, role: 'dispatcher', archived })).toBeNull();
  });

  it('takes a marker listing the moved jobs’ numbers, and refuses one whose numbers are not strings', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    const update = edit(() => removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW));
    const marked = new BoardDoc(new Y.Doc());
    Y.applyUpdate(marked.doc, Y.mergeUpdates([Y.encodeStateAsUpdate(room), update]));
    const live = new BoardDoc(room);
    expect(marked.archiveMoves.list()[0]?.numbers).toEqual(jobs.map((id) => live.getJob(id)!.number).sort());
    expect(checkUpdateRules(room, update, { ...admin, archived })).toBeNull();
    const bad = new BoardDoc(new Y.Doc());
    Y.applyUpdate(bad.doc, Y.encodeStateAsUpdate(room));
    const updates: Uint8Array[] = [];
    bad.doc.on('update', (u: Uint8Array) => updates.push(u));
    bad.doc.transact(() => {
      const marker = { month: '2026-03', jobIds: [], numbers: [42], at: NOW.toISOString(), by: ARCHIVIST.id };
      bad.doc.getMap('archiveMoves').set('m-bad', new Y.Map<unknown>(Object.entries(marker)));
    });
    expect(checkUpdateRules(room, updates[0]!, { ...admin, archived })).toMatchObject({ detail: expect.stringContaining('numbers') });
  });

  it('refuses the removal when the archive month does not hold the records yet', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held([jobs[0]!]);
    const update = edit(() => removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW));
    expect(checkUpdateRules(room, update, { ...admin, archived })).toMatchObject({ reason: 'delete-entity', detail: expect.stringContaining('archive-2026-03 does not hold it') });
    expect(checkUpdateRules(room, update, admin)?.reason).toBe('delete-entity');
  });

  it('refuses the removal when the live record changed after the copy, and accepts it once the copy has the change', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    // A dispatcher's edit reaches the relay after the archiver copied.
    const dispatcher = new BoardDoc(new Y.Doc());
    Y.applyUpdate(dispatcher.doc, Y.encodeStateAsUpdate(room));
    dispatcher.doc.transact(() => (dispatcher.doc.getMap('jobs').get(jobs[0]!) as Y.Map<unknown>).set('problem', 'Cooler warm; compressor noisy'));
    Y.applyUpdate(room, Y.encodeStateAsUpdate(dispatcher.doc, Y.encodeStateVector(room)));
    const update = edit(() => removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW));
    expect(checkUpdateRules(room, update, { ...admin, archived })).toEqual({ reason: 'delete-entity', detail: `archive-2026-03 holds an older copy of jobs/${jobs[0]}` });
    // The next run holds the edit (the writer synced), copies it, and the removal goes through.
    const next = new BoardDoc(new Y.Doc());
    Y.applyUpdate(next.doc, Y.encodeStateAsUpdate(room));
    const archive = new Y.Doc();
    copyJobsToArchive(next.doc, archive, '2026-03', jobs);
    const withEdit = (month: string, collection: string, key: string) => (month === '2026-03' ? ((archive.getMap(collection).get(key) as Y.Map<unknown> | undefined)?.toJSON() as RecordFields | undefined) ?? null : null);
    const updates: Uint8Array[] = [];
    next.doc.on('update', (u: Uint8Array) => updates.push(u));
    removeArchivedJobs(next, '2026-03', jobs, ARCHIVIST, NOW);
    expect(checkUpdateRules(room, Y.mergeUpdates(updates), { ...admin, archived: withEdit })).toBeNull();
    expect(withEdit('2026-03', 'jobs', jobs[0]!)?.problem).toBe('Cooler warm; compressor noisy');
  });

  it('accepts a job only into its archive month as the relay counts it (offices’ zone, else UTC), whatever the device’s zone', () => {
    const { room, writer, edit } = setup();
    // A device counting in its own zone (UTC+14 says April for a job closed late on 31 March UTC) copies into April.
    const late = jobEndingAt(writer, 'closed', '2026-03-31T20:00:00Z');
    Y.applyUpdate(room, Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(room)));
    const april = new Y.Doc();
    copyJobsToArchive(writer.doc, april, '2026-04', [late]);
    const inApril = (month: string, collection: string, key: string) => (month === '2026-04' ? ((april.getMap(collection).get(key) as Y.Map<unknown> | undefined)?.toJSON() as RecordFields | undefined) ?? null : null);
    const update = edit(() => removeArchivedJobs(writer, '2026-04', [late], ARCHIVIST, NOW));
    expect(checkUpdateRules(room, update, { ...admin, archived: inApril })).toEqual({ reason: 'delete-entity', detail: `jobs/${late} cannot be deleted (its archive month is 2026-03, not 2026-04)` });
    // With an office in Kiritimati the organisation's zone says April, and the same removal is accepted.
    const office = new BoardDoc(new Y.Doc());
    Y.applyUpdate(office.doc, Y.encodeStateAsUpdate(room));
    expect(office.directory.createOffice({ name: 'Line Islands', code: 'LI', timeZone: 'Pacific/Kiritimati' }).ok).toBe(true);
    Y.applyUpdate(room, Y.encodeStateAsUpdate(office.doc, Y.encodeStateVector(room)));
    expect(checkUpdateRules(room, update, { ...admin, archived: inApril })).toBeNull();
  });

  it('notes the removed records’ item ids, and a later write into one by the id the index names', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    const phone = new BoardDoc(new Y.Doc());
    Y.applyUpdate(phone.doc, Y.encodeStateAsUpdate(room));
    const removal = edit(() => removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW));
    const notes = emptyArchiveNotes();
    expect(checkUpdateRules(room, removal, { ...admin, archived }, notes)).toBeNull();
    // Only the editable records are indexed (the events and notes never change).
    expect(notes.removed.map((r) => `${r.month} ${r.collection}/${r.key}`).sort()).toEqual(jobs.map((id) => `2026-03 jobs/${id}`).sort());
    Y.applyUpdate(room, removal);
    // The phone, offline all along, edits the first job; the relay's copy has dropped its content.
    const before = Y.encodeStateVector(room);
    phone.doc.transact(() => (phone.doc.getMap('jobs').get(jobs[0]!) as Y.Map<unknown>).set('problem', 'Door seal torn'));
    const late = emptyArchiveNotes();
    expect(checkUpdateRules(room, Y.encodeStateAsUpdate(phone.doc, before), { ...admin, role: 'technician', archived }, late)).toBeNull();
    expect(late.removed).toEqual([]);
    expect(late.lateWrites).toHaveLength(1);
    const write = late.lateWrites[0]!;
    expect(write.value).toBe('Door seal torn');
    const named = notes.removed.flatMap((r) => r.items.filter(([client, clock, length]) => client === write.anchor.client && write.anchor.clock >= clock && write.anchor.clock < clock + length).map(([, , , field]) => [r.key, write.field ?? field]));
    expect(named).toEqual([[jobs[0], 'problem']]);
  });

  it('refuses a removal no marker names, even of archived records', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    const update = edit(() => writer.doc.transact(() => writer.doc.getMap('jobs').delete(jobs[0]!)));
    expect(checkUpdateRules(room, update, { ...admin, archived })).toMatchObject({ reason: 'delete-entity', detail: expect.stringContaining('no archive move') });
    // A marker for the first job does not cover the second.
    const other = edit(() => removeArchivedJobs(writer, '2026-03', [jobs[0]!], ARCHIVIST, NOW));
    Y.applyUpdate(room, other);
    const second = edit(() => writer.doc.transact(() => writer.doc.getMap('jobs').delete(jobs[1]!)));
    expect(checkUpdateRules(room, second, { ...admin, archived })?.reason).toBe('delete-entity');
  });

  it('refuses a technician: no marker of theirs, no removal even under an admin’s marker', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    const technician: WriterContext = { ...admin, role: 'technician', archived };
    const update = edit(() => removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW));
    expect(checkUpdateRules(room, update, technician)?.reason).toBe('not-permitted');
    // An admin's marker is in the room; the technician's own deletion of a named job is still refused.
    const markerOnly = new BoardDoc(new Y.Doc());
    Y.applyUpdate(markerOnly.doc, Y.encodeStateAsUpdate(room));
    markerOnly.archiveMoves.collection.insert({ id: 'm1', month: '2026-03', jobIds: jobs, customerIds: [], siteIds: [], assetIds: [], lastNumbers: [], at: NOW.toISOString(), by: ARCHIVIST.id });
    Y.applyUpdate(room, Y.encodeStateAsUpdate(markerOnly.doc, Y.encodeStateVector(room)));
    const tech = new Y.Doc();
    Y.applyUpdate(tech, Y.encodeStateAsUpdate(room));
    const deletions: Uint8Array[] = [];
    tech.on('update', (u: Uint8Array) => deletions.push(u));
    tech.getMap('jobs').delete(jobs[0]!);
    const deletion = deletions[0]!;
    expect(checkUpdateRules(room, deletion, technician)).toMatchObject({ reason: 'delete-entity', detail: expect.stringContaining('only admins and dispatchers') });
    expect(checkUpdateRules(room, deletion, { ...admin, archived })).toBeNull();
  });

  it('never allows removing other collections or in other rooms', () => {
    const { room, writer, jobs, held, edit } = setup();
    const archived = held(jobs);
    writer.doc.transact(() => writer.doc.getMap('customers').set('c9', new Y.Map()));
    Y.applyUpdate(room, Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(room)));
    const update = edit(() => {
      removeArchivedJobs(writer, '2026-03', jobs, ARCHIVIST, NOW);
      writer.doc.transact(() => writer.doc.getMap('customers').delete('c9'));
    });
    expect(checkUpdateRules(room, update, { ...admin, archived })).toMatchObject({ reason: 'delete-entity', detail: expect.stringContaining('customers/c9') });
  });

  it('takes copies in an archive room (other authors, the same record twice), never deletions', () => {
    const { writer, jobs } = setup();
    const archiveRoom = new Y.Doc();
    const inArchive: WriterContext = { ...base, subject: 'someone-else', room: 'archive-2026-03', role: 'dispatcher' };
    const first = new Y.Doc();
    copyJobsToArchive(writer.doc, first, '2026-03', jobs);
    const firstCopy = Y.encodeStateAsUpdate(first);
    expect(checkUpdateRules(archiveRoom, firstCopy, inArchive)).toBeNull();
    Y.applyUpdate(archiveRoom, firstCopy);
    const second = new Y.Doc();
    copyJobsToArchive(writer.doc, second, '2026-03', jobs);
    expect(checkUpdateRules(archiveRoom, Y.encodeStateAsUpdate(second), inArchive)).toBeNull();
    // The live board still refuses such a replacement.
    expect(checkUpdateRules(archiveRoom, Y.encodeStateAsUpdate(second), { ...inArchive, room: 'board' })?.reason).toBe('replace-entity');
    const deleting = new Y.Doc();
    Y.applyUpdate(deleting, firstCopy);
    const updates: Uint8Array[] = [];
    deleting.on('update', (u: Uint8Array) => updates.push(u));
    deleting.getMap('jobs').delete(jobs[0]!);
    expect(checkUpdateRules(archiveRoom, updates[0]!, inArchive)?.reason).toBe('delete-entity');
  });
});
