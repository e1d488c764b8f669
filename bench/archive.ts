/**
 * Issue 13, Done-when 2: a simulated year of a 50-technician company (≈ 60,000 jobs) with the
 * app's archive running daily (bench/fixtures/archived-year.ts), then the live board's size
 * and a cold start from IndexedDB to the first board render in real Chromium against the
 * built app and the real relay. Prints figures next to their targets (not a timed test).
 *
 *   npm run build && node --max-old-space-size=8192 --import tsx bench/archive.ts [--days 365] [--archive-every 1]
 *
 * 1. One live board: each date's work written, then `archivePlan` + `runArchive` at that
 *    date's evening (archive months in memory, measured and dropped once complete).
 * 2. The live doc: V1 size (what y-indexeddb and the relay store), tombstones, the live records
 *    alone (fixtures/live-doc.ts freshCopy), per collection, the floor (directory + open work),
 *    V2 and gzip for reference.
 * 3. Sends the live board to `<org>/board` on the relay as the importer (the relay checks it
 *    like any update), opens the board once in Chromium (the doc syncs into IndexedDB), then
 *    reloads three times and reads the app's marks: navigation → `fieldboard:board-rendered`
 *    is the cold start. Then the y-indexeddb load alone of the same doc (client/idb-load.ts).
 *    A phase that cannot finish prints why (a MISS line), never a silent skip.
 */
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import * as Y from 'yjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser';
import { startRelay } from '../tests/helpers/relay-process';
import { makeToken } from '../tests/helpers/tokens';
import { measureColdLoad } from './client/idb-load';
import { importBoard, LARGE_BOARD_RELAY, RELAY_MAX_MESSAGE_BYTES } from './client/relay-import';
import { ARCHIVED_YEAR, generateArchivedYear, type ArchivedYear } from './fixtures/archived-year';
import { HISTORY_TIME_ZONE } from './fixtures/company-history';
import { liveDocFigures } from './fixtures/live-doc';

const { values } = parseArgs({ options: { days: { type: 'string', default: String(ARCHIVED_YEAR.days) }, 'archive-every': { type: 'string', default: String(ARCHIVED_YEAR.archiveEveryDays) } } });
const DAYS = Number(values.days);
/** Days between archive runs: 1 is the app's daily runner; more is faster to generate (same live records at the end, see archived-year.ts). */
const ARCHIVE_EVERY = Number(values['archive-every']);
const SEED = ARCHIVED_YEAR.seed;
const ORG = 'bench-archive';
const TARGETS = { liveBytes: 5 * 1024 * 1024, coldStartMs: 1000 };
/** Per browser step: a large doc takes minutes to sync and load on the shared machine. */
const STEP_TIMEOUT_MS = 15 * 60_000;
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
const s = (n: number) => `${(n / 1000).toFixed(0)} s`;
const verdict = (value: number, target: number) => `target < ${target >= 1024 * 1024 ? MB(target) : `${target} ms`}  ${(value / target).toFixed(1)}×  ${value < target ? 'OK' : 'MISS'}`;
const line = (label: string, value: string, tail = '') => console.log(`  ${label.padEnd(46)}${value.padStart(12)}   ${tail}`);

function printYear(year: ArchivedYear, generatedMs: number): Uint8Array {
  const figures = liveDocFigures(year.board);
  const update = Y.encodeStateAsUpdate(year.board.doc);
  const { jobs, months } = year;
  console.log(`\nArchive bench: ${DAYS} days of a 50-technician company (seed ${SEED}, org zone ${HISTORY_TIME_ZONE}), archive run ${ARCHIVE_EVERY === 1 ? 'daily' : `every ${ARCHIVE_EVERY} days and after the last date`} at 20:00, closed work older than 60 days`);
  console.log(`  generated in ${s(generatedMs)} (writing ${s(year.ms.write)}, archive runs ${s(year.ms.archive)}, ${year.movingRuns} runs moved work)`);
  line('jobs generated / archived / live', `${jobs.generated} / ${jobs.archived} / ${jobs.live}`);
  const sizes = months.map((m) => m.bytes);
  line(`archive months (${months.length} docs)`, sizes.length ? `${MB(Math.min(...sizes))} – ${MB(Math.max(...sizes))}` : 'none', sizes.length ? `each; ${months.map((m) => `${m.month} ${m.jobs}`).join(', ')} jobs` : '');
  line('live board, V1 (y-indexeddb, relay)', MB(figures.v1Bytes), verdict(figures.v1Bytes, TARGETS.liveBytes));
  line('  of which tombstones of removed records', MB(figures.v1Bytes - figures.freshBytes), `${((figures.v1Bytes - figures.freshBytes) / Math.max(1, jobs.archived)).toFixed(0)} B per archived job`);
  line('  the live records alone (fresh copy)', MB(figures.freshBytes), verdict(figures.freshBytes, TARGETS.liveBytes));
  line('  floor: directory + open work (fresh)', MB(figures.floorBytes), `${verdict(figures.floorBytes, TARGETS.liveBytes)}  (${figures.openJobs} open jobs; no archive age moves these)`);
  line('  V2 encoding / gzip of V1 (reference)', `${MB(figures.v2Bytes)} / ${MB(figures.gzipV1Bytes)}`);
  console.log(`  per collection (live records, each alone in a fresh doc):`);
  console.log(`    ${'collection'.padEnd(18)}${'records'.padStart(10)}${'bytes'.padStart(14)}${'B/record'.padStart(10)}`);
  for (const c of figures.collections) console.log(`    ${c.name.padEnd(18)}${String(c.records).padStart(10)}${MB(c.bytes).padStart(14)}${(c.bytes / c.records).toFixed(0).padStart(10)}`);
  return update;
}

