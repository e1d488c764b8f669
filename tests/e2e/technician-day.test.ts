/**
 * The technician app (issue 9) on a phone (390×844), against the built app and the real relay:
 * a technician signs in, syncs once, goes offline for the day, and completes a visit with the
 * status taps (location shared), time entries (a break included), two parts, a note, two
 * photos, the customer's signature and a checklist tick; edits a time entry with a reason. The phone is closed and opened again on the
 * same profile, still offline: everything is there. Back online, a dispatcher watching the job
 * page sees the status, time, parts, note, photos and signature (bytes fetched from the blob
 * store and hash-verified) within 5 s; the edited entry's original and reason
 * are in its history. Screenshots of "My day" and of the visit are kept as artefacts. A tap whose
 * location the browser refuses is never held up, and technicians are not offered board-wide actions.
 *
 * Fixed instants: visits are booked on the test day in the org's zone (`orgTimeOn`), the
 * browsers run on the test clock (tests/clock.ts).
 */
import { rmSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgTimeOn, TEST_NOW } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard, nodeCatalog, waitFor } from './board-support';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { BoardPage } from './pages/board-page';
import { TechnicianPage } from './pages/technician-page';
import { newProfileDir, openPersistentDevice } from './persistent-device';
import { AttachmentsPanel, BLOB_NOT_UPLOADED_YET, pngFromPage } from './pages/attachments-page';

const ORG = 'tech-day-org';
const TECH_USER = 'tess';
const SITE_LOCATION = { latitude: 37.7599, longitude: -122.4148 };
const TIMEOUT = 20_000;

let relay: RelayProcess;
let browser: Browser;
let seeded: { visitId: string; jobId: string; number: string; tomorrowVisitId: string };
const profileDir = newProfileDir('technician');
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  seeded = await seedDay();
  await seedPriceBook();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await relay?.kill();
  rmSync(profileDir, { recursive: true, force: true });
});

/** Tess (linked to the account `tess`), a customer with a phone, a pinned site with access notes and a unit; a visit today and one tomorrow. */
async function seedDay(): Promise<typeof seeded> {
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const dir = board.directory;
    const seeder = { id: 'test-seed', name: 'Test seed' };
    const created = new Date(TEST_NOW.getTime() - 2 * 86_400_000);
    const office = dir.createOffice({ name: 'Mission', code: 'SF-M', timeZone: 'America/Los_Angeles' }, 'office-m');
    const tech = dir.createTechnician({ name: 'Tess Tran', officeId: 'office-m', userId: TECH_USER }, 'tech-tess');
    const customer = dir.createCustomer({ name: 'Mission Bakery', contacts: [{ name: 'Rosa', phone: '+1 415 555 0100' }] }, created);
    if (!office.ok || !tech.ok || !customer.ok) throw new Error('seed');
    const site = dir.createSite({ customerId: customer.value.id, address: '2801 Mission St, San Francisco', location: { lat: SITE_LOCATION.latitude, lng: SITE_LOCATION.longitude }, accessNotes: 'Side door on 24th St; ask for Rosa.' });
    if (!site.ok) throw new Error('seed site');
    const asset = dir.createAsset({ siteId: site.value.id, type: 'Walk-in cooler', make: 'Kolpak', model: 'KF7', serial: 'KP-1188' });
    if (!asset.ok) throw new Error('seed asset');
    const jobFields = { customerName: 'Mission Bakery', customerId: customer.value.id, siteId: site.value.id, assetIds: [asset.value.id], siteAddress: '2801 Mission St, San Francisco', officeId: 'office-m' };
    const earlier = board.createJob({ ...jobFields, problem: 'Cooler iced up' }, seeder, 'SEED', new Date(created.getTime() - 30 * 86_400_000));
    const job = board.createJob({ ...jobFields, problem: 'Walk-in cooler not holding temperature', type: 'repair' }, seeder, 'SEED', created);
    const other = board.createJob({ ...jobFields, problem: 'Quarterly service', type: 'maintenance' }, seeder, 'SEED', created);
    if (!earlier.ok || !job.ok || !other.ok) throw new Error('seed jobs');
    board.updateJob(earlier.job.id, { resolution: 'Defrosted the coil, replaced the door gasket.' }, seeder, 'edited', created);
    const today = board.visits.book({ jobId: job.job.id, technicianIds: ['tech-tess'], start: orgTimeOn(0, '10:00').toISOString(), end: orgTimeOn(0, '11:30').toISOString(), notes: 'Bring a spare fan motor.' }, seeder, created);
    const tomorrow = board.visits.book({ jobId: other.job.id, technicianIds: ['tech-tess'], start: orgTimeOn(1, '09:00').toISOString(), end: orgTimeOn(1, '10:00').toISOString() }, seeder, created);
    if (!today.ok || !tomorrow.ok) throw new Error('seed visits');
    await confirmed();
    return { visitId: today.visit.id, jobId: job.job.id, number: job.job.number, tomorrowVisitId: tomorrow.visit.id };
  } finally {
    connection.destroy();
  }
}

