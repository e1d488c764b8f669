/**
 * `npm run bench` (reports part): the KPI dashboard over a year of a 50-technician company
 * (~60,000 jobs, seeded), computed from the reporting projection's rows; the projection's
 * incremental update after one change; and the projection's size. Issue 12 targets: full
 * dashboard < 200 ms, incremental update < 5 ms. Not a test: prints figures, targets and ratios.
 */
import { Random } from '../src/lib/demo/prng';
import { jobRecordSchema, toJob, JOB_TYPES, type Job } from '../src/lib/domain/jobs/job';
import type { JobEvent } from '../src/lib/domain/jobs/job-events';
import type { JobStatus } from '../src/lib/domain/jobs/status';
import { computeDashboard } from '../src/lib/domain/kpi/dashboard';
import { lastDays, monthRange } from '../src/lib/domain/kpi/periods';
import { ReportingProjection, type SummarySource } from '../src/lib/state/reporting-projection';

const JOBS = 60_000;
const TECHS = 50;
const ZONE = 'America/Los_Angeles';
const END = Date.parse('2026-06-10T20:00:00.000Z');
const YEAR_MS = 365 * 86_400_000;
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function generate(seed: number): { jobs: Map<string, Job>; events: Map<string, JobEvent[]> } {
  const random = new Random(seed);
  const jobs = new Map<string, Job>();
  const events = new Map<string, JobEvent[]>();
  const ids: string[] = [];
  for (let i = 0; i < JOBS; i++) {
    const id = `job-${i}`;
    const created = END - YEAR_MS + Math.floor((i / JOBS) * YEAR_MS);
    const iso = (t: number) => new Date(t).toISOString();
    const callbackOf = ids.length && random.chance(0.04) ? random.pick(ids) : null;
    const record = jobRecordSchema.parse({
      id, number: `J-BENCH-${i}`, customerName: 'C', problem: 'P', type: callbackOf ? 'callback' : random.pick(JOB_TYPES.filter((t) => t !== 'callback')),
      createdAt: iso(created), createdBy: 'bench', updatedAt: iso(created), officeId: `office-${random.int(1, 4)}`,
      assigned: { [`tech-${random.int(1, TECHS)}`]: true }, slaDue: random.chance(0.6) ? iso(created + random.int(2, 48) * 3600_000) : null, callbackOf
    });
    const list: JobEvent[] = [{ id: `${id}-e0`, jobId: id, kind: 'created', from: null, to: 'new', at: iso(created), by: 'bench' }];
    let t = created;
    let from: JobStatus = 'new';
    const path: JobStatus[] = created > END - 3 * 86_400_000 ? ['scheduled', 'dispatched', 'en_route', 'on_site'].slice(0, random.int(0, 4)) as JobStatus[] : random.chance(0.03) ? ['cancelled'] : ['scheduled', 'dispatched', 'en_route', 'on_site', ...(random.chance(0.1) ? (['on_hold', 'scheduled', 'dispatched', 'on_site'] as JobStatus[]) : []), 'completed', 'invoiced', 'paid'];
    for (const to of path) {
      t += random.int(10, 600) * 60_000;
      list.push({ id: `${id}-e${list.length}`, jobId: id, kind: 'status', from, to, at: iso(Math.min(t, END)), by: 'bench' });
      from = to;
    }
    jobs.set(id, toJob(record, from));
    events.set(id, list);
    ids.push(id);
  }
  return { jobs, events };
}

console.log(`\n## Reports (node ${process.version})`);
// A fixed loop first: on a shared machine the figures below scale with how much CPU this process gets.
{
  const t = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i;
  console.log(`CPU calibration: 10^8 additions in ${fmt(performance.now() - t, 0)} ms (compare runs by it: the machine is shared)${sum > 0 ? '' : '.'}`);
}
const { jobs, events } = generate(12);
const source: SummarySource = { jobIds: () => jobs.keys(), job: (id) => jobs.get(id), historyOf: (id) => events.get(id) ?? [], furtherVisits: () => [] };
const projection = new ReportingProjection();
let started = performance.now();
const rows = projection.rebuild(source);
console.log(`projection rebuilt from scratch: ${fmt(JOBS, 0)} jobs in ${fmt(performance.now() - started)} ms`);

const bytes = Buffer.byteLength(JSON.stringify(rows));
console.log(`reporting projection size: ${fmt(rows.length, 0)} rows, ${fmt(bytes / 1024 / 1024, 2)} MiB as JSON (${fmt(bytes / rows.length, 0)} B per job)`);

const TARGET_FULL_MS = 200;
for (const [name, range] of [
  ['last 14 days', lastDays(14, END, ZONE)],
  ['one month', monthRange('2026-05', ZONE)],
  ['the whole year', { start: new Date(END - YEAR_MS).toISOString(), end: new Date(END + 86_400_000).toISOString() }]
] as const) {
  const times: number[] = [];
  for (let run = 0; run < 8; run++) {
    started = performance.now();
    computeDashboard(projection.columns, { range }, ZONE);
    if (run > 0) times.push(performance.now() - started); // the first run warms the JIT up
  }
  const ms = median(times);
  console.log(`full KPI dashboard over ${fmt(JOBS, 0)} jobs, ${name}: ${fmt(ms)} ms median, ${fmt(Math.min(...times))} ms best (target < ${TARGET_FULL_MS} ms, ratio ${fmt(ms / TARGET_FULL_MS, 2)}×) ${ms < TARGET_FULL_MS ? 'OK' : 'OVER TARGET'}`);
}

// One change: a job moves to completed. The projection re-derives that job's row only.
const TARGET_INCREMENTAL_MS = 5;
const times: number[] = [];
for (let run = 0; run < 50; run++) {
  const id = `job-${JOBS - 1 - run}`;
  const list = events.get(id)!;
  const last = list.at(-1)!;
  list.push({ id: `${id}-bench-${run}`, jobId: id, kind: 'status', from: last.to, to: last.to === 'on_site' ? 'completed' : 'on_hold', at: new Date(END).toISOString(), by: 'bench' });
  jobs.set(id, { ...jobs.get(id)!, status: list.at(-1)!.to });
  started = performance.now();
  const changed = projection.update(source, [id]);
  times.push(performance.now() - started);
  if (changed.length !== 1) throw new Error('the changed job was not re-derived');
}
const incremental = median(times);
console.log(`projection update after one change: ${fmt(incremental, 3)} ms median (target < ${TARGET_INCREMENTAL_MS} ms, ratio ${fmt(incremental / TARGET_INCREMENTAL_MS, 3)}×) ${incremental < TARGET_INCREMENTAL_MS ? 'OK' : 'OVER TARGET'}`);
