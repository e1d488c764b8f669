/**
 * `npm run bench` (client part, issue 13 "Client benchmarks"): a 50-technician company after a
 * day, a month and a year of work (bench/fixtures/company-history.ts; the year with the app's
 * archive run daily, bench/fixtures/archived-year.ts, as a live company holds it), measured where the
 * client does the work, each figure next to its target with the ratio. Not a test: nothing
 * here fails on a time.
 *
 *   npm run build && node --max-old-space-size=8192 --import tsx bench/client.ts
 *   (BENCH_CLIENT_ONLY=day,month skips the year; BENCH_YEAR_DAYS=70 runs a short "year" to check its
 *   code path; BENCH_ARCHIVE_EVERY=7 archives weekly instead of daily: same live records, faster)
 *
 * - doc size: the encoded state (what IndexedDB and the relay hold);
 * - doc load from IndexedDB: real Chromium, the update stored once by y-indexeddb's schema, then
 *   a cold page: `new IndexeddbPersistence` → synced → first typed read of the jobs
 *   (bench/client/idb-load.ts);
 * - board first render and a drop, schedule week render: the built app against the real relay,
 *   seeded through a Node sync client (day, month) or the live board imported whole (year)
 *   (bench/client/board-measure.ts);
 * - KPI dashboard and invoice compute in Node (bench/client/compute.ts).
 */
import { chromium, type Browser } from 'playwright-core';
import { zonedInstant, nextDate } from '../src/lib/domain/time/zoned';
import { nodeBoard, waitFor } from '../tests/e2e/board-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser';
import { startRelay, type RelayProcess } from '../tests/helpers/relay-process';
import { makeToken } from '../tests/helpers/tokens';
import { measureDrops, measureFirstRender, measureScheduleWeek, openBoard, stats, UNTHROTTLED } from './client/board-measure';
import { measureInvoice, measureKpi, ReportInput } from './client/compute';
import { measureColdLoad } from './client/idb-load';
import { importBoard, LARGE_BOARD_RELAY } from './client/relay-import';
import { ARCHIVED_YEAR, generateArchivedYear } from './fixtures/archived-year';
import { encodeBoard, encodedBoardBytes, HISTORY_TIME_ZONE, seedCompanyHistory } from './fixtures/company-history';

/** The targets (issue 13 and DESIGN), in one place. */
export const TARGETS = {
  docBytes: 5 * 1024 * 1024,
  coldLoadMs: 1000,
  firstRenderMs: 500,
  dropMs: 50,
  scheduleWeekMs: 500,
  kpiMs: 200,
  invoiceMs: 5
} as const;

const DATASETS = [
  { name: 'day', days: 1 },
  { name: 'month', days: 30 },
  { name: 'year', days: ARCHIVED_YEAR.days }
] as const;
type DatasetName = (typeof DATASETS)[number]['name'];
const ONLY = (process.env.BENCH_CLIENT_ONLY ?? '').split(',').filter(Boolean);
/** A shorter "year" for a quick check of the year's code path (BENCH_YEAR_DAYS=70); the table's year is ARCHIVED_YEAR. */
const YEAR_DAYS = Number(process.env.BENCH_YEAR_DAYS ?? ARCHIVED_YEAR.days);
/** Days between archive runs (archived-year.ts `archiveEveryDays`; default daily, as the app). */
const ARCHIVE_EVERY = Number(process.env.BENCH_ARCHIVE_EVERY ?? ARCHIVED_YEAR.archiveEveryDays);
const SEED = 13;
/** The node seed client's token subject (tests/e2e/board-support.ts): the relay wants records authored by it. */
const SEEDER = { id: 'test-seed', name: 'Test seed' };

