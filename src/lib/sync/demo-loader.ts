/**
 * Loads the demo company (src/lib/demo) into an organisation's `board` doc, in one
 * transaction so peers and the relay see it arrive whole.
 *
 * Safe to run again: ids come from the seed, existing records are skipped by the importers,
 * and events are written only for jobs this load adds, so a second load at another time never
 * grafts a second history onto a job that is already on the board.
 */
import { buildDemoCompany, type DemoCompanyOptions } from '../demo/company';
import type { DemoDataset } from '../demo/dataset';
import { LOCAL_EDIT, type Actor, type BoardDoc } from './board-doc';

export interface DemoLoadOptions {
  seed: number;
  /** The moment the demo is "live" around. Default: now. */
  now?: Date;
  orgName?: string;
  /** Who is loading it: the demo's history is recorded by them for the demo's people (importJobs). */
  importer: Actor;
}

/** How many records of each kind this load added (0 everywhere when the demo was already there). */
export interface DemoLoadResult {
  offices: number;
  technicians: number;
  customers: number;
  sites: number;
  assets: number;
  jobs: number;
  jobEvents: number;
  /** Records not written: already on the board, or (never expected) failing validation. */
  skipped: number;
}

export const DEFAULT_DEMO_ORG_NAME = 'Golden Gate Comfort & Plumbing';

/** Builds the demo company for `options` and writes what the board does not have yet. */
export function loadDemoCompany(board: BoardDoc, dataset: DemoDataset, options: DemoLoadOptions): DemoLoadResult {
  const buildOptions: DemoCompanyOptions = { seed: options.seed, now: options.now ?? new Date(), orgName: options.orgName ?? DEFAULT_DEMO_ORG_NAME };
  const company = buildDemoCompany(dataset, buildOptions);
  const dir = board.directory;
  const sizes = () => ({
    offices: dir.offices.size,
    technicians: dir.technicians.size,
    customers: dir.customers.size,
    sites: dir.sites.size,
    assets: dir.assets.size,
    jobs: board.jobs.size,
    jobEvents: board.jobEvents.size
  });
  const before = sizes();
  let skipped = 0;
  board.doc.transact(() => {
    skipped += dir.bulkInsert({
      offices: company.offices,
      technicians: company.technicians,
      customers: company.customers,
      sites: company.sites,
      assets: company.assets
    });
    const fresh = company.jobs.filter((job) => !board.jobs.has(job.id));
    const freshIds = new Set(fresh.map((job) => job.id));
    const events = company.jobEvents.filter((event) => freshIds.has(event.jobId));
    skipped += company.jobs.length - fresh.length + company.jobEvents.length - events.length;
    skipped += board.importJobs(fresh, events, options.importer).skipped;
  }, LOCAL_EDIT);
  const after = sizes();
  return {
    offices: after.offices - before.offices,
    technicians: after.technicians - before.technicians,
    customers: after.customers - before.customers,
    sites: after.sites - before.sites,
    assets: after.assets - before.assets,
    jobs: after.jobs - before.jobs,
    jobEvents: after.jobEvents - before.jobEvents,
    skipped
  };
}
