/**
 * The Schedule in the browser (issue 8, Done-when 4): a dispatcher drags an unscheduled job
 * onto a technician's row, moves the visit to another technician and time, resizes it, and
 * books another job from the keyboard dialog; a second dispatcher on another device sees each
 * change live. Against the built app and the real relay.
 *
 * Fixed instants: the shown day comes from `?day=2026-03-03` (a Tuesday; the offices are in
 * Los Angeles, UTC−8 that day), so every asserted instant follows from it. The device clocks
 * are left real: they only date the activity entries, which the relay refuses if in the future.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nodeBoard, seedDirectory } from './board-support';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { BoardPage } from './pages/board-page';
import { SchedulePage } from './pages/schedule-page';

const ORG = 'schedule-org';
const DAY = '2026-03-03';
const CREATED = new Date('2026-03-02T16:00:00.000Z');

const rig = useBrowserRig();

interface Dispatcher {
  schedule: SchedulePage;
  board: BoardPage;
  context: BrowserContext;
}

async function dispatcher(sub: string, name: string, org = ORG, role: 'dispatcher' | 'admin' = 'dispatcher'): Promise<Dispatcher> {
  const context = await rig.device();
  const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
  await board.signInWithLink(await rig.token({ org, role, sub, name }));
  await board.waitForSync('synced', 0);
  const schedule = new SchedulePage(board.page, rig.relay.httpUrl);
  await schedule.open(DAY);
  return { schedule, board, context };
}

/** Two jobs to schedule, written by a Node client with fixed creation instants. */
async function seedJobs(org = ORG): Promise<{ leak: { id: string; number: string }; boiler: { id: string; number: string } }> {
  const { board, connection, confirmed } = await nodeBoard(rig.relay, org);
  try {
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const make = (customerName: string, estimatedMinutes: number) => {
      const r = board.createJob({ customerName, problem: 'No heat', estimatedMinutes }, seeder, 'SEED', CREATED);
      if (!r.ok) throw new Error('could not seed a job');
      return { id: r.job.id, number: r.job.number };
    };
    const jobs = { leak: make('Telegraph Hill Condos', 60), boiler: make('Valencia Street Cafe', 90) };
    await confirmed();
    return jobs;
  } finally {
    connection.destroy();
  }
}