type Figure = { value: number; note?: string } | { missing: string };
const rows = new Map<string, { target: number; unit: 'ms' | 'MiB'; values: Partial<Record<DatasetName, Figure>> }>();
function record(row: string, target: number, unit: 'ms' | 'MiB', dataset: DatasetName, figure: Figure): void {
  const entry = rows.get(row) ?? { target, unit, values: {} };
  entry.values[dataset] = figure;
  rows.set(row, entry);
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => bytes / 1024 / 1024;
const notes: string[] = [];

function datasetRange(firstDate: string, lastDate: string): { start: string; end: string } {
  return { start: new Date(zonedInstant(firstDate, 0, HISTORY_TIME_ZONE)).toISOString(), end: new Date(zonedInstant(nextDate(lastDate), 0, HISTORY_TIME_ZONE)).toISOString() };
}

function recordColdLoad(dataset: DatasetName, { runs, storeMs }: Awaited<ReturnType<typeof measureColdLoad>>): void {
  const jobs = stats(runs.map((r) => r.jobsMs));
  record('doc load from IndexedDB → first typed read of jobs', TARGETS.coldLoadMs, 'ms', dataset, { value: jobs.median, note: `synced ${fmt(stats(runs.map((r) => r.syncedMs)).median, 0)} ms, ${runs[0]!.jobs} jobs, ${runs.length} runs (stored once in ${fmt(storeMs / 1000)} s)` });
}

/** The built app on `org`'s board (already on the relay): first render, drops, schedule week. */
async function measureBoard(browser: Browser, relay: RelayProcess, org: string, name: DatasetName, lastDate: string, technicians: number): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
  try {
    const token = await makeToken(relay.dataDir, { org, role: 'dispatcher', sub: 'bench', name: 'Bench Dispatcher' });
    const started = performance.now();
    const page = await openBoard(context, relay.httpUrl, token);
    notes.push(`${name}: the browser synced the board from the relay in ${fmt((performance.now() - started) / 1000)} s`);
    const renders = await measureFirstRender(page, 3);
    const open = await page.evaluate(() => [...document.querySelectorAll('[data-testid="column-count"]')].reduce((n, el) => n + Number(el.textContent), 0));
    record('board first render (jobs ready → columns)', TARGETS.firstRenderMs, 'ms', name, { value: stats(renders.map((r) => r.render)).median, note: `${open} jobs in the default columns; navigation → rendered ${fmt(stats(renders.map((r) => r.toRendered)).median, 0)} ms` });
    const drops = stats(await measureDrops(page, 20));
    record('drop (drop → card moved, p95 of 20)', TARGETS.dropMs, 'ms', name, { value: drops.p95, note: `median ${fmt(drops.median)} ms` });
    const weeks = await measureScheduleWeek(page, relay.httpUrl, lastDate, 3);
    record('schedule week render (Day → Week)', TARGETS.scheduleWeekMs, 'ms', name, { value: stats(weeks.map((w) => w.ms)).median, note: `${technicians} technicians, ${weeks[0]!.visits} visits held` });
  } finally {
    await context.close();
  }
}

async function dayOrMonth(browser: Browser, name: 'day' | 'month', days: number): Promise<void> {
  const relay = await startRelay({ env: UNTHROTTLED });
  try {
    const org = `bench-client-${name}`;
    const { board, connection } = await nodeBoard(relay, org);
    const started = performance.now();
    // Day by day, each confirmed by the relay before the next (seedCompanyHistory says why).
    const history = await seedCompanyHistory({ days, seed: SEED, board, importer: SEEDER }, () => waitFor(() => connection.monitor.state.unconfirmed === 0, `the relay to confirm the seed (state when the wait began: ${JSON.stringify(connection.monitor.state)})`, 120_000));
    notes.push(`${name}: ${history.counts.jobs} jobs (${history.firstDate} … ${history.lastDate} + bookings ahead), ${Object.values(history.counts).reduce((a, b) => a + b, 0)} records, generated and confirmed by the relay in ${fmt((performance.now() - started) / 1000)} s`);
    record('doc size (encoded state)', mb(TARGETS.docBytes), 'MiB', name, { value: mb(encodedBoardBytes(board)) });
    const kpi = measureKpi(new ReportInput().add(board), datasetRange(history.firstDate, history.lastDate), HISTORY_TIME_ZONE);
    record('KPI dashboard over the dataset', TARGETS.kpiMs, 'ms', name, { value: kpi.dashboardMs, note: `${kpi.jobs} jobs, rows rebuilt in ${fmt(kpi.rebuildMs, 0)} ms` });
    const invoice = measureInvoice(board, HISTORY_TIME_ZONE);
    record('invoice draft of a typical job', TARGETS.invoiceMs, 'ms', name, { value: invoice.typicalMs, note: `${invoice.typicalLines} lines` });
    record('50-line invoice priced', TARGETS.invoiceMs, 'ms', name, { value: invoice.fiftyLineMs });
    recordColdLoad(name, await measureColdLoad(browser, [encodeBoard(board)]));
    connection.destroy();

    await measureBoard(browser, relay, org, name, history.lastDate, history.counts.technicians!);
  } finally {
    await relay.kill();
  }
}

/**
 * The year as a live company holds it: a year of work with the app's archive run daily
 * (fixtures/archived-year.ts, the same year as bench/archive.ts). KPI over the whole year's
 * rows (the live board and every archive month, as a device's reporting projection keeps the
 * rows of archived jobs); everything else against the live board.
 */
