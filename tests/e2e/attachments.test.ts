/**
 * Photos and signatures on a visit (issue 9, Done when 2, 3, 4 and the attachment half of 1):
 * taken offline on the job page, kept across an offline reload with the queue saying what
 * waits, uploaded once online, and seen by a second device that fetches the bytes and checks
 * their hash. A 40 MB file and a text file each get a plain message and nothing else is lost.
 * A relay SIGKILLed after storing a PUT but before answering: the retry completes, one blob.
 * (Mid-body kills, bad hashes, other orgs and roles: tests/integration/relay-blobs.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstVisitId } from '../../src/lib/domain/scheduling/visit';
import { orgTimeOn, testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { nodeBoard, waitFor } from './board-support';
import { launchBrowser, newDevice, screenshotPath } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';
import { AttachmentsPanel, BLOB_NOT_UPLOADED_YET } from './pages/attachments-page';
import { RELAY_RESTART, type AllowedError } from './console-guard';

/** The test cuts the technician's uploads off on purpose (the record syncs, the bytes do not). */
const BLOCKED_UPLOAD: AllowedError = { pattern: /net::ERR_(FAILED|CONNECTION_RESET|CONNECTION_REFUSED).*\/api\/blobs\//, why: 'the test aborts blob uploads (or stops the relay) to hold the bytes back' };

const ORG = 'attach-org';
let relay: RelayProcess;
let browser: Browser;
let jobId: string;
let laterJobId: string;
let crashJobId: string;
const contexts: BrowserContext[] = [];
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-attachments-'));

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  const actor = { id: 'test-seed', name: 'Test seed' };
  const created = board.createJob(aJob({ customerName: 'Photo Proof Laundry' }), actor, 'TEST', testNow());
  if (!created.ok) throw new Error('could not seed the job');
  jobId = created.job.id;
  const later = board.createJob(aJob({ customerName: 'Late Upload Bistro' }), actor, 'TEST', testNow());
  if (!later.ok) throw new Error('could not seed the second job');
  laterJobId = later.job.id;
  const crash = board.createJob(aJob({ customerName: 'Power Cut Pharmacy' }), actor, 'TEST', testNow());
  if (!crash.ok) throw new Error('could not seed the third job');
  crashJobId = crash.job.id;
  for (const id of [jobId, laterJobId, crashJobId]) {
    const scheduled = board.scheduleJob(id, orgTimeOn(0, '09:00').toISOString(), orgTimeOn(0, '11:00').toISOString(), actor, testNow());
    if (!scheduled.ok) throw new Error(scheduled.error);
  }
  await confirmed();
  connection.destroy();
}, 60_000);

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

async function device(role: 'technician' | 'dispatcher', sub: string, allow: readonly AllowedError[] = [], viewport: 'desktop' | 'phone' = 'desktop'): Promise<{ context: BrowserContext; page: Page; board: BoardPage }> {
  const context = await newDevice(browser, viewport, { allow });
  contexts.push(context);
  const page = await context.newPage();
  const board = new BoardPage(page, relay.httpUrl);
  await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role, sub, name: `${role} ${sub}` }));
  return { context, page, board };
}

/** A PNG drawn by the browser itself: `width` × `height`, a gradient so it is not trivially small. */
async function pngFromPage(page: Page, width: number, height: number, hue: number): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, h, hue]) => {
      const canvas = new OffscreenCanvas(w, h);
      const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      const gradient = ctx.createLinearGradient(0, 0, w, h);
      gradient.addColorStop(0, `hsl(${hue}, 70%, 40%)`);
      gradient.addColorStop(1, `hsl(${hue + 90}, 70%, 70%)`);
      ctx.fillStyle = gradient;
      ctx.fillRect(0, 0, w, h);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      return btoa(text);
    },
    [width, height, hue] as const
  );
  return Buffer.from(base64, 'base64');
}

const relayBlobs = () => {
  const dir = path.join(relay.dataDir, 'blobs', ORG);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && !e.parentPath.endsWith('tmp')).map((e) => e.name);
};

