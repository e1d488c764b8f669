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
import { buildDemoStock } from '../demo/stock-and-agreements';
import { stockMoveSchema } from '../domain/inventory/stock-move';
import { stockSettingSchema } from '../domain/inventory/stock-settings';
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
  /** Stock ledger entries, reorder settings and agreements (issue 11). */
  stockMoves: number;
  stockSettings: number;
  agreements: number;
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
    jobEvents: board.jobEvents.size,
    stockMoves: board.stock.moves.size,
    stockSettings: board.stock.settings.size,
    agreements: board.agreements.agreements.size
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
    skipped += loadDemoStock(board, company, buildOptions, options.importer);
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
    stockMoves: after.stockMoves - before.stockMoves,
    stockSettings: after.stockSettings - before.stockSettings,
    agreements: after.agreements - before.agreements,
    skipped
  };
}

/**
 * The demo's stock ledger, reorder settings and agreements, recorded by the importer; then PM
 * visits generated for those agreements (idempotent: a second load writes nothing). Returns how
 * many records were skipped (already on the board).
 */
function loadDemoStock(board: BoardDoc, company: ReturnType<typeof buildDemoCompany>, options: DemoCompanyOptions, importer: Actor): number {
  const stock = buildDemoStock(company, options);
  const author = { by: importer.id, byName: importer.name ?? '' };
  let skipped = 0;
  for (const move of stock.moves) {
    if (board.stock.moves.has(move.id)) skipped++;
    else board.stock.moves.insert(stockMoveSchema.parse({ ...move, ...author }));
  }
  for (const setting of stock.settings) {
    if (board.stock.settings.has(setting.id)) skipped++;
    else board.stock.settings.insert(stockSettingSchema.parse({ ...setting, ...author }));
  }
  for (const { id, input } of stock.agreements) {
    if (board.agreements.agreements.has(id) || !board.agreements.create(input, importer, options.now, id).ok) skipped++;
  }
  board.agreements.generate({ ids: stock.agreements.map((a) => a.id), actor: importer, now: options.now });
  return skipped;
}
