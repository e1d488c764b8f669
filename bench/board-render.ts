/**
 * Board rendering with 2,000 open jobs, in real Chromium against the built app and the real
 * relay (not a timed test: it prints figures against targets).
 *
 *   npm run build && node --import tsx bench/board-render.ts [--jobs 2000] [--drops 20]
 *
 * 1. Starts the relay on a temporary data dir and writes a company into `<org>/board` with a
 *    Node sync client: the demo directory (offices, technicians, customers, sites) and N open
 *    jobs spread over the open columns, with valid status histories.
 * 2. Opens the board once (the doc syncs into the browser's IndexedDB), then reloads and reads
 *    the app's performance marks: `fieldboard:jobs-ready` (the jobs reached the views) and
 *    `fieldboard:board-rendered` (the columns are in the DOM). First render = the difference;
 *    navigation → rendered is reported too.
 * 3. Drops cards between New and Scheduled with the board's own drag-and-drop handlers
 *    (synthetic DragEvents) and times drop → the card is in the new column with the doc's new
 *    status (the card's `data-status` is derived from the doc), median and p95.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { generateNKeysBetween } from 'fractional-indexing';
import { chromium } from 'playwright-core';
import { parseDemoDatasetText } from '../src/lib/demo/dataset';
import type { JobStatus } from '../src/lib/domain/jobs/status';
import { loadDemoCompany } from '../src/lib/sync/demo-loader';

import { nodeBoard } from '../tests/e2e/board-support';
import { CHROMIUM_PATH } from '../tests/e2e/browser';
import { startRelay } from '../tests/helpers/relay-process';
import { measureDrops, measureFirstRender, openBoard, stats, UNTHROTTLED } from './client/board-measure';
import { makeToken } from '../tests/helpers/tokens';

/**
 * Who the bench's imports are recorded by (importJobs credits history to the importer): the
 * node seed client's token subject (tests/e2e/board-support.ts), or the relay refuses them.
 */
const BENCH_IMPORTER = { id: 'test-seed', name: 'Test seed' };

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '2000' }, drops: { type: 'string', default: '20' } } });
const TARGET_JOBS = Number(values.jobs);
const DROPS = Number(values.drops);
const ORG = 'bench-board';
const TARGETS = { firstRenderMs: 500, dropMs: 50 };