describe('visit photos and signatures', () => {
  it('are taken offline, survive an offline reload, upload once online, and reach another device hash-verified', { timeout: 180_000 }, async () => {
    const tech = await device('technician', 'tech-ana');
    await tech.board.waitForOfflineReady();
    await tech.page.goto(`${relay.httpUrl}/jobs/${jobId}`);
    const panel = new AttachmentsPanel(tech.page, firstVisitId(jobId));
    await panel.waitFor();
    const photos = [await pngFromPage(tech.page, 3000, 2000, 10), await pngFromPage(tech.page, 1200, 1600, 200)];

    await tech.context.setOffline(true);
    await panel.addPhotos([
      { name: 'boiler.png', mimeType: 'image/png', buffer: photos[0] as Buffer },
      { name: 'valve.png', mimeType: 'image/png', buffer: photos[1] as Buffer }
    ]);
    await panel.waitForCounts(2, 0);
    await panel.sign('Dana Customer');
    await panel.waitForCounts(2, 1);
    await panel.waitForQueue(3);
    expect(await panel.queue.textContent()).toContain('2 photos and 1 signature waiting to upload');
    // Resized in the browser: the 3000 × 2000 photo is stored 2048 wide.
    expect((await panel.shownHashes()).map((h) => h.width).sort()).toEqual(['1200', '2048', '600']);

    // Absurd files: a plain message each, and everything captured stays.
    const huge = path.join(tempDir, 'huge.jpg');
    fs.writeFileSync(huge, Buffer.alloc(40 * 1024 * 1024, 0xff));
    await panel.addPhotos([huge]);
    await panel.problems.getByText(/huge\.jpg is 40 MB/).waitFor();
    await panel.addPhotos([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') }]);
    await panel.problems.getByText(/notes\.txt is not a photo/).waitFor();
    await panel.waitForCounts(2, 1);
    await panel.waitForQueue(3);

    // Reload with no network: the app from the service worker, the records from the doc, the bytes from this device.
    await tech.page.reload();
    await panel.waitForCounts(2, 1);
    await panel.items('ready').nth(2).waitFor();
    await panel.waitForQueue(3);
    for (const shown of await panel.shownHashes()) expect([shown.actual, shown.decoded]).toEqual([shown.expected, true]);
    await tech.page.screenshot({ path: screenshotPath('attachments-offline-waiting') });
    expect(relayBlobs()).toEqual([]);

    await tech.context.setOffline(false);
    await panel.waitForQueue(0, 30_000);
    const hashes = (await panel.shownHashes()).map((h) => h.expected).sort();
    await waitFor(() => relayBlobs().length === 3, 'the relay to hold the three blobs');
    expect(relayBlobs().sort()).toEqual(hashes);

    const office = await device('dispatcher', 'disp-bo');
    await office.page.goto(`${relay.httpUrl}/jobs/${jobId}`);
    const seen = new AttachmentsPanel(office.page, firstVisitId(jobId));
    await seen.waitForCounts(2, 1);
    await seen.items('ready').nth(2).waitFor({ timeout: 20_000 });
    const fetched = await seen.shownHashes();
    expect(fetched.map((h) => h.expected).sort()).toEqual(hashes);
    // Fetched from the blob store, verified, cached on this device, and shown.
    for (const shown of fetched) expect([shown.actual, shown.decoded]).toEqual([shown.expected, true]);
    await seen.root.getByText('Signature of Dana Customer').waitFor();
    await office.page.screenshot({ path: screenshotPath('attachments-office') });
  });

  it('shows a record whose bytes are not uploaded yet as such, then the image once its taker uploads it', { timeout: 120_000 }, async () => {
    // A phone, as technicians use it (390 × 844).
    const tech = await device('technician', 'tech-cy', [BLOCKED_UPLOAD], 'phone');
    await tech.page.route('**/api/blobs/**', (route) => route.abort());
    await tech.page.goto(`${relay.httpUrl}/jobs/${laterJobId}`);
    const panel = new AttachmentsPanel(tech.page, firstVisitId(laterJobId));
    await panel.waitFor();
    await panel.addPhotos([{ name: 'meter.png', mimeType: 'image/png', buffer: await pngFromPage(tech.page, 640, 480, 120) }]);
    await panel.waitForCounts(1, 0);
    await tech.page.locator('[data-testid="upload-queue"][data-waiting="1"]').waitFor();
    await panel.root.scrollIntoViewIfNeeded();
    await tech.page.screenshot({ path: screenshotPath('attachments-phone-390x844') });

    const office = await device('dispatcher', 'disp-di', [BLOB_NOT_UPLOADED_YET]);
    await office.page.goto(`${relay.httpUrl}/jobs/${laterJobId}`);
    const seen = new AttachmentsPanel(office.page, firstVisitId(laterJobId));
    await seen.waitForCounts(1, 0);
    await seen.items('unavailable').getByText(/Not uploaded yet by technician tech-cy/).waitFor({ timeout: 20_000 });

    await tech.page.unroute('**/api/blobs/**');
    await panel.waitForQueue(0, 30_000);
    await seen.items('ready').first().waitFor({ timeout: 40_000 });
    const [shown] = await seen.shownHashes();
    expect(shown && [shown.actual, shown.decoded]).toEqual([shown?.expected, true]);
  });

  // Last in the file: it kills the relay (and restarts it).
  it('finishes an upload whose answer was lost to a relay SIGKILL: stored once, entry cleared after the restart', { timeout: 120_000 }, async () => {
    const tech = await device('technician', 'tech-eve', [BLOCKED_UPLOAD, RELAY_RESTART]);
    await tech.page.goto(`${relay.httpUrl}/jobs/${crashJobId}`);
    const panel = new AttachmentsPanel(tech.page, firstVisitId(crashJobId));
    await panel.waitFor();
    // The first PUT reaches the relay and is stored; the relay is then SIGKILLed before its
    // answer reaches the browser, which sees the connection reset.
    let firstStatus = 0;
    let killed = false;
    await tech.page.route('**/api/blobs/**', async (route) => {
      if (route.request().method() !== 'PUT' || firstStatus !== 0) return route.continue();
      firstStatus = (await route.fetch()).status();
      await relay.kill('SIGKILL');
      killed = true;
      await route.abort('connectionreset');
    });
    await panel.addPhotos([{ name: 'fuse-box.png', mimeType: 'image/png', buffer: await pngFromPage(tech.page, 800, 600, 300) }]);
    await panel.waitForCounts(1, 0);
    await waitFor(() => killed, 'the first upload to be stored and the relay killed');
    expect(firstStatus).toBe(201);
    const hash = (await panel.shownHashes())[0]?.expected ?? '';
    expect(relayBlobs()).toContain(hash);
    // No acknowledgement: the browser still holds the entry.
    await panel.waitForQueue(1);

    await relay.restart();
    await panel.waitForQueue(0, 30_000);
    const blobs = relayBlobs().filter((name) => name === hash);
    expect(blobs).toEqual([hash]);
    expect(fs.readdirSync(path.join(relay.dataDir, 'blobs', ORG, 'tmp'))).toEqual([]);
  });
});