/** The price book holds the fan motor (picked from the list); the copper pipe is not in it. */
async function seedPriceBook(): Promise<void> {
  const { catalog, connection, confirmed } = await nodeCatalog(relay, ORG);
  try {
    const saved = catalog.save('parts', { sku: 'FM-220', description: 'Condenser fan motor', cost: '80.00', pricingKind: 'price', price: '145.00' }, undefined, TEST_NOW);
    if (!saved.ok) throw new Error(`seed part: ${JSON.stringify(saved.errors)}`);
    await confirmed();
  } finally {
    connection.destroy();
  }
}

async function technicianDevice(options: { offline?: boolean } = {}): Promise<{ context: BrowserContext; app: TechnicianPage; shell: BoardPage }> {
  const context = await openPersistentDevice(profileDir, 'phone', options);
  contexts.push(context);
  await context.grantPermissions(['geolocation'], { origin: relay.httpUrl });
  await context.setGeolocation({ ...SITE_LOCATION, accuracy: 15 });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, app: new TechnicianPage(page, relay.httpUrl), shell: new BoardPage(page, relay.httpUrl) };
}

describe('a technician’s day on the phone', () => {
  it('completes a visit offline, survives closing the app, and the office sees it all once back online', async () => {
    // Sign in and first sync, online.
    const first = await technicianDevice();
    await first.app.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: TECH_USER, name: 'Tess Tran' }));
    await first.shell.waitForSync('synced', 0);
    await first.shell.waitForOfflineReady();
    await first.app.myVisit(seeded.visitId).waitFor({ timeout: TIMEOUT });
    await first.app.myVisit(seeded.tomorrowVisitId).waitFor({ timeout: TIMEOUT });
    await first.app.page.screenshot({ path: screenshotPath('technician-my-day'), fullPage: true });

    await first.app.page.getByTestId('location-choice').getByRole('button', { name: 'Allow' }).click();
    await first.app.openVisit(seeded.visitId);
    // The price book (read-only for technicians) came down with the first sync too.
    await first.app.page.locator('#catalog-skus option[value="FM-220"]').waitFor({ state: 'attached', timeout: TIMEOUT });

    // Offline for the rest of the day.
    await first.context.setOffline(true);
    await first.shell.waitForSync('offline');
    const screen = first.app.visitScreen;
    await expect(screen.getByTestId('access-notes').textContent()).resolves.toContain('Side door');
    await expect(screen.getByTestId('call').getAttribute('href')).resolves.toBe('tel:+14155550100');
    await expect(screen.getByTestId('navigate-geo').getAttribute('href')).resolves.toMatch(/^geo:37\.7599,-122\.4148/);
    await expect(screen.getByTestId('site-history').textContent()).resolves.toContain('replaced the door gasket');
    await expect(screen.getByTestId('visit-office-notes').textContent()).resolves.toContain('Bring a spare fan motor.');

    await first.app.tap('en_route');
    await first.app.tap('on_site');
    await first.app.takeBreak();
    await first.app.tick('Confirm the reported fault');
    // Picked from the price book by its SKU (the description fills in); the pipe is typed as free text.
    await first.app.addPart({ sku: 'FM-220', quantity: '1', serials: 'SN-44821' });
    await first.app.addPart({ description: 'Copper pipe 1/2" (m)', quantity: '2.5' });
    await first.app.addNote('Fan motor seized; replaced and tested, holding 3 °C.');
    // Two photos (one from a 12-megapixel-class camera, resized on the phone) and the signature.
    const photos = first.app.visitAttachments(seeded.visitId);
    await photos.addPhotos([
      { name: 'fan-motor.png', mimeType: 'image/png', buffer: await pngFromPage(first.app.page, 4000, 3000, 30) },
      { name: 'nameplate.png', mimeType: 'image/png', buffer: await pngFromPage(first.app.page, 900, 1200, 210) }
    ]);
    await photos.waitForCounts(2, 0);
    await photos.sign('Rosa Martinez');
    await photos.waitForCounts(2, 1);
    await first.app.completeVisit('Fixed first time', 'Replaced the condenser fan motor.');
    await first.app.editEntryStart(screen, 'travel', 5, 'Left the depot before tapping');

    const travelHistory = screen.locator('[data-testid="time-entry"][data-kind="travel"]').getByTestId('time-entry-history');
    await travelHistory.locator('summary').click();
    await expect(travelHistory.textContent()).resolves.toContain('Left the depot before tapping');
    expect(await travelHistory.locator('[data-testid="time-entry-version"][data-change="started"]').count()).toBe(1);
    // travel, on site (until the break), break, on site (after it)
    expect(await first.app.timeEntries.count()).toBe(4);
    await first.app.page.screenshot({ path: screenshotPath('technician-visit'), fullPage: true });
    expect(await first.shell.pendingChanges()).toBeGreaterThan(0);

    // The phone closes the app; it opens again on the same profile, still offline.
    await first.context.close();
    const again = await technicianDevice({ offline: true });
    await again.app.gotoVisit(seeded.visitId);
    await again.app.waitForStatus('done');
    await again.app.timeEntries.nth(3).waitFor({ timeout: TIMEOUT });
    expect(await again.app.timeEntries.count()).toBe(4);
    expect(await again.app.parts.count()).toBe(2);
    await expect(again.app.notes.first().textContent()).resolves.toContain('Fan motor seized');
    await expect(again.app.visitScreen.locator('[data-testid="time-entry"][data-kind="travel"]').getAttribute('data-edited')).resolves.toBe('true');
    await expect(again.app.visitScreen.getByTestId('visit-checklist').getByLabel('Confirm the reported fault').isChecked()).resolves.toBe(true);
    const keptPhotos = again.app.visitAttachments(seeded.visitId);
    await keptPhotos.waitForCounts(2, 1);
    await keptPhotos.items('ready').nth(2).waitFor({ timeout: TIMEOUT });
    for (const shown of await keptPhotos.shownHashes()) expect([shown.actual, shown.decoded]).toEqual([shown.expected, true]);
    const photoHashes = (await keptPhotos.shownHashes()).map((h) => h.expected).sort();
    await again.app.page.getByTestId('topbar-uploads').getByText('2 photos and 1 signature waiting to upload').waitFor({ timeout: TIMEOUT });
    // The location choice is remembered on the device: not asked again.
    await again.app.page.getByRole('link', { name: 'My day' }).first().click();
    await again.app.myDay.waitFor({ timeout: TIMEOUT });
    await expect(again.app.page.getByTestId('location-setting').textContent()).resolves.toContain('on');
    expect(await again.app.page.getByTestId('location-choice').count()).toBe(0);

    // The office watches the job page; the phone comes back online.
    const officeContext = await newDevice(browser, 'desktop', { allow: [BLOB_NOT_UPLOADED_YET] });
    contexts.push(officeContext);
    const office = new BoardPage(await officeContext.newPage(), relay.httpUrl);
    await office.page.goto(`${relay.httpUrl}/jobs/${seeded.jobId}#token=${encodeURIComponent(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dora', name: 'Dora Dispatch' }))}`);
    await office.waitForSync('synced', 0);
    const jobPage = office.page.locator(`[data-testid="job-page"][data-job-number="${seeded.number}"]`);
    await jobPage.waitFor({ timeout: TIMEOUT });
    expect(await jobPage.getAttribute('data-status')).toBe('scheduled');

    await again.context.setOffline(false);
    const back = Date.now();
    await office.page.locator(`[data-testid="job-page"][data-job-number="${seeded.number}"][data-status="completed"]`).waitFor({ timeout: 5_000 });
    const work = office.page.getByTestId('job-field-work');
    await work.getByTestId('field-note').first().waitFor({ timeout: Math.max(1, 5_000 - (Date.now() - back)) });
    await expect.poll(() => work.getByTestId('part-use').count(), { timeout: Math.max(1, 5_000 - (Date.now() - back)) }).toBe(2);
    await expect.poll(() => work.getByTestId('time-entry').count(), { timeout: Math.max(1, 5_000 - (Date.now() - back)) }).toBe(4);
    const seen = new AttachmentsPanel(office.page, seeded.visitId);
    await seen.waitForCounts(2, 1);
    await seen.items('ready').nth(2).waitFor({ timeout: Math.max(1, 5_000 - (Date.now() - back)) });
    expect(Date.now() - back).toBeLessThan(5_000);
    // Fetched from the blob store and checked against its hash on the office's device.
    const fetched = await seen.shownHashes();
    expect(fetched.map((h) => h.expected).sort()).toEqual(photoHashes);
    for (const shown of fetched) expect([shown.actual, shown.decoded]).toEqual([shown.expected, true]);
    await seen.root.getByText('Signature of Rosa Martinez').waitFor();
    await expect.poll(() => work.getByTestId('tap-entry').count(), { timeout: TIMEOUT }).toBe(3);
    await expect(work.getByTestId('part-use').filter({ hasText: 'Condenser fan motor' }).textContent()).resolves.not.toContain('not in the list');
    await expect(work.getByTestId('part-use').filter({ hasText: 'Copper pipe' }).textContent()).resolves.toContain('not in the list');
    await expect(work.getByTestId('tap-outcome').textContent()).resolves.toContain('Fixed first time');
    await expect(work.getByTestId('tap-location').first().textContent()).resolves.toContain('37.75990');

    // The edited entry: the original and the reason are in its history on the office's side too.
    const officeHistory = work.locator('[data-testid="time-entry"][data-kind="travel"]').getByTestId('time-entry-history');
    await officeHistory.locator('summary').click();
    const versions = officeHistory.getByTestId('time-entry-version');
    expect(await versions.count()).toBe(3);
    expect(await versions.nth(0).getAttribute('data-change')).toBe('started');
    await expect(officeHistory.textContent()).resolves.toContain('Left the depot before tapping');
    await expect(officeHistory.textContent()).resolves.toContain('Tess Tran');
  });

  it('never holds a tap for a location the browser refuses', async () => {
    // A fresh phone that allows location in the app but not in the browser (no permission granted).
    const context = await newDevice(browser, 'phone');
    contexts.push(context);
    const app = new TechnicianPage(await context.newPage(), relay.httpUrl);
    await app.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: TECH_USER, name: 'Tess Tran' }));
    await app.page.getByTestId('location-choice').getByRole('button', { name: 'Allow' }).click();
    await app.openVisit(seeded.tomorrowVisitId);
    const tapped = Date.now();
    await app.tap('en_route');
    expect(Date.now() - tapped).toBeLessThan(6_000);
    await app.timeEntries.first().waitFor({ timeout: TIMEOUT });
    expect(await app.timeEntries.first().getAttribute('data-kind')).toBe('travel');
  });

  it('does not offer technicians board-wide actions (new job, moving cards) but points them to My day', async () => {
    const context = await newDevice(browser, 'phone');
    contexts.push(context);
    const board = new BoardPage(await context.newPage(), relay.httpUrl);
    await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: TECH_USER, name: 'Tess Tran' }));
    await board.page.getByTestId('technician-board-note').waitFor({ timeout: TIMEOUT });
    await board.jobCards.first().waitFor({ timeout: TIMEOUT });
    expect(await board.page.getByTestId('new-job-button').count()).toBe(0);
    expect(await board.page.locator('[data-testid="job-card"][draggable="true"]').count()).toBe(0);
    await board.page.keyboard.press('n');
    expect(await board.newJobForm.count()).toBe(0);
    // A card opens read-only, saying where the technician's own work goes.
    const panel = await board.openPanel(seeded.number);
    await expect(panel.textContent()).resolves.toContain('Record your work on the visit in My day');
    expect(await panel.getByRole('group', { name: 'Move to' }).getByRole('button').count()).toBe(0);
    expect(await panel.locator('input[type="checkbox"]:enabled').count()).toBe(0);
    // The start page opens a technician's phone on My day.
    await board.page.goto(`${relay.httpUrl}/`);
    await board.page.locator('[data-testid="my-day"][data-ready="true"]').waitFor({ timeout: TIMEOUT });
  });
});
