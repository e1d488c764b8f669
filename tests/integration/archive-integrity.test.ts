/**
 * Archive moves lose no edit (sync README "Archive moves"), through the real relay with the
 * app's own workspaces:
 * - an edit that reaches the relay between the archiver's copy and its removal makes the relay
 *   refuse the removal (the archive holds an older copy); the next run moves the edited job;
 * - an edit made offline to a job that is archived meanwhile (and the relay restarted) reaches
 *   the job's archive month when its device comes back, refused nowhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { archivePlan, copyJobsToArchive, removeArchivedJobs, runArchive } from '../../src/lib/sync/archiver';
import type { Workspace } from '../../src/lib/sync/workspace';
import { jobEndingAt } from '../factories/archive-jobs';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { stockClient, synced, until, untilAsync } from './support/clients';
import { openWorkspace } from './support/workspaces';

const ORG = 'keep';
const NOW = new Date('2026-06-10T20:00:00.000Z');
const ADA = { id: 'ada', name: 'Ada' };
const DAN = { id: 'dan', name: 'Dan' };
const MONTH = '2026-03';

/** A fresh stock client's copy of a room, as the relay serves it now. */
async function roomCopy(relay: RelayProcess, doc: string): Promise<BoardDoc> {
  const client = stockClient(relay.wsUrl, `${ORG}/${doc}`, await makeToken(relay.dataDir, { org: ORG, role: 'admin', sub: 'reader' }));
  await synced(client);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  return new BoardDoc(copy);
}

const confirmed = (ws: Workspace) => ws.boardConnection.monitor.state.phase === 'synced';

describe('archive moves that lose nothing', () => {
  let relay: RelayProcess | null = null;
  const open: Workspace[] = [];

  afterEach(async () => {
    for (const ws of open.splice(0)) ws.destroy();
    await relay?.kill('SIGTERM');
    relay = null;
  });

  async function workspace(role: 'admin' | 'dispatcher' | 'technician', sub: string): Promise<Workspace> {
    const ws = await openWorkspace(relay!, ORG, role, sub);
    open.push(ws);
    return ws;
  }

  it('refuses a removal whose archive copy misses an edit made after the copy, and the next run moves the edited job', async () => {
    relay = await startRelay();
    const ada = await workspace('admin', ADA.id);
    const dan = await workspace('dispatcher', DAN.id);
    const job = jobEndingAt(ada.board, 'closed', '2026-03-05T18:00:00Z', 'cust-1', ADA, 'ADA2');
    await until(() => confirmed(ada) && dan.board.getJob(job) !== undefined, 'the closed job on both devices', 20_000);

    // Ada's archiver copies the job and waits until the relay has committed the copy…
    const target = await ada.archiveEnvironment().openArchive(MONTH);
    expect(copyJobsToArchive(ada.board.doc, target.doc, MONTH, [job])).toBeGreaterThan(0);
    await target.whenDurable();
    // …Dan's edit reaches the relay before her removal does (her board socket is slow: it is off).
    ada.boardConnection.provider!.disconnect();
    expect(dan.board.updateJob(job, { problem: 'Cooler warm; compressor short-cycling' }, DAN, 'edited', NOW).ok).toBe(true);
    await until(() => confirmed(dan), 'the relay to confirm the edit');
    expect(removeArchivedJobs(ada.board, MONTH, [job], ADA, NOW)).toBe(1);
    ada.boardConnection.provider!.connect();
    await until(() => ada.boardConnection.whenRefusalHandled !== null, 'the relay to refuse the removal');
    const refusal = await ada.boardConnection.whenRefusalHandled;
    target.close();
    expect(refusal?.detail).toBe(`archive-${MONTH} holds an older copy of jobs/${job}`);

    // The live record stays, with the edit; the archive still holds the older copy.
    const live = await roomCopy(relay, 'board');
    expect(live.getJob(job)?.problem).toBe('Cooler warm; compressor short-cycling');
    expect(live.archiveMoves.list()).toHaveLength(0);

    // The next run (Ada's device reopened from the relay) copies the newer fields and moves it.
    const again = await workspace('admin', ADA.id);
    await until(() => again.board.getJob(job) !== undefined && confirmed(again), 'the reopened board', 45_000);
    const reports = await runArchive(again.board, again.archiveEnvironment(), archivePlan(again.board, NOW), ADA, () => NOW);
    // Copied: the edited job and the edit's activity entry.
    expect(reports).toEqual([{ month: MONTH, planned: 1, copied: 2, moved: 1 }]);
    expect(again.boardConnection.refusal).toBeNull();
    expect((await roomCopy(relay, `archive-${MONTH}`)).getJob(job)?.problem).toBe('Cooler warm; compressor short-cycling');
    expect((await roomCopy(relay, 'board')).getJob(job)).toBeUndefined();
  }, 90_000);

  it('forwards an edit made offline to a job archived meanwhile into its archive month, refusing nothing', async () => {
    relay = await startRelay();
    const ada = await workspace('admin', ADA.id);
    const dan = await workspace('dispatcher', DAN.id);
    const job = jobEndingAt(ada.board, 'closed', '2026-03-05T18:00:00Z', 'cust-1', ADA, 'ADA2');
    await until(() => confirmed(ada) && dan.board.getJob(job) !== undefined && confirmed(dan), 'the closed job on both devices', 20_000);

    // Dan's laptop goes offline and he edits the job there (two fields, one of them twice).
    dan.boardConnection.provider!.disconnect();
    dan.board.updateJob(job, { problem: 'Cooler warm' + ' (first note)' }, DAN, 'edited', NOW);
    dan.board.updateJob(job, { problem: 'Cooler warm; door seal torn', siteAddress: '2000 Mission St' }, DAN, 'edited', NOW);

    // Meanwhile Ada archives it; days pass (the relay restarts and unloads everything).
    const reports = await runArchive(ada.board, ada.archiveEnvironment(), archivePlan(ada.board, NOW), ADA, () => NOW);
    expect(reports).toEqual([{ month: MONTH, planned: 1, copied: expect.any(Number) as number, moved: 1 }]);
    ada.destroy();
    await relay.restart();

    // Dan comes back: his edit lands in the archive month, and nothing is refused.
    dan.boardConnection.provider!.connect();
    await until(() => confirmed(dan), 'Dan’s board to be confirmed after reconnecting', 30_000);
    expect(dan.boardConnection.refusal).toBeNull();
    await untilAsync(async () => (await roomCopy(relay!, `archive-${MONTH}`)).getJob(job)?.problem === 'Cooler warm; door seal torn', 'the edit in the archive month', 20_000);
    const archived = (await roomCopy(relay, `archive-${MONTH}`)).getJob(job);
    expect(archived).toMatchObject({ problem: 'Cooler warm; door seal torn', siteAddress: '2000 Mission St', status: 'closed' });
    // The job stays out of the live board, on the relay and on Dan's device.
    expect((await roomCopy(relay, 'board')).getJob(job)).toBeUndefined();
    await until(() => dan.board.getJob(job) === undefined, 'the job to leave Dan’s board');
    expect(dan.boardConnection.refusal).toBeNull();
  }, 120_000);
});
