/**
 * `npm run bench` (reports part): the KPI dashboard over a year of a 50-technician company
 * (~60,000 jobs, seeded), computed from the reporting projection's rows; the projection's
 * incremental update after one change; and the projection's size. Issue 12 targets: full
 * dashboard < 200 ms, incremental update < 5 ms; money KPIs after one finance change < 50 ms (the billing
 * index updated for the touched invoice, against the rebuild it replaced). Not a test: prints figures, targets and ratios.
 */
import { Random } from '../src/lib/demo/prng';
import { jobRecordSchema, toJob, JOB_TYPES, type Job } from '../src/lib/domain/jobs/job';
import type { JobEvent } from '../src/lib/domain/jobs/job-events';
import type { JobStatus } from '../src/lib/domain/jobs/status';
import { computeDashboard } from '../src/lib/domain/kpi/dashboard';
import { lastDays, monthRange } from '../src/lib/domain/kpi/periods';
import { computeMoney, type MoneyInputs } from '../src/lib/domain/kpi/money-dashboard';
import { indexedMoneyInputs, moneyIndex } from '../src/lib/domain/kpi/money-index';
import { deriveReceivables } from '../src/lib/domain/receivables/ledger';
import { orgDay } from '../src/lib/domain/receivables/records';
import { BillingProjection, ReceivablesChanges } from '../src/lib/state/billing-projection';
import { invoiceFactsOf } from '../src/lib/state/report-money';
import { FinanceFixture } from '../tests/factories/finance';
import type { InvoiceFacts, LabourCostFacts, PartCostFacts, PaymentFacts } from '../src/lib/domain/kpi/types';
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

/** What the finance room and the cost sources give a year of this company: an invoice per invoiced job, payments, parts and labour per job. */
function moneyOf(seed: number): MoneyInputs {
  const random = new Random(seed);
  const iso = (t: number) => new Date(t).toISOString();
  const money = { invoices: [] as InvoiceFacts[], payments: [] as PaymentFacts[], parts: [] as PartCostFacts[], labour: [] as LabourCostFacts[] };
  for (const row of rows) {
    if (row.times.completed === null) continue;
    const done = row.times.completed;
    money.parts.push({ jobId: row.id, at: iso(done), costCents: random.int(0, 30_000) });
    money.labour.push({ jobId: row.id, technicianId: row.technicianIds[0]!, at: iso(done), costCents: random.int(2_000, 20_000) });
    if (row.status !== 'invoiced' && row.status !== 'paid') continue;
    const subtotal = random.int(80, 1500) * 100;
    const id = `inv-${row.id}`;
    const issued = Math.min(END, done + random.int(0, 20 * 24) * 3600_000);
    money.invoices.push({ id, number: id, jobId: row.id, customerId: `c-${random.int(1, 3000)}`, issuedAt: iso(issued), dueAt: iso(issued + 30 * 86_400_000), subtotalCents: subtotal, totalCents: Math.round(subtotal * 1.0875) });
    if (row.status === 'paid') money.payments.push({ id: `pay-${id}`, customerId: 'c', invoiceId: id, at: iso(Math.min(END, issued + 86_400_000)), amountCents: Math.round(subtotal * 1.0875) });
  }
  return { ...money, expenses: [], unpricedTechnicians: [] };
}
const money = moneyOf(13);
console.log(`money inputs: ${fmt(money.invoices.length, 0)} invoices, ${fmt(money.payments.length, 0)} payments, ${fmt(money.parts.length + money.labour.length, 0)} cost lines`);

const bytes = Buffer.byteLength(JSON.stringify(rows));
console.log(`reporting projection size: ${fmt(rows.length, 0)} rows, ${fmt(bytes / 1024 / 1024, 2)} MiB as JSON (${fmt(bytes / rows.length, 0)} B per job)`);

