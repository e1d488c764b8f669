/**
 * The job page in the browser: it opens and saves without a single console error, a closed
 * job's details cannot be changed (with a note why), and a manager sees every job read-only,
 * on the job page and in the board's side panel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/domain/access/roles';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { JobPage } from './pages/job-page';

const ORG = 'job-page-org';
const rig = useBrowserRig({ closeDevices: 'after-each' });

/** A signed-in device on the board, collecting console errors and uncaught exceptions. */
async function signedIn(role: Role, errors: string[]): Promise<BoardPage> {
  const context = await rig.device();
  const page: Page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));
  const board = new BoardPage(page, rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org: ORG, role, sub: `${role}-1`, name: `${role} one` }));
  return board;
}

describe('the job page', () => {
  it('opens, edits and saves a job without logging any console error', async () => {
    const errors: string[] = [];
    const board = await signedIn('dispatcher', errors);
    const number = await board.createJob(aJob({ customerName: 'Console Clean Bakery' }));
    let job = await JobPage.openFromBoard(board, number);
    await job.saveDetail('Problem', 'Walk-in cooler at 9 °C; door gasket torn.');
    await job.saveDetail('Resolution', 'Gasket replaced.');
    // Both saves kept (the second wrote only its own field), and opening the job again shows them.
    await board.navigate('Board');
    await board.waitForBoard();
    job = await JobPage.openFromBoard(board, number);
    expect(await job.detail('Problem')).toBe('Walk-in cooler at 9 °C; door gasket torn.');
    expect(await job.detail('Resolution')).toBe('Gasket replaced.');
    expect(errors).toEqual([]);
  });

  it("shows another dispatcher's saved change while keeping this one's unsaved typing, and saves only what was typed here", async () => {
    const errors: string[] = [];
    const ana = await signedIn('dispatcher', errors);
    const number = await ana.createJob(aJob({ customerName: 'Two Editors Deli' }));
    const bob = await signedIn('dispatcher', errors);
    await bob.jobCard(number).waitFor({ timeout: 20_000 });
    const anaJob = await JobPage.openFromBoard(ana, number);
    const bobJob = await JobPage.openFromBoard(bob, number);

    await anaJob.details.getByLabel('Problem', { exact: true }).fill('Ice machine leaking under the counter.');
    await bobJob.saveDetail('Resolution', 'Drain line cleared.');
    // Bob's saved field arrives on Ana's open form; her unsaved typing stays.
    await anaJob.waitForDetail('Resolution', 'Drain line cleared.');
    expect(await anaJob.detail('Problem')).toBe('Ice machine leaking under the counter.');

    await anaJob.details.getByRole('button', { name: 'Save changes' }).click();
    await anaJob.details.getByRole('status').getByText('Saved.').waitFor();
    await bobJob.waitForDetail('Problem', 'Ice machine leaking under the counter.');
    expect(await bobJob.detail('Resolution')).toBe('Drain line cleared.');
    expect(await anaJob.detail('Resolution')).toBe('Drain line cleared.');
    expect(errors).toEqual([]);
  });

  it('shows a closed job read-only, says why, and offers no more moves', async () => {
    const errors: string[] = [];
    const board = await signedIn('dispatcher', errors);
    const number = await board.createJob(aJob({ customerName: 'Closed Case Plumbing' }));
    const job = await JobPage.openFromBoard(board, number);
    expect(await job.editableControls()).toBeGreaterThan(5);
    for (const to of ['scheduled', 'dispatched', 'on_site', 'completed', 'closed'] as const) await job.move(to);

    expect(await job.root.getAttribute('data-editable')).toBe('false');
    expect(await job.readOnlyNote.textContent()).toMatch(/This job is closed, so its details are read-only\. Closed jobs are final\./);
    expect(await job.editableControls()).toBe(0);
    expect(await job.moves.count()).toBe(0);
    expect(await job.looksReadOnly('Customer')).toBe(true);
    await board.page.screenshot({ path: screenshotPath('job-closed-1920x1080') });
    expect(errors).toEqual([]);
  });

  it('leaves a cancelled job only its reopen move in the side panel', async () => {
    const errors: string[] = [];
    const board = await signedIn('dispatcher', errors);
    const number = await board.createJob(aJob({ customerName: 'Cancelled Call Cafe' }));
    await board.page.getByLabel('Finished').check();
    await board.setStatus(number, 'cancelled');
    const panel = await board.openPanel(number);
    expect(await panel.getByTestId('job-readonly-note').textContent()).toMatch(/cancelled.*move it to New/);
    expect(await panel.getByTestId('panel-status').locator('option').allTextContents()).toEqual(['Cancelled', 'New']);
    expect(await panel.getByTestId('panel-priority').count()).toBe(0);
    expect(await panel.locator('input:enabled').count()).toBe(0);
    // Reopening is still allowed, and makes the job editable again.
    await panel.getByTestId('panel-status').selectOption('new');
    await board.waitForStatus(number, 'new');
    await panel.getByTestId('panel-priority').waitFor();
    expect(errors).toEqual([]);
  });

  it("shows a manager every job read-only, on the job page and in the side panel", async () => {
    const dispatcherErrors: string[] = [];
    const dispatcher = await signedIn('dispatcher', dispatcherErrors);
    const number = await dispatcher.createJob(aJob({ customerName: 'Managers Look Only LLC' }));
    await dispatcher.waitForSync('synced', 0);

    const errors: string[] = [];
    const manager = await signedIn('manager', errors);
    await manager.jobCard(number).waitFor({ timeout: 20_000 });
    const panel = await manager.openPanel(number);
    expect(await panel.getByTestId('job-readonly-note').textContent()).toMatch(/your role can view jobs but not change them/);
    expect(await panel.getByTestId('panel-status').count()).toBe(0);
    expect(await panel.getByTestId('panel-priority').count()).toBe(0);
    expect(await panel.locator('input:enabled, select:enabled, button[type="submit"]').count()).toBe(0);

    const job = await JobPage.openFromBoard(manager, number);
    expect(await job.root.getAttribute('data-editable')).toBe('false');
    expect(await job.readOnlyNote.textContent()).toMatch(/your role can view jobs but not change them/);
    expect(await job.editableControls()).toBe(0);
    expect(await job.moves.count()).toBe(0);
    expect(await job.looksReadOnly('Problem')).toBe(true);
    expect([...dispatcherErrors, ...errors]).toEqual([]);
  });
});
