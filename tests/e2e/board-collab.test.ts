/**
 * Two dispatchers in two offices on the same board at the same time, each on their own device
 * (browser context) against the built app and the real relay: their edits merge into one
 * board on both screens, and the job's history shows who did what.
 */
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory, type SeededDirectory } from './board-support';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const rig = useBrowserRig({ closeDevices: 'after-each' });

async function dispatcher(org: string, sub: string, name: string): Promise<{ board: BoardPage; context: BrowserContext }> {
  const context = await rig.device();
  const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org, role: 'dispatcher', sub, name }));
  await board.waitForSync('synced', 0);
  return { board, context };
}

/** Both boards show the same cards in the same places once both have synced. */
async function converged(a: BoardPage, b: BoardPage): Promise<Awaited<ReturnType<BoardPage['boardSnapshot']>>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await Promise.all([a.waitForSync('synced', 0), b.waitForSync('synced', 0)]);
    const [left, right] = await Promise.all([a.boardSnapshot(), b.boardSnapshot()]);
    if (JSON.stringify(left) === JSON.stringify(right)) return left;
    if (Date.now() > deadline) expect(right).toEqual(left);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('two dispatchers in two offices', () => {
  let dir: SeededDirectory;
  const ORG = 'collab-org';

  beforeAll(async () => {
    dir = await seedDirectory(rig.relay, ORG);
  });

  it('create, drag, reassign and reprioritise at the same time and converge, with both in the history', async () => {
    const { board: alice } = await dispatcher(ORG, 'alice', 'Alice North');
    const { board: bob } = await dispatcher(ORG, 'bob', 'Bob Mission');

    const [northJob, missionJob] = await Promise.all([
      alice.createJob(aJob({ customerName: 'Telegraph Hill Condos', officeId: dir.offices.north })),
      bob.createJob(aJob({ customerName: 'Valencia Street Cafe', officeId: dir.offices.mission }))
    ]);
    await Promise.all([alice.jobCard(missionJob).waitFor(), bob.jobCard(northJob).waitFor()]);

    // At the same time: each works on both jobs.
    await Promise.all([
      (async () => {
        await alice.setTechnician(northJob, 'Ana Lopez');
        await alice.moveCard(missionJob, 'scheduled');
      })(),
      (async () => {
        await bob.setPriority(northJob, 'urgent');
        await bob.setTechnician(missionJob, 'Ben Okafor');
        await bob.moveCard(northJob, 'dispatched');
      })()
    ]);

    const board = await converged(alice, bob);
    expect(board[northJob]).toMatchObject({ status: 'dispatched', priority: 'urgent', techs: dir.technicians.ana });
    expect(board[missionJob]).toMatchObject({ status: 'scheduled', techs: dir.technicians.ben });
    await alice.page.screenshot({ path: screenshotPath('board-collab-alice-1920x1080') });

    await alice.openJobPage(northJob);
    const history = await alice.jobHistory();
    expect(history).toEqual(
      expect.arrayContaining(['Alice North created the job', 'Alice North assigned Ana Lopez', 'Bob Mission changed priority from Normal to Urgent', 'Bob Mission moved it from New to Dispatched'])
    );
    await alice.page.screenshot({ path: screenshotPath('job-page-1920x1080') });
  });

  it('ends concurrent conflicting moves of one card in the same column on both devices', async () => {
    const { board: alice, context: aliceDevice } = await dispatcher(ORG, 'alice', 'Alice North');
    const { board: bob, context: bobDevice } = await dispatcher(ORG, 'bob', 'Bob Mission');
    const number = await alice.createJob(aJob({ customerName: 'Noe Valley Dentistry' }));
    await bob.jobCard(number).waitFor();
    await Promise.all([alice.waitForSync('synced', 0), bob.waitForSync('synced', 0)]);

    // Concurrent for real: neither sees the other's move before making its own.
    await Promise.all([aliceDevice.setOffline(true), bobDevice.setOffline(true)]);
    await Promise.all([alice.waitForSync('offline'), bob.waitForSync('offline')]);
    await alice.dragCard(number, 'scheduled');
    await alice.waitForStatus(number, 'scheduled');
    await bob.keyboardMove(number, ['ArrowRight', 'ArrowRight']);
    await bob.waitForStatus(number, 'dispatched');
    await Promise.all([aliceDevice.setOffline(false), bobDevice.setOffline(false)]);

    const board = await converged(alice, bob);
    expect(['scheduled', 'dispatched']).toContain(board[number]?.status);
    expect(Object.values(await alice.boardSnapshot()).length).toBe(Object.values(await bob.boardSnapshot()).length);

    // Both moves are kept in the history, whichever won.
    await bob.openJobPage(number);
    const history = await bob.jobHistory();
    expect(history).toEqual(expect.arrayContaining(['Alice North moved it from New to Scheduled', 'Bob Mission moved it from New to Dispatched']));
  });
});