async function year(browser: Browser): Promise<void> {
  const input = new ReportInput();
  const started = performance.now();
  const archived = await generateArchivedYear({ ...ARCHIVED_YEAR, days: YEAR_DAYS, archiveEveryDays: ARCHIVE_EVERY, onArchiveMonth: (_month, archive) => input.add(archive), progress: (line) => console.error(`[client bench] year ${line}`) });
  const { board, history, jobs } = archived;
  input.add(board);
  notes.push(`year: ${jobs.generated} jobs written date by date with the archive run every ${ARCHIVE_EVERY} day(s) (${jobs.archived} archived into ${archived.months.length} months, ${jobs.live} live), in ${fmt((performance.now() - started) / 1000)} s`);
  notes.push('year un-archived (the whole year in the live doc, measured 2026-11-29 before daily archiving): 516 MiB, IndexedDB → first read of jobs 85.6 s, KPI 2,450 ms');
  const update = encodeBoard(board);
  record('doc size (encoded state)', mb(TARGETS.docBytes), 'MiB', 'year', { value: mb(update.byteLength), note: `live board after a year of daily archiving (bench/archive.ts breaks it down)` });
  const kpi = measureKpi(input, datasetRange(history.firstDate, history.lastDate), HISTORY_TIME_ZONE);
  record('KPI dashboard over the dataset', TARGETS.kpiMs, 'ms', 'year', { value: kpi.dashboardMs, note: `${kpi.jobs} jobs (live and archived), rows rebuilt in ${fmt(kpi.rebuildMs, 0)} ms` });
  input.jobs.clear();
  input.events.clear();
  input.visits.clear();
  const invoice = measureInvoice(board, HISTORY_TIME_ZONE);
  record('invoice draft of a typical job', TARGETS.invoiceMs, 'ms', 'year', { value: invoice.typicalMs, note: `${invoice.typicalLines} lines` });
  record('50-line invoice priced', TARGETS.invoiceMs, 'ms', 'year', { value: invoice.fiftyLineMs });
  try {
    recordColdLoad('year', await measureColdLoad(browser, [update], 3, 900_000));
  } catch (error) {
    record('doc load from IndexedDB → first typed read of jobs', TARGETS.coldLoadMs, 'ms', 'year', { missing: `failed: ${String(error).split('\n')[0]!.slice(0, 80)}` });
  }
  const boardRows = [
    ['board first render (jobs ready → columns)', TARGETS.firstRenderMs],
    ['drop (drop → card moved, p95 of 20)', TARGETS.dropMs],
    ['schedule week render (Day → Week)', TARGETS.scheduleWeekMs]
  ] as const;
  const relay = await startRelay({ env: LARGE_BOARD_RELAY });
  try {
    const org = 'bench-client-year';
    await importBoard(relay, org, update, history.importer);
    await measureBoard(browser, relay, org, 'year', history.lastDate, history.counts.technicians!);
  } catch (error) {
    const why = { missing: `failed: ${String(error instanceof Error ? error.message : error).split('\n')[0]!.slice(0, 80)}` };
    for (const [row, target] of boardRows) if (!rows.get(row)?.values.year) record(row, target, 'ms', 'year', why);
  } finally {
    await relay.kill();
  }
}

function printTable(): void {
  const names = DATASETS.map((d) => d.name).filter((n) => !ONLY.length || ONLY.includes(n));
  const cell = (figure: Figure | undefined, target: number, unit: string) => {
    if (!figure) return '—';
    if ('missing' in figure) return figure.missing;
    const ratio = figure.value / target;
    return `${fmt(figure.value, unit === 'MiB' ? 2 : 1)} ${unit} ${fmt(ratio, 2)}× ${ratio < 1 ? '✓' : '✗'}`;
  };
  const width = 52;
  console.log(`\n${'figure'.padEnd(width)}${'target'.padEnd(12)}${names.map((n) => n.padEnd(26)).join('')}`);
  for (const [row, { target, unit, values }] of rows) {
    console.log(`${row.padEnd(width)}${`< ${fmt(target, unit === 'MiB' ? 0 : 0)} ${unit}`.padEnd(12)}${names.map((n) => cell(values[n], target, unit).padEnd(26)).join('')}`);
  }
  console.log('\nnotes (ratio = figure / target; ✓ under target):');
  for (const [row, { values }] of rows) for (const n of names) {
    const figure = values[n];
    if (figure && 'value' in figure && figure.note) console.log(`  ${n.padEnd(6)} ${row}: ${figure.note}`);
  }
  for (const note of notes) console.log(`  ${note}`);
}

async function main(): Promise<void> {
  console.log(`\n## Client benchmarks: a 50-technician company (node ${process.version}, Chromium 1920×1080)`);
  {
    const t = performance.now();
    let sum = 0;
    for (let i = 0; i < 1e8; i++) sum += i;
    console.log(`CPU calibration: 10^8 additions in ${fmt(performance.now() - t, 0)} ms (compare runs by it: the machine is shared)${sum > 0 ? '' : '.'}`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    for (const { name, days } of DATASETS) {
      if (ONLY.length && !ONLY.includes(name)) continue;
      const started = performance.now();
      if (name === 'year') await year(browser);
      else await dayOrMonth(browser, name, days);
      notes.push(`${name}: measured in ${fmt((performance.now() - started) / 1000)} s`);
      console.log(`${name}: measured in ${fmt((performance.now() - started) / 1000)} s`);
    }
  } finally {
    await browser.close();
  }
  printTable();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  }
);