/** The live board on the relay, synced once into Chromium's IndexedDB, then three cold starts. */
async function coldStart(browser: Browser, update: Uint8Array, year: ArchivedYear): Promise<void> {
  const relay = await startRelay({ env: LARGE_BOARD_RELAY });
  try {
    let t = performance.now();
    await importBoard(relay, ORG, update, year.history.importer, STEP_TIMEOUT_MS);
    console.error(`[archive bench] the relay holds the live board (${s(performance.now() - t)}); first sync into Chromium…`);

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
    try {
      await context.addInitScript({ content: 'window.__name = (f) => f;' });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error('the page crashed (renderer out of memory?)'))));
      crashed.catch(() => undefined);
      const token = await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'bench-dispatcher', name: 'Bench Dispatcher' });
      t = performance.now();
      await Promise.race([page.goto(`${relay.httpUrl}/board#token=${encodeURIComponent(token)}`), crashed]);
      await Promise.race([page.locator('[data-testid="sync-status"][data-phase="synced"]').waitFor(), crashed]);
      await Promise.race([page.waitForFunction(() => document.querySelectorAll('[data-testid="job-card"]').length > 0), crashed]);
      const firstSyncMs = performance.now() - t;
      const starts: Array<{ rendered: number; jobs: number }> = [];
      for (let run = 0; run < 3; run++) {
        await Promise.race([page.reload(), crashed]);
        await Promise.race([page.waitForFunction(() => performance.getEntriesByName('fieldboard:board-rendered').length > 0), crashed]);
        starts.push(
          await page.evaluate(() => ({
            rendered: performance.getEntriesByName('fieldboard:board-rendered')[0]!.startTime,
            jobs: performance.getEntriesByName('fieldboard:jobs-ready')[0]!.startTime
          }))
        );
      }
      const cards = await page.locator('[data-testid="job-card"]').count();
      const worst = Math.max(...starts.map((x) => x.rendered));
      line('first sync relay → Chromium (not a target)', s(firstSyncMs));
      line('cold start IndexedDB → first board render', starts.map((x) => x.rendered.toFixed(0)).join(', ') + ' ms', verdict(worst, TARGETS.coldStartMs) + ' (worst of 3)');
      line('cold start → jobs ready', starts.map((x) => x.jobs.toFixed(0)).join(', ') + ' ms', `${cards} cards rendered`);
    } finally {
      await context.close();
    }
  } finally {
    await relay.kill();
  }
}

async function idbLoad(browser: Browser, update: Uint8Array): Promise<void> {
  const load = await measureColdLoad(browser, [update], 3, STEP_TIMEOUT_MS);
  const jobs = load.runs.map((r) => r.jobsMs);
  line('y-indexeddb load alone → first read of jobs', jobs.map((x) => x.toFixed(0)).join(', ') + ' ms', `${verdict(Math.max(...jobs), TARGETS.coldStartMs)} (synced ${load.runs.map((r) => r.syncedMs.toFixed(0)).join(', ')} ms; stored in ${s(load.storeMs)})`);
}

/** Runs a browser phase; a failure is printed with why (a MISS), never skipped silently. */
async function phase(label: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    line(label, 'not measured', `MISS: ${String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 160)}`);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const year = await generateArchivedYear({ days: DAYS, seed: SEED, archiveEveryDays: ARCHIVE_EVERY, progress: (l) => console.error(`[archive bench] ${l}`) });
  const update = printYear(year, performance.now() - started);
  if (update.byteLength > RELAY_MAX_MESSAGE_BYTES) {
    line('cold start IndexedDB → first board render', 'not measured', `MISS: the live board (${MB(update.byteLength)}) is past the relay's largest message (${MB(RELAY_MAX_MESSAGE_BYTES)})`);
  } else {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    try {
      await phase('cold start IndexedDB → first board render', () => coldStart(browser, update, year));
      await phase('y-indexeddb load alone → first read of jobs', () => idbLoad(browser, update));
    } finally {
      await browser.close();
    }
  }
  console.log(`  archive bench total ${s(performance.now() - started)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
