/**
 * The asset page (issue 11, Done when 4): an asset named by two jobs, each with a visit on a
 * different day that has a part used and a photo (records and bytes written by a Node client
 * through the real relay and blob store). The asset page shows both jobs, both parts and both
 * photos (bytes fetched and hash-checked), its warranty and covering agreement; an office
 * person edits a custom field; "New job for this asset" opens the intake with the asset
 * picked and its warranty shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadBlob, sha256Hex } from '../../src/lib/api/blob-api';
import { firstVisitId } from '../../src/lib/domain/scheduling/visit';
import { orgTimeOn, testNow, TEST_NOW } from '../clock';
import { nodeBoard } from './board-support';
import { screenshotPath } from './browser';
import { useBrowserRig } from './browser-rig';
import { AssetPage } from './pages/asset-page';
import { pngFromPage } from './pages/attachments-page';

const ORG = 'asset-org';
const DAY = 86_400_000;
const rig = useBrowserRig();
const seeded = { assetId: '', customerId: '', jobIds: [] as string[], numbers: [] as string[] };

beforeAll(async () => {
  // Two small PNGs drawn by the browser (different bytes, so two blobs).
  const scratch = await rig.device();
  const scratchPage = await scratch.newPage();
  const photos = [await pngFromPage(scratchPage, 320, 240, 20), await pngFromPage(scratchPage, 320, 240, 200)];
  await scratch.close();

  const token = await rig.token({ org: ORG, role: 'admin', sub: 'test-seed', name: 'Test seed' });
  const { board, connection, confirmed } = await nodeBoard(rig.relay, ORG);
  try {
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const dir = board.directory;
    const created = new Date(TEST_NOW.getTime() - 40 * DAY);
    const customer = dir.createCustomer({ name: 'Harbor Creamery' }, created);
    if (!customer.ok) throw new Error('seed customer');
    const site = dir.createSite({ customerId: customer.value.id, address: '500 Embarcadero, San Francisco' });
    if (!site.ok) throw new Error('seed site');
    const asset = dir.createAsset({ siteId: site.value.id, type: 'Ice machine', make: 'Hoshizaki', model: 'KM-515', serial: 'HZ-7781', installDate: '2024-03-01', warrantyEnd: '2027-02-28' });
    if (!asset.ok) throw new Error('seed asset');
    seeded.assetId = asset.value.id;
    seeded.customerId = customer.value.id;
    const covered = board.agreements.create({ customerId: customer.value.id, name: 'Ice machine care plan', siteIds: [site.value.id], assetIds: [asset.value.id], startDate: '2026-01-01', termMonths: 12, billingCycle: 'annual', priceCents: 60_000, pmInterval: 'quarterly' }, seeder, testNow());
    if (!covered.ok) throw new Error(`seed agreement: ${JSON.stringify(covered.errors)}`);
    const jobFields = { customerName: 'Harbor Creamery', customerId: customer.value.id, siteId: site.value.id, assetIds: [asset.value.id], siteAddress: '500 Embarcadero, San Francisco' };
    const visits = [
      { problem: 'Machine makes no ice', part: { sku: 'WV-12', description: 'Water inlet valve', quantity: 1 }, day: -14 },
      { problem: 'Ice cubes cloudy and small', part: { sku: 'FL-3', description: 'Water filter cartridge', quantity: 2 }, day: 0 }
    ];
    for (const [i, v] of visits.entries()) {
      const job = board.createJob({ ...jobFields, problem: v.problem }, seeder, 'SEED', new Date(created.getTime() + i * DAY));
      if (!job.ok) throw new Error('seed job');
      seeded.jobIds.push(job.job.id);
      seeded.numbers.push(job.job.number);
      const booked = board.scheduleJob(job.job.id, orgTimeOn(v.day, '09:00').toISOString(), orgTimeOn(v.day, '10:00').toISOString(), seeder, testNow());
      if (!booked.ok) throw new Error(booked.error);
      const visitId = firstVisitId(job.job.id);
      const used = board.fieldWork.addPartUse(visitId, v.part, seeder, testNow());
      if (!used.ok) throw new Error(used.error);
      const bytes = new Uint8Array(photos[i]!);
      const sha256 = await sha256Hex(bytes);
      const stored = await uploadBlob({ baseUrl: rig.relay.httpUrl, token, org: ORG }, sha256, 'image/png', bytes);
      if (stored.status === null || stored.status >= 300) throw new Error(`upload: ${stored.message}`);
      const added = board.attachments.add({ jobId: job.job.id, visitId, kind: 'photo', sha256, type: 'image/png', size: bytes.byteLength, width: 320, height: 240, caption: `Visit ${i + 1} photo` }, seeder, testNow());
      if (!added.ok) throw new Error(added.error);
    }
    await confirmed();
  } finally {
    connection.destroy();
  }
}, 90_000);

describe('the asset page', () => {
  it('shows the jobs, parts and photos of two visits, warranty and agreement; edits a field; starts a job for the asset', { timeout: 120_000 }, async () => {
    const { page } = await rig.signedIn({ org: ORG, role: 'dispatcher', sub: 'disp-dee', name: 'Dee Dispatcher' }, { awaitSync: false });
    const asset = new AssetPage(page, rig.relay.httpUrl);
    await asset.open(seeded.assetId);

    await expect.poll(() => asset.jobs().count(), { timeout: 20_000 }).toBe(2);
    for (const [i, jobId] of seeded.jobIds.entries()) await expect(asset.job(jobId).textContent()).resolves.toContain(seeded.numbers[i]);
    await expect.poll(async () => (await asset.parts().allTextContents()).sort()).toEqual(['1 × Water inlet valve (WV-12)', '2 × Water filter cartridge (FL-3)']);
    await asset.waitForPhotos(2);
    // Each photo sits under its own job's visit.
    for (const jobId of seeded.jobIds) expect(await asset.job(jobId).locator('[data-testid="attachment"][data-state="ready"]').count()).toBe(1);
    expect(await asset.warranty.getAttribute('data-state')).toBe('in');
    expect(await asset.warranty.textContent()).toBe('in warranty until 2027-02-28');
    expect(await asset.agreements.textContent()).toContain('Ice machine care plan');
    await page.screenshot({ path: screenshotPath('asset-page'), fullPage: true });

    await asset.editCustomField('Refrigerant', 'R-404A');
    await expect.poll(() => asset.summary.textContent()).toContain('R-404A');

    const dialog = await asset.startNewJob();
    const choices = asset.equipmentChoices(dialog);
    expect(await choices.getByRole('checkbox').isChecked()).toBe(true);
    expect(await choices.textContent()).toContain('in warranty until 2027-02-28');
    expect(await asset.pickedCustomer(dialog).textContent()).toContain('Harbor Creamery');
    await page.keyboard.press('Escape');

    // Reached from the customer's sites and from a job naming it.
    await asset.followLink(`/customers/${seeded.customerId}`, 'asset-link', seeded.assetId);
    await asset.followLink(`/jobs/${seeded.jobIds[0]}`, 'job-asset-link', seeded.assetId);
  });
});
