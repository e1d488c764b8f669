import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ARCHIVIST, jobEndingAt } from '../../../tests/factories/archive-jobs';
import { archivePlan, copyJobsToArchive, jobsHeldByArchive, recordsOfJobs, removeArchivedJobs, runArchive, setArchiveAge, type ArchiveTarget } from './archiver';
import { BoardDoc } from './board-doc';

const NOW = new Date('2026-06-10T20:00:00.000Z');

function boardWithHistory(): { board: BoardDoc; old: string[]; young: string; open: string } {
  const board = new BoardDoc(new Y.Doc());
  const old = [jobEndingAt(board, 'closed', '2026-03-05T18:00:00Z'), jobEndingAt(board, 'paid', '2026-03-20T18:00:00Z'), jobEndingAt(board, 'cancelled', '2026-02-10T18:00:00Z', 'cust-2')];
  const young = jobEndingAt(board, 'closed', '2026-05-20T18:00:00Z');
  const open = jobEndingAt(board, 'completed', '2026-01-20T18:00:00Z');
  return { board, old, young, open };
}

describe('archiving closed work', () => {
  it('plans only closed work older than the org setting, by month', () => {
    const { board, old } = boardWithHistory();
    const plan = archivePlan(board, NOW);
    expect(new Map([...plan].map(([m, c]) => [m, c.map((x) => x.jobId).sort()]))).toEqual(new Map([['2026-02', [old[2]]], ['2026-03', [old[0], old[1]].sort()]]));
    setArchiveAge(board, 10);
    expect([...archivePlan(board, NOW).values()].flat()).toHaveLength(4);
  });

  describe('archive months on devices in different zones', () => {
    afterEach(() => vi.restoreAllMocks());

    /** The plan as a device whose own zone is `zone` computes it from its replica of `board`. */
    function planOnDevice(board: BoardDoc, zone: string): Array<[string, string[]]> {
      const replica = new BoardDoc(new Y.Doc());
      Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(board.doc));
      const resolved = Intl.DateTimeFormat.prototype.resolvedOptions;
      vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
        return { ...resolved.call(this), timeZone: zone };
      });
      try {
        return [...archivePlan(replica, NOW)].map(([month, jobs]) => [month, jobs.map((j) => j.jobId)]);
      } finally {
        vi.restoreAllMocks();
      }
    }

    it('puts a job into the same month on every device when the organisation has no offices (UTC)', () => {
      const board = new BoardDoc(new Y.Doc());
      // 20:00 UTC on 31 March is already 1 April at UTC+14 and still 31 March at UTC-11.
      const job = jobEndingAt(board, 'closed', '2026-03-31T20:00:00Z');
      const east = planOnDevice(board, 'Pacific/Kiritimati');
      const west = planOnDevice(board, 'Pacific/Pago_Pago');
      expect(east).toEqual([['2026-03', [job]]]);
      expect(west).toEqual(east);
    });

    it('counts months in the offices’ zone once the organisation has one, whatever the device’s', () => {
      const board = new BoardDoc(new Y.Doc());
      const added = board.directory.createOffice({ name: 'Berlin', code: 'BER', timeZone: 'Europe/Berlin' });
      expect(added.ok).toBe(true);
      // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin.
      const job = jobEndingAt(board, 'closed', '2026-03-31T23:30:00Z');
      expect(planOnDevice(board, 'Pacific/Pago_Pago')).toEqual([['2026-04', [job]]]);
      expect(planOnDevice(board, 'Pacific/Kiritimati')).toEqual([['2026-04', [job]]]);
    });
  });

  it('copies a job with all its records, then removes them with a marker in one transaction', () => {
    const { board, old } = boardWithHistory();
    const archive = new Y.Doc();
    const jobId = old[0]!;
    const before = recordsOfJobs(board.doc, new Set([jobId]));
    expect([...before.keys()].sort()).toEqual(['fieldNotes', 'jobEvents', 'jobs']);
    expect(copyJobsToArchive(board.doc, archive, '2026-03', [jobId])).toBe(8); // the job, its created event and 5 status events, the note
    expect(copyJobsToArchive(board.doc, archive, '2026-03', [jobId])).toBe(0);
    expect(jobsHeldByArchive(board.doc, archive, [jobId, old[1]!])).toEqual([jobId]);
    let transactions = 0;
    board.doc.on('afterTransaction', () => transactions++);
    expect(removeArchivedJobs(board, '2026-03', [jobId], ARCHIVIST, NOW)).toBe(1);
    expect(transactions).toBe(1);
    expect(recordsOfJobs(board.doc, new Set([jobId])).size).toBe(0);
    expect(board.archiveMoves.monthOfJob(jobId)).toBe('2026-03');
    expect(board.archiveMoves.monthsOf('customerIds', 'cust-1')).toEqual(['2026-03']);
    expect(new BoardDoc(archive).getJob(jobId)?.status).toBe('closed');
    expect(removeArchivedJobs(board, '2026-03', [jobId], ARCHIVIST, NOW)).toBe(0);
  });

  it('moves a record synced after its job left (an offline note) to the job’s month on the next run, under the existing marker', async () => {
    const { board, old } = boardWithHistory();
    const jobId = old[0]!;
    const archive = new Y.Doc();
    const env = { openArchive: () => Promise.resolve({ doc: archive, whenDurable: () => Promise.resolve(), close: () => {} }), boardDurable: () => Promise.resolve() };
    await runArchive(board, env, archivePlan(board, NOW), ARCHIVIST, () => NOW);
    expect(board.getJob(jobId)).toBeUndefined();
    // A technician's note written offline before the move reaches the live board afterwards.
    const late = { jobId, visitId: `v1:${jobId}`, text: 'Left the old filter on site', at: '2026-03-05T17:00:00.000Z', stamp: '2026-03-05T17:00:00.000Z', by: 'tech-1' };
    board.doc.getMap('fieldNotes').set('late-note', new Y.Map<unknown>(Object.entries(late)));
    const plan = archivePlan(board, NOW);
    expect([...plan].map(([month, c]) => [month, c.map((x) => x.jobId)])).toEqual([['2026-03', [jobId]]]);
    const markers = board.archiveMoves.list().length;
    const reports = await runArchive(board, env, plan, ARCHIVIST, () => NOW);
    expect(reports).toEqual([{ month: '2026-03', planned: 1, copied: 1, moved: 1 }]);
    expect(board.doc.getMap('fieldNotes').has('late-note')).toBe(false);
    expect((archive.getMap('fieldNotes').get('late-note') as Y.Map<unknown>).get('text')).toBe('Left the old filter on site');
    expect(board.archiveMoves.list()).toHaveLength(markers);
    expect(archivePlan(board, NOW).size).toBe(0);
  });

  it('never issues an archived job number again', () => {
    const board = new BoardDoc(new Y.Doc());
    const ids = [1, 2, 3].map((i) => jobEndingAt(board, 'closed', `2026-03-0${i}T18:00:00Z`));
    const archive = new Y.Doc();
    copyJobsToArchive(board.doc, archive, '2026-03', ids);
    removeArchivedJobs(board, '2026-03', ids, ARCHIVIST, NOW);
    expect(board.jobs.size).toBe(0);
    const next = board.createJob({ customerName: 'Next', problem: 'x' }, ARCHIVIST, 'AB23', NOW);
    expect(next.ok && next.job.number).toBe('J-AB23-0004');
  });

  it('leaves a job whose copy is incomplete on the board', async () => {
    const { board, old } = boardWithHistory();
    const archive = new Y.Doc();
    const lossy: ArchiveTarget = {
      doc: archive,
      whenDurable: () => {
        // The relay lost part of the copy: one event vanished before confirmation.
        const events = archive.getMap('jobEvents');
        const first = [...events.keys()][0]!;
        archive.transact(() => events.delete(first));
        return Promise.resolve();
      },
      close: () => {}
    };
    const plan = new Map([['2026-03', [{ jobId: old[0]!, closedAt: '', month: '2026-03' }]]]);
    const reports = await runArchive(board, { openArchive: () => Promise.resolve(lossy), boardDurable: () => Promise.resolve() }, plan, ARCHIVIST, () => NOW);
    expect(reports).toEqual([{ month: '2026-03', planned: 1, copied: 8, moved: 0 }]);
    expect(board.getJob(old[0]!)).toBeDefined();
  });

  it('two replicas archiving the same jobs converge: one copy, nothing left live', () => {
    const { board, old } = boardWithHistory();
    const replica = new BoardDoc(new Y.Doc());
    Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(board.doc));
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    for (const [live, archive] of [[board, a], [replica, b]] as const) {
      copyJobsToArchive(live.doc, archive, '2026-03', [old[0]!, old[1]!]);
      removeArchivedJobs(live, '2026-03', [old[0]!, old[1]!], ARCHIVIST, NOW);
    }
    for (const [x, y] of [[a, b], [board.doc, replica.doc]] as const) {
      Y.applyUpdate(y, Y.encodeStateAsUpdate(x));
      Y.applyUpdate(x, Y.encodeStateAsUpdate(y));
    }
    expect(new BoardDoc(a).listJobs().map((j) => j.id).sort()).toEqual([old[0], old[1]].sort());
    expect(new BoardDoc(b).listJobs()).toHaveLength(2);
    expect(board.listJobs().map((j) => j.id)).not.toContain(old[0]);
    expect(board.archiveMoves.list()).toHaveLength(2);
    expect(board.archiveMoves.monthOfJob(old[1]!)).toBe('2026-03');
  });
});
