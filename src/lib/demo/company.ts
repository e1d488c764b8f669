/**
 * A whole demo company from the DataSF sample: offices, technicians, customers, sites,
 * equipment, 90 days of finished jobs and a live board around `now`. Pure and deterministic:
 * the same dataset, seed and `now` give the same output; ids depend on the seed alone, so
 * loading twice into one board adds nothing the second time. Mapping notes: ./README.md.
 */
import { generateKeyBetween } from 'fractional-indexing';
import type { Asset, Customer, Office, Site, Technician } from '../domain/directory/directory';
import type { JobEvent } from '../domain/jobs/job-events';
import { JOB_PRIORITIES, type JobRecord } from '../domain/jobs/job';
import { formatSeriesNumber } from '../domain/numbering/series';
import { Calendar } from './calendar';
import type { BuildContext, BuiltJob } from './context';
import { CustomerBook } from './customers';
import type { DemoDataset } from './dataset';
import { buildHistory } from './history';
import { draftJob } from './job-drafts';
import { buildOpenBoard } from './open-board';
import { teamNames } from './people';
import { DEMO_TIME_ZONE, buildOffices } from './places';
import { Random } from './prng';
import { selectRequests } from './selection';
import { TECHNICIAN_COUNT, buildTechnicians } from './technicians';

/** Demo jobs are numbered `J-SEED-0001`…: a device code of their own (valid in the series alphabet). */
export const DEMO_DEVICE_CODE = 'SEED';
export const DEMO_OPEN_JOBS = 150;
export const DEMO_HISTORICAL_JOBS = 400;

export interface DemoCompanyOptions {
  seed: number;
  now: Date;
  /** The company's name, shown on the accounts desk's events. */
  orgName: string;
  openJobs?: number;
  historicalJobs?: number;
}

export interface DemoCompany {
  offices: Office[];
  technicians: Technician[];
  customers: Customer[];
  sites: Site[];
  assets: Asset[];
  jobs: JobRecord[];
  jobEvents: JobEvent[];
}

export function buildDemoCompany(dataset: DemoDataset, options: DemoCompanyOptions): DemoCompany {
  const seed = options.seed >>> 0;
  const random = new Random(seed);
  const now = options.now.getTime();
  if (!Number.isFinite(now)) throw new Error('buildDemoCompany: `now` is not a valid date');

  const names = teamNames(random.fork('names'), TECHNICIAN_COUNT + 3);
  const techs = buildTechnicians(dataset.units, seed, random.fork('technicians'), names.slice(0, TECHNICIAN_COUNT));
  const ctx: BuildContext = {
    seed,
    now,
    timeZone: DEMO_TIME_ZONE,
    random: random.fork('jobs'),
    calendar: new Calendar(DEMO_TIME_ZONE),
    techs,
    dispatchers: names.slice(TECHNICIAN_COUNT).map((name, i) => ({ id: `demo-dispatch-${i + 1}`, name })),
    intake: { id: 'demo-online-booking', name: 'Online booking' },
    accounts: { id: 'demo-accounts', name: `${options.orgName} accounts`.slice(0, 120) }
  };

  const book = new CustomerBook(seed, options.now, dataset.permits);
  const chosen = selectRequests(dataset.requests, random.fork('selection'), {
    open: options.openJobs ?? DEMO_OPEN_JOBS,
    history: options.historicalJobs ?? DEMO_HISTORICAL_JOBS
  });
  const drafting = random.fork('drafts');
  const toDrafts = (list: typeof chosen.open) => list.map(({ request, cls }) => draftJob(request, cls, book, drafting.fork(request.id)));
  const historyDrafts = toDrafts(chosen.history);
  const openDrafts = toDrafts(chosen.open);

  const past = buildHistory(ctx, historyDrafts);
  const board = buildOpenBoard(ctx, openDrafts, past);
  const jobs = numberAndRank([...past, ...board]);
  return {
    offices: buildOffices(seed),
    technicians: techs.map((t) => t.record),
    customers: book.customers(),
    sites: book.sites(),
    assets: book.assets(),
    jobs: jobs.map((j) => j.record),
    jobEvents: jobs.flatMap((j) => j.events)
  };
}

const FINISHED = new Set(['completed', 'invoiced', 'paid', 'closed', 'cancelled']);

/** Numbers by creation time; open cards ranked within their column: most urgent, then SLA, first. */
function numberAndRank(built: BuiltJob[]): BuiltJob[] {
  const ordered = [...built].sort((a, b) => a.createdAt - b.createdAt || (a.record.id < b.record.id ? -1 : 1));
  ordered.forEach((job, i) => {
    job.record = { ...job.record, number: formatSeriesNumber('J', DEMO_DEVICE_CODE, i + 1) };
  });
  const columns = new Map<string, BuiltJob[]>();
  for (const job of ordered) {
    if (FINISHED.has(job.status)) continue;
    columns.set(job.status, [...(columns.get(job.status) ?? []), job]);
  }
  const urgency = (j: BuiltJob) => JOB_PRIORITIES.indexOf(j.record.priority);
  for (const column of columns.values()) {
    column.sort((a, b) => urgency(b) - urgency(a) || (a.record.slaDue ?? '~').localeCompare(b.record.slaDue ?? '~') || a.createdAt - b.createdAt);
    let rank: string | null = null;
    for (const job of column) {
      rank = generateKeyBetween(rank, null);
      job.record = { ...job.record, rank };
    }
  }
  return ordered;
}