/** Open statuses and how a job gets there from `new` (each step allowed by the lifecycle). */
const PATHS: Array<[JobStatus, JobStatus[]]> = [
  ['new', []],
  ['scheduled', ['scheduled']],
  ['dispatched', ['dispatched']],
  ['en_route', ['dispatched', 'en_route']],
  ['on_site', ['dispatched', 'on_site']],
  ['on_hold', ['on_hold']]
];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(relay: Awaited<ReturnType<typeof startRelay>>): Promise<number> {
  const { board, connection, confirmed } = await nodeBoard(relay, ORG);
  try {
    const dataset = parseDemoDatasetText(readFileSync(new URL('../static/demo/sf-demo-dataset.json', import.meta.url), 'utf8'));
    loadDemoCompany(board, dataset, { seed: 1, now: new Date(), importer: BENCH_IMPORTER });
    const open = board.listJobs().filter((j) => !['completed', 'invoiced', 'paid', 'closed', 'cancelled'].includes(j.status)).length;
    const extra = Math.max(0, TARGET_JOBS - open);
    const random = mulberry32(42);
    const techs = board.directory.technicians.list();
    const customers = board.directory.customers.list();
    const offices = board.directory.offices.list();
    const now = Date.now();
    const byStatus = new Map<JobStatus, number>();
    const plans = Array.from({ length: extra }, () => PATHS[Math.floor(random() * PATHS.length)]!);
    for (const [status] of plans) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    // Ranks after everything the demo put in each column.
    const ranks = new Map<JobStatus, string[]>();
    for (const [status, count] of byStatus) {
      const last = board.listJobs().filter((j) => j.status === status).map((j) => j.rank).filter(Boolean).sort().at(-1) ?? null;
      ranks.set(status, generateNKeysBetween(last, null, count));
    }
    const records: unknown[] = [];
    const events: unknown[] = [];
    plans.forEach(([status, steps], i) => {
      const id = `bench-${String(i).padStart(5, '0')}-0000-4000-8000-000000000000`.slice(0, 36);
      const created = new Date(now - (extra - i) * 60_000).toISOString();
      const customer = customers[i % customers.length]!;
      const assigned = status === 'new' ? [] : [techs[Math.floor(random() * techs.length)]!.id];
      records.push({
        id,
        number: `J-BNCH-${String(i + 1).padStart(4, '0')}`,
        customerName: customer.name,
        siteAddress: `${100 + (i % 900)} Mission St, San Francisco`,
        problem: ['No heat', 'Water heater leaking', 'Breaker trips', 'AC not cooling', 'Drain backed up'][i % 5]!,
        type: (['repair', 'maintenance', 'emergency', 'install', 'inspection'] as const)[i % 5],
        priority: (['normal', 'high', 'low', 'urgent'] as const)[i % 4],
        createdAt: created,
        createdBy: 'bench',
        updatedAt: created,
        customerId: customer.id,
        officeId: offices[i % offices.length]!.id,
        assignedTechIds: assigned,
        slaDue: new Date(now + ((i % 96) - 24) * 3600_000).toISOString(),
        rank: ranks.get(status)!.shift()!
      });
      let from: JobStatus = 'new';
      events.push({ id: `${id}-e0`, jobId: id, kind: 'created', from: null, to: 'new', at: created, by: 'bench' });
      steps.forEach((to, n) => {
        events.push({ id: `${id}-e${n + 1}`, jobId: id, kind: 'status', from, to, at: new Date(Date.parse(created) + (n + 1) * 1000).toISOString(), by: 'bench' });
        from = to;
      });
    });
    const result = board.importJobs(records, events, BENCH_IMPORTER);
    if (result.skipped) throw new Error(`${result.skipped} bench records were refused`);
    await confirmed();
    return open + extra;
  } finally {
    connection.destroy();
  }
}

async function main(): Promise<void> {
  const relay = await startRelay({ env: UNTHROTTLED });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const openJobs = await seed(relay);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
    const token = await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'bench', name: 'Bench Dispatcher' });
    const page = await openBoard(context, relay.httpUrl, token);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="board-column"][data-status="new"] [data-testid="column-count"]')?.textContent) > 0);

    // Cold start from this device's copy (IndexedDB), the way a dispatcher opens the app.
    const renders = await measureFirstRender(page, 3);
    const shown = await page.evaluate(() => [...document.querySelectorAll('[data-testid="column-count"]')].reduce((n, el) => n + Number(el.textContent), 0));
    const cards = await page.locator('[data-testid="job-card"]').count();
    const drops = await measureDrops(page, DROPS);

    const render = stats(renders.map((r) => r.render));
    const drop = stats(drops);
    const pass = (ok: boolean) => (ok ? 'OK ' : 'MISS');
    const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
    console.log(`\nBoard render bench: ${openJobs} open jobs on the board (${shown} in the default columns, ${cards} cards rendered at first), Chromium 1920×1080`);
    console.log(`  first render (jobs ready → columns in the DOM)   median ${ms(render.median)}  max ${ms(render.max)}   target < ${TARGETS.firstRenderMs} ms  ${pass(render.max < TARGETS.firstRenderMs)}`);
    console.log(`  navigation → board rendered (incl. IndexedDB)    ${renders.map((r) => ms(r.toRendered)).join(', ')}`);
    console.log(`  navigation → jobs ready                          ${renders.map((r) => ms(r.toJobs)).join(', ')}`);
    console.log(`  drop committed (drop → card in new column + doc)  median ${ms(drop.median)}  p95 ${ms(drop.p95)}  max ${ms(drop.max)}   target < ${TARGETS.dropMs} ms  ${pass(drop.p95 < TARGETS.dropMs)}   (${drops.length} drops)`);
    await context.close();
  } finally {
    await browser.close();
    await relay.kill();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
