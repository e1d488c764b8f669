/**
 * Issue 13: a customer's closed work that moved to a monthly archive still shows on the
 * customer page. The archive is made through the real relay by a Node admin client (the same
 * protocol as Settings › Archive); the browser opens the archive month only when the page
 * needs it, and an archived job opens read-only at /jobs/<id>.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { archivePlan } from '../../src/lib/sync/archiver';
import { testNow } from '../clock';
import { jobEndingAt } from '../factories/archive-jobs';
import { ARCHIVE_SEEDER as SEED, archiveThroughRelay, seedCustomer, seedOfficeAndCustomer } from './archive-support';
import { nodeBoard } from './board-support';
import { useBrowserRig } from './browser-rig';
import { ArchiveSettingsPage } from './pages/archive-settings-page';
import { CustomerPage } from './pages/customer-page';

const ORG = 'archive-org';
const DAY = 86_400_000;
const rig = useBrowserRig();
const seeded = { customerId: '', archived: [] as Array<{ id: string; number: string }>, liveNumber: '', month: '', other: { customerId: '', id: '', number: '', month: '' } };

beforeAll(async () => {
  const { board, connection, confirmed } = await nodeBoard(rig.relay, ORG);
  try {
    // The organisation's zone (its office's) decides a job's archive month on every device; without an
    // office it would be each browser's own zone, and the months computed here would not be the app's.
    seeded.customerId = seedOfficeAndCustomer(board, 'Harbor Creamery');
    // Two jobs closed 100 and 101 days ago (archived), one closed yesterday (stays live).
    for (const days of [100, 101]) {
      const id = jobEndingAt(board, 'closed', new Date(testNow().getTime() - days * DAY).toISOString(), seeded.customerId, SEED, 'SEED');
      seeded.archived.push({ id, number: board.getJob(id)!.number });
    }
    const live = jobEndingAt(board, 'closed', new Date(testNow().getTime() - DAY).toISOString(), seeded.customerId, SEED, 'SEED');
    seeded.liveNumber = board.getJob(live)!.number;
    // Another customer's old job, left for Settings › Archive to move.
    const otherCustomerId = seedCustomer(board, 'Bay Bistro');
    const otherJob = jobEndingAt(board, 'cancelled', new Date(testNow().getTime() - 130 * DAY).toISOString(), otherCustomerId, SEED, 'SEED');
    seeded.other = { customerId: otherCustomerId, id: otherJob, number: board.getJob(otherJob)!.number, month: '' };
    await confirmed();
    const everything = archivePlan(board, testNow());
    seeded.other.month = [...everything].find(([, c]) => c.some((x) => x.jobId === otherJob))![0];
    const mine = new Set(seeded.archived.map((j) => j.id));
    const plan = new Map([...everything].map(([m, c]) => [m, c.filter((x) => mine.has(x.jobId))] as const).filter(([, c]) => c.length > 0));
    seeded.month = [...plan.keys()][0]!;
    await archiveThroughRelay(rig.relay, ORG, board, connection, plan, 2);
  } finally {
    connection.destroy();
  }
}, 90_000);

describe('archived history', () => {
  it('shows a customer’s archived jobs, loading their month only on the customer page', { timeout: 120_000 }, async () => {
    const { page } = await rig.signedIn({ org: ORG, role: 'dispatcher', sub: 'disp-dee', name: 'Dee Dispatcher' }, { awaitSync: false });
    const customer = new CustomerPage(page, rig.relay.httpUrl);
    const archiveDb = `fieldboard:${ORG}/archive-${seeded.month}`;
    expect(await customer.localDatabases()).not.toContain(archiveDb);

    await customer.open(seeded.customerId);
    await expect.poll(() => customer.pastJobs.textContent(), { timeout: 20_000 }).toContain(seeded.liveNumber);
    await expect.poll(async () => (await customer.archivedJobs.textContent()) ?? '', { timeout: 20_000 }).toContain(seeded.archived[0]!.number);
    const archivedText = (await customer.archivedJobs.textContent()) ?? '';
    for (const job of seeded.archived) expect(archivedText).toContain(job.number);
    expect(await customer.pastJobs.textContent()).not.toContain(seeded.archived[0]!.number);
    expect(await customer.localDatabases()).toContain(archiveDb);

    const job = await customer.openArchivedJob(seeded.archived[1]!.number);
    expect(await job.textContent()).toContain('Closed');
    expect(await job.getByTestId('history-entry').count()).toBeGreaterThan(3);
  });

  it('Settings › Archive shows what would move, moves it, and the job stays in its customer’s history', { timeout: 120_000 }, async () => {
    const { page } = await rig.signedIn({ org: ORG, role: 'admin', sub: 'admin-ada', name: 'Ada Admin' }, { viewport: 'phone', awaitSync: false });
    const settings = new ArchiveSettingsPage(page, rig.relay.httpUrl);
    await settings.open();
    await expect.poll(() => settings.preview.textContent(), { timeout: 20_000 }).toContain('1 job');
    // A phone shows the page without sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await settings.archiveNow.click();
    await expect.poll(async () => (await settings.report.textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toContain('1 of 1 moved');
    expect(await page.getByTestId('archive-preview-empty').count()).toBe(1);
    const customer = new CustomerPage(page, rig.relay.httpUrl);
    await customer.open(seeded.other.customerId);
    await expect.poll(async () => (await customer.archivedJobs.textContent().catch(() => '')) ?? '', { timeout: 20_000 }).toContain(seeded.other.number);
    expect(await customer.localDatabases()).toContain(`fieldboard:${ORG}/archive-${seeded.other.month}`);
  });
});