const TARGET_FULL_MS = 200;
// Built from scratch when reports open (or a finance change cannot be traced to its invoices); a cost timeline again per time-entry or stock transaction; never per recompute.
started = performance.now();
moneyIndex(money).billing.slotsIn(projection.columns);
console.log(`money index (invoices, costs and payments sorted by instant, job slots): built from scratch in ${fmt(performance.now() - started)} ms (on opening reports; a finance change updates it per invoice, below)`);
for (const [name, range] of [
  ['last 14 days', lastDays(14, END, ZONE)],
  ['one month', monthRange('2026-05', ZONE)],
  ['the whole year', { start: new Date(END - YEAR_MS).toISOString(), end: new Date(END + 86_400_000).toISOString() }]
] as const) {
  const times: number[] = [];
  for (let run = 0; run < 8; run++) {
    started = performance.now();
    computeDashboard(projection.columns, { range }, ZONE);
    computeMoney(projection.columns, money, { range }, ZONE, new Date(END).toISOString());
    if (run > 0) times.push(performance.now() - started); // the first run warms the JIT up
  }
  const ms = median(times);
  console.log(`full KPI dashboard (job and money numbers) over ${fmt(JOBS, 0)} jobs, ${name}: ${fmt(ms)} ms median, ${fmt(Math.min(...times))} ms best (target < ${TARGET_FULL_MS} ms, ratio ${fmt(ms / TARGET_FULL_MS, 2)}×) ${ms < TARGET_FULL_MS ? 'OK' : 'OVER TARGET'}`);
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

// What a viewer waits for after one change: the row update plus the dashboard's numbers for the default two weeks, recomputed.
const fresh: number[] = [];
const twoWeeks = { range: lastDays(14, END, ZONE) };
for (let run = 0; run < 20; run++) {
  const id = `job-${JOBS - 100 - run}`;
  const list = events.get(id)!;
  list.push({ id: `${id}-fresh-${run}`, jobId: id, kind: 'status', from: list.at(-1)!.to, to: 'on_hold', at: new Date(END).toISOString(), by: 'bench' });
  jobs.set(id, { ...jobs.get(id)!, status: 'on_hold' });
  started = performance.now();
  projection.update(source, [id]);
  computeDashboard(projection.columns, twoWeeks, ZONE);
  computeMoney(projection.columns, money, twoWeeks, ZONE, new Date(END).toISOString());
  fresh.push(performance.now() - started);
}
console.log(`one change to new dashboard numbers (update + full recompute, last 14 days): ${fmt(median(fresh))} ms median (the live dashboard recomputes every number per change; within the < ${TARGET_FULL_MS} ms full-dashboard target)`);

// One finance change (a payment recorded on one invoice): from the finance state's new receivables snapshot to the new money
// numbers of the default two weeks. Before: every issued invoice mapped again and the billing index rebuilt (a new inputs
// object per change); after: the billing projection re-derives only the invoice the transaction touched (state/billing-projection.ts).
const TARGET_FINANCE_CHANGE_MS = 50;
const ledger = new FinanceFixture();
for (const inv of money.invoices) {
  ledger.invoice({ id: inv.id, customerId: inv.customerId, date: orgDay(new Date(inv.issuedAt), ZONE), terms: 'net-30', totalCents: inv.totalCents, at: inv.issuedAt });
  ledger.invoices.at(-1)!.jobId = inv.jobId;
}
for (const p of money.payments) ledger.payment(p.amountCents, [[p.invoiceId!, p.amountCents]], { customerId: p.customerId, receivedAt: p.at });
started = performance.now();
let receivables = deriveReceivables(ledger);
console.log(`finance state's receivables derived from the finance room (${fmt(receivables.invoices.length, 0)} documents; once per finance transaction, for the invoices pages too, not part of the figures below): ${fmt(performance.now() - started)} ms`);
const changes = new ReceivablesChanges();
const billing = new BillingProjection();
changes.record(receivables, null);
billing.sync(receivables, ZONE, changes);
const rest = { expenses: money.expenses, parts: money.parts, labour: money.labour, unpricedTechnicians: money.unpricedTechnicians };
const asOf = new Date(END).toISOString();
const rebuiltTimes: number[] = [];
const incrementalTimes: number[] = [];
const updateTimes: number[] = [];
for (let run = 0; run < 8; run++) {
  // A late payment on one of the latest invoices (an overpayment when it was paid already: the rest is the customer's credit).
  const paid = receivables.invoices[receivables.invoices.length - 1 - run]!;
  ledger.payment(100, [[paid.id, 100]], { customerId: paid.customerId, receivedAt: asOf });
  const next = deriveReceivables(ledger);
  changes.record(next, new Set([paid.id]));
  receivables = next;
  started = performance.now();
  const rebuilt = computeMoney(projection.columns, { ...rest, ...invoiceFactsOf(next, ZONE) }, twoWeeks, ZONE, asOf);
  const rebuiltMs = performance.now() - started;
  started = performance.now();
  const index = billing.sync(next, ZONE, changes);
  const updateMs = performance.now() - started;
  const incremental = computeMoney(projection.columns, indexedMoneyInputs(index, rest), twoWeeks, ZONE, asOf);
  const incrementalMs = performance.now() - started;
  if (JSON.stringify(incremental.owedVsPaid) !== JSON.stringify(rebuilt.owedVsPaid)) throw new Error('the incremental money numbers differ from the rebuilt ones');
  if (run === 0) continue; // the first run warms the JIT up
  rebuiltTimes.push(rebuiltMs);
  incrementalTimes.push(incrementalMs);
  updateTimes.push(updateMs);
}
if (billing.rebuilds !== 1) throw new Error(`the billing projection re-derived everything ${billing.rebuilds} times`);
const before = median(rebuiltTimes);
const after = median(incrementalTimes);
const verdict = (ms: number) => (ms < TARGET_FINANCE_CHANGE_MS ? 'OK' : 'OVER TARGET');
console.log(`money KPIs after one finance change, before (every invoice mapped, billing index rebuilt + money recompute, last 14 days): ${fmt(before)} ms median (target < ${TARGET_FINANCE_CHANGE_MS} ms, ratio ${fmt(before / TARGET_FINANCE_CHANGE_MS, 2)}×) ${verdict(before)}`);
console.log(`money KPIs after one finance change, after (the touched invoice re-derived and replaced in the index + money recompute, last 14 days): ${fmt(after)} ms median (target < ${TARGET_FINANCE_CHANGE_MS} ms, ratio ${fmt(after / TARGET_FINANCE_CHANGE_MS, 2)}×) ${verdict(after)}; of which the index update ${fmt(median(updateTimes), 3)} ms; ${fmt(before / after, 0)}× faster`);

// One cost change (a time entry or a stock move): new labour lines, the same invoices, so only the labour timeline is rebuilt.
const costTimes: number[] = [];
for (let run = 0; run < 5; run++) {
  const next: MoneyInputs = { ...money, labour: [...money.labour, { jobId: null, technicianId: 'tech-1', at: new Date(END).toISOString(), costCents: 100 + run }] };
  started = performance.now();
  computeDashboard(projection.columns, twoWeeks, ZONE);
  computeMoney(projection.columns, next, twoWeeks, ZONE, new Date(END).toISOString());
  costTimes.push(performance.now() - started);
}
const costChange = median(costTimes);
console.log(`one cost change to new dashboard numbers (labour timeline rebuilt, invoice index kept + full recompute, last 14 days): ${fmt(costChange)} ms median (target < ${TARGET_FULL_MS} ms) ${costChange < TARGET_FULL_MS ? 'OK' : 'OVER TARGET'}`);