describe('schedule', () => {
  it('drag in, move across technicians, resize and the keyboard dialog, seen live by a second dispatcher', async () => {
    await seedDirectory(rig.relay, ORG);
    const { leak, boiler } = await seedJobs();
    const alice = (await dispatcher('alice', 'Alice North')).schedule;
    const bob = (await dispatcher('bob', 'Bob Mission')).schedule;
    const first = `v1:${leak.id}`;

    // Drag the unscheduled job onto Ana's row at 10:00 (18:00Z): booked for its 60 minutes.
    await alice.dragJob(leak.number, 'Ana Lopez', '10:00');
    await alice.waitForVisit(first, 'Ana Lopez', '2026-03-03T18:00:00.000Z', '2026-03-03T19:00:00.000Z');
    await bob.waitForVisit(first, 'Ana Lopez', '2026-03-03T18:00:00.000Z', '2026-03-03T19:00:00.000Z');
    await bob.unscheduled(leak.number).waitFor({ state: 'detached', timeout: 20_000 });

    // Move it to Ben at 13:00.
    await alice.dragVisit(first, 'Ben Okafor', '13:00');
    await alice.waitForVisit(first, 'Ben Okafor', '2026-03-03T21:00:00.000Z', '2026-03-03T22:00:00.000Z');
    await bob.waitForVisit(first, 'Ben Okafor', '2026-03-03T21:00:00.000Z', '2026-03-03T22:00:00.000Z');

    // Resize it to end at 14:30.
    await alice.resizeVisit(first, 'Ben Okafor', '14:30');
    await alice.waitForVisit(first, 'Ben Okafor', '2026-03-03T21:00:00.000Z', '2026-03-03T22:30:00.000Z');
    await bob.waitForVisit(first, 'Ben Okafor', '2026-03-03T21:00:00.000Z', '2026-03-03T22:30:00.000Z');

    // The keyboard path: Bob books the other job for Cruz at 09:00 for 90 minutes.
    await bob.bookWithKeyboard(`${boiler.number} · Valencia Street Cafe`, 'Cruz Diaz', DAY, '09:00', 90);
    await bob.waitForVisit(`v1:${boiler.id}`, 'Cruz Diaz', '2026-03-03T17:00:00.000Z', '2026-03-03T18:30:00.000Z');
    await alice.waitForVisit(`v1:${boiler.id}`, 'Cruz Diaz', '2026-03-03T17:00:00.000Z', '2026-03-03T18:30:00.000Z');
    // …and moves Alice's visit back to Ana at 15:00 for 30 minutes, without a pointer.
    await bob.editWithKeyboard(first, 'Ana Lopez', '15:00', 30);
    await bob.waitForVisit(first, 'Ana Lopez', '2026-03-03T23:00:00.000Z', '2026-03-03T23:30:00.000Z');
    await alice.waitForVisit(first, 'Ana Lopez', '2026-03-03T23:00:00.000Z', '2026-03-03T23:30:00.000Z');
    await alice.page.screenshot({ path: screenshotPath('schedule-day-1920x1080') });
    // The week view shows Monday–Sunday with the visits on their day.
    await alice.page.getByRole('button', { name: 'Week', exact: true }).click();
    await alice.page.getByTestId('schedule-range').filter({ hasText: '2026-03-02 – 2026-03-08' }).waitFor();
    await alice.waitForVisit(first, 'Ana Lopez', '2026-03-03T23:00:00.000Z', '2026-03-03T23:30:00.000Z');
  });

  it('two dispatchers offline double-book a technician: both see it on the schedule and the board, a move on one clears it on both', async () => {
    const org = 'schedule-conflict-org';
    await seedDirectory(rig.relay, org);
    const { leak, boiler } = await seedJobs(org);
    const alice = await dispatcher('alice', 'Alice North', org);
    const bob = await dispatcher('bob', 'Bob Mission', org);
    const [a, b] = [`v1:${leak.id}`, `v1:${boiler.id}`];

    await Promise.all([alice.context.setOffline(true), bob.context.setOffline(true)]);
    await Promise.all([alice.board.waitForSync('offline'), bob.board.waitForSync('offline')]);
    await alice.schedule.dragJob(leak.number, 'Ana Lopez', '10:00');
    await bob.schedule.dragJob(boiler.number, 'Ana Lopez', '10:30');
    // Offline, neither sees the other's booking: no conflict yet.
    await alice.schedule.visit(a).and(alice.schedule.page.locator('[data-conflict="false"]')).waitFor();
    await bob.schedule.visit(b).and(bob.schedule.page.locator('[data-conflict="false"]')).waitFor();

    await Promise.all([alice.context.setOffline(false), bob.context.setOffline(false)]);
    await Promise.all([alice.board.waitForSync('synced', 0), bob.board.waitForSync('synced', 0)]);
    for (const { schedule } of [alice, bob]) {
      for (const id of [a, b]) await schedule.visit(id).and(schedule.page.locator('[data-conflict="true"]')).waitFor({ timeout: 20_000 });
    }
    // The board shows both cards flagged on both devices.
    for (const d of [alice, bob]) {
      await d.board.open('/board');
      await d.board.waitForBoard();
      for (const number of [leak.number, boiler.number]) await d.board.jobCard(number).getByTestId('card-conflict').waitFor({ timeout: 20_000 });
    }
    await bob.schedule.page.screenshot({ path: screenshotPath('schedule-conflict-board-1920x1080') });
    // …and on the wall screen.
    await bob.board.open('/wall');
    for (const number of [leak.number, boiler.number]) {
      await bob.board.page.locator(`[data-testid="wall-card"][data-job-number="${number}"] [data-testid="wall-conflict"]`).waitFor({ timeout: 20_000 });
    }

    // Alice resolves it on the schedule by moving her visit after Bob's; both boards clear.
    await alice.schedule.open(DAY);
    await alice.schedule.dragVisit(a, 'Ana Lopez', '13:00');
    await alice.schedule.waitForVisit(a, 'Ana Lopez', '2026-03-03T21:00:00.000Z', '2026-03-03T22:00:00.000Z');
    await alice.schedule.visit(b).and(alice.schedule.page.locator('[data-conflict="false"]')).waitFor({ timeout: 20_000 });
    for (const number of [leak.number, boiler.number]) {
      await bob.board.page.locator(`[data-testid="wall-card"][data-job-number="${number}"]`).waitFor();
      await bob.board.page.locator(`[data-testid="wall-card"][data-job-number="${number}"] [data-testid="wall-conflict"]`).waitFor({ state: 'detached', timeout: 20_000 });
    }
    await bob.board.open('/board');
    await bob.board.waitForBoard();
    for (const number of [leak.number, boiler.number]) {
      await bob.board.jobCard(number).waitFor();
      expect(await bob.board.jobCard(number).getByTestId('card-conflict').count()).toBe(0);
    }
  });

  it('raises an emergency on every dispatcher screen until a technician is assigned', async () => {
    const org = 'schedule-emergency-org';
    const dir = await seedDirectory(rig.relay, org);
    const alice = await dispatcher('alice', 'Alice North', org);
    const bob = await dispatcher('bob', 'Bob Mission', org);
    const { board, connection, confirmed } = await nodeBoard(rig.relay, org);
    try {
      const seeder = { id: 'test-seed', name: 'Test seed' };
      const created = board.createJob({ customerName: 'Mission Clinic', problem: 'Gas smell', type: 'emergency', priority: 'urgent' }, seeder, 'SEED', CREATED);
      if (!created.ok) throw new Error('could not seed the emergency');
      await confirmed();
      for (const d of [alice, bob]) await d.schedule.page.getByTestId('emergency-alert').filter({ hasText: created.job.number }).waitFor({ timeout: 20_000 });
      board.assignTechnicians(created.job.id, [dir.technicians.ana], seeder, CREATED);
      await confirmed();
      for (const d of [alice, bob]) await d.schedule.page.getByTestId('emergency-alert').waitFor({ state: 'detached', timeout: 20_000 });
    } finally {
      connection.destroy();
    }
  });

  it('flags a visit on time off an admin enters in Settings, on the schedule', async () => {
    const org = 'schedule-time-off-org';
    await seedDirectory(rig.relay, org);
    const { leak } = await seedJobs(org);
    const admin = await dispatcher('root', 'Ada Admin', org, 'admin');
    await admin.schedule.dragJob(leak.number, 'Cruz Diaz', '10:00');
    const block = admin.schedule.visit(`v1:${leak.id}`);
    await block.and(admin.schedule.page.locator('[data-conflict="false"]')).waitFor({ timeout: 20_000 });

    await admin.board.open('/settings/availability');
    const panel = admin.board.page.getByTestId('time-off');
    await panel.getByLabel('Technician').selectOption({ label: 'Cruz Diaz' });
    await panel.getByLabel('First day').fill(DAY);
    await panel.getByLabel('Reason').fill('Training');
    await panel.getByRole('button', { name: 'Add time off' }).click();
    await panel.getByTestId('time-off-row').filter({ hasText: 'Cruz Diaz' }).filter({ hasText: DAY }).waitFor({ timeout: 20_000 });

    await admin.schedule.open(DAY);
    await block.and(admin.schedule.page.locator('[data-conflict="true"]')).waitFor({ timeout: 20_000 });
    expect(await block.getByRole('button').getAttribute('title')).toContain('Cruz Diaz is off (Training).');
    // The job page lists the visit with the same flag.
    await admin.board.open(`/jobs/${leak.id}`);
    await admin.board.page.getByTestId('job-visit').filter({ hasText: 'Cruz Diaz is off (Training).' }).waitFor({ timeout: 20_000 });
  });

  it('shades hours off, flags only the visits in them, and shows the emergency reserve and a day that eats into it', async () => {
    const org = 'schedule-reserve-org';
    await seedDirectory(rig.relay, org);
    const { leak, boiler } = await seedJobs(org);
    const admin = await dispatcher('root', 'Ada Admin', org, 'admin');

    await admin.board.open('/settings/availability');
    // Mission (Cruz's office) keeps half of each day free for emergencies.
    const reserve = admin.board.page.getByTestId('reserve-row').filter({ hasText: 'SF-M' });
    await reserve.getByRole('spinbutton').fill('50');
    await reserve.getByRole('button', { name: 'Save' }).click();
    await admin.board.page.getByTestId('reserve-saved').filter({ hasText: 'SF-M' }).waitFor();
    // Cruz is at the dentist 12:00–17:00: hours, not the whole day.
    const panel = admin.board.page.getByTestId('time-off');
    await panel.getByLabel('Technician').selectOption({ label: 'Cruz Diaz' });
    await panel.getByLabel('First day').fill(DAY);
    await panel.getByLabel('From (time)').fill('12:00');
    await panel.getByLabel('Until (time)').fill('17:00');
    await panel.getByLabel('Reason').fill('Dentist');
    await panel.getByRole('button', { name: 'Add time off' }).click();
    await panel.getByTestId('time-off-row').filter({ hasText: `Cruz Diaz · ${DAY} 12:00–17:00 · Dentist` }).waitFor({ timeout: 20_000 });

    await admin.schedule.open(DAY);
    const row = admin.schedule.page.locator('[data-testid="tech-row"][data-tech-name="Cruz Diaz"]');
    expect(await row.getByTestId('away-span').getAttribute('title')).toBe(`Off ${DAY} 12:00–17:00 (Dentist)`);
    // 08:00–12:00 left = 4 h: 2 h for routine work, 2 h kept for emergencies.
    const capacity = () => row.getByTestId('tech-capacity').textContent().then((t) => t?.replace(/\s+/g, ' ').trim());
    await expect.poll(capacity).toBe('0 h / 2 h + 2 h reserve');
    expect(await admin.schedule.page.locator('[data-testid="tech-row"][data-tech-name="Ana Lopez"]').getByTestId('tech-reserve').count()).toBe(0);

    // 1 h booked in the morning: within the routine 2 h, no flag, no conflict.
    await admin.schedule.dragJob(leak.number, 'Cruz Diaz', '08:00');
    await expect.poll(capacity, { timeout: 20_000 }).toBe('1 h / 2 h + 2 h reserve');
    expect(await row.getByTestId('reserve-flag').count()).toBe(0);
    // 1.5 h more: 2.5 h of routine work eats 0.5 h into the reserve, and the day is flagged.
    await admin.schedule.dragJob(boiler.number, 'Cruz Diaz', '09:30');
    const flag = row.getByTestId('reserve-flag');
    await flag.waitFor({ timeout: 20_000 });
    expect(await flag.getAttribute('title')).toMatch(/non-emergency work uses 0\.5 h of the 2 h emergency reserve$/);
    const boilerBlock = admin.schedule.visit(`v1:${boiler.id}`);
    await boilerBlock.and(admin.schedule.page.locator('[data-conflict="false"]')).waitFor({ timeout: 20_000 });
    // Moved to 11:30 it runs into the dentist: flagged as time off.
    await admin.schedule.dragVisit(`v1:${boiler.id}`, 'Cruz Diaz', '11:30');
    await boilerBlock.and(admin.schedule.page.locator('[data-conflict="true"]')).waitFor({ timeout: 20_000 });
    expect(await boilerBlock.getByRole('button').getAttribute('title')).toContain('Cruz Diaz is off (Dentist).');
    await admin.schedule.page.screenshot({ path: screenshotPath('schedule-hours-off-reserve') });
  });
});
