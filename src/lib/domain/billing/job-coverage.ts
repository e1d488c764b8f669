/**
 * Who pays part of a job's invoice instead of the customer: a service agreement or the
 * equipment's warranty. Pure: agreements, the job's assets and the job's date in, the
 * engine's per-line `coverage` out (price-document.ts applies it after the line discount).
 *
 * THE COVERAGE RULE (documented here once; issue 10 "coverage applied per line and shown",
 * issue 11 "covered services and parts discount", "warranty coverage on the invoice draft"):
 * - An agreement covers the job when it is not cancelled, has started on or before the job's
 *   date (it renews until cancelled: renewal.ts), is the job's customer's, and names one of
 *   the job's assets, or names no assets and covers the job's site (or names no sites and no
 *   assets at all: the customer's whole estate).
 * - Its covered services are free text, one entry each ("Labour", "maintenance 50 %",
 *   "Filter change"): an entry without a percentage covers 100 %, "… N %" covers N %.
 *   An entry covers labour lines when it reads "labour"/"labor" or has the job's type as a word
 *   ("Preventive maintenance" covers the labour of a maintenance job); it covers a service or bundle line
 *   whose description or price-book code equals it (case-insensitive).
 * - Its parts discount (bp) covers that share of every part line, free-text parts included
 *   (so it applies once their price is set on the draft).
 * - Warranty: when every asset of the job is under warranty on the job's date (warranty end
 *   ≥ date, asset-register.ts), parts are covered 100 %. Labour too only when the asset
 *   record says the warranty includes labour (`warrantyLabour`, every asset), since most
 *   manufacturer warranties cover parts only.
 * - One coverage per line: the highest share wins; on a tie warranty beats an agreement, and
 *   agreements are taken by name then id, so every device picks the same one.
 * - The label says which applied, "Agreement Gold plan" / "Warranty (Water heater, until
 *   2027-03-31)", and the engine's explanation reads "Agreement Gold plan covers 15 % (−$12.00)".
 */
import type { Coverage, LineDraft } from './lines';

export interface CoverageAgreement {
  id: string;
  name: string;
  customerId: string;
  siteIds: readonly string[];
  assetIds: readonly string[];
  startDate: string;
  cancelled: boolean;
  coveredServices: readonly string[];
  partsDiscountBp: number;
}

export interface CoverageAsset {
  id: string;
  type: string;
  warrantyEnd: string | null;
  warrantyLabour?: boolean;
}

export interface CoverageJob {
  customerId: string;
  type: string;
  siteId: string | null;
  assets: readonly CoverageAsset[];
  /** The organisation day the work was done (YYYY-MM-DD). */
  date: string;
}

/** A covered-service entry as typed: its name and share. */
export interface CoveredService {
  name: string;
  bp: number;
}

const LABOUR_WORDS = new Set(['labour', 'labor']);

/** "Filter change 50 %" → { name: 'filter change', bp: 5000 }; no percentage = 100 %. */
export function parseCoveredService(entry: string): CoveredService | null {
  const text = entry.trim();
  const match = /^(.*?)[\s:(]*(\d{1,3}(?:\.\d{1,2})?)\s*%\)?$/.exec(text);
  const name = (match ? match[1]! : text).trim().toLowerCase();
  if (!name) return null;
  const bp = match ? Math.round(Number(match[2]) * 100) : 10_000;
  return bp > 0 && bp <= 10_000 ? { name, bp } : null;
}

/** Whether `agreement` covers `job` on the job's date (see the rule above). */
export function agreementCoversJob(agreement: CoverageAgreement, job: CoverageJob): boolean {
  if (agreement.cancelled || agreement.customerId !== job.customerId || agreement.startDate > job.date) return false;
  if (agreement.assetIds.length) return job.assets.some((a) => agreement.assetIds.includes(a.id));
  if (agreement.siteIds.length) return job.siteId !== null && agreement.siteIds.includes(job.siteId);
  return true;
}

/** The warranty covering the job, if every asset of it is under warranty on the job's date. */
export function jobWarranty(job: CoverageJob): { parts: Coverage; labour: Coverage | null } | null {
  if (!job.assets.length || !job.assets.every((a) => a.warrantyEnd !== null && a.warrantyEnd >= job.date)) return null;
  const until = job.assets.map((a) => a.warrantyEnd!).sort()[0]!;
  const label = `Warranty (${[...new Set(job.assets.map((a) => a.type))].join(', ')}, until ${until})`.slice(0, 120);
  const coverage: Coverage = { kind: 'warranty', bp: 10_000, label };
  return { parts: coverage, labour: job.assets.every((a) => a.warrantyLabour === true) ? coverage : null };
}

/** The share `agreement` pays of `line`, 0 when none. `codes` gives a service/bundle line's price-book code. */
function agreementShare(agreement: CoverageAgreement, line: LineDraft, jobType: string, codes: (line: LineDraft) => string[]): number {
  if (line.kind === 'part' || (line.kind === 'manual' && line.id.startsWith('part:'))) return agreement.partsDiscountBp;
  const names = line.kind === 'labour' ? null : [line.description, ...codes(line)].map((s) => s.trim().toLowerCase());
  let best = 0;
  for (const entry of agreement.coveredServices) {
    const service = parseCoveredService(entry);
    if (!service) continue;
    const hit = names === null ? LABOUR_WORDS.has(service.name) || service.name.split(/\s+/).includes(jobType.toLowerCase()) : names.includes(service.name);
    if (hit) best = Math.max(best, service.bp);
  }
  return best;
}

export interface JobCoverage {
  /** The drafts with `coverage` set where something covers them. */
  drafts: LineDraft[];
  /** The labels of what applied, for the draft's header ("Agreement Gold plan", "Warranty (…)"). */
  applied: string[];
}

/** Sets each line's coverage by the rule above. Lines already carrying a coverage keep it. */
export function applyJobCoverage(drafts: readonly LineDraft[], agreements: readonly CoverageAgreement[], job: CoverageJob, codes: (line: LineDraft) => string[] = () => []): JobCoverage {
  const covering = agreements.filter((a) => agreementCoversJob(a, job)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const warranty = jobWarranty(job);
  const applied = new Set<string>();
  const out = drafts.map((line) => {
    if (line.coverage) return line;
    const isPart = line.kind === 'part' || (line.kind === 'manual' && line.id.startsWith('part:'));
    let best: Coverage | null = isPart ? (warranty?.parts ?? null) : line.kind === 'labour' ? (warranty?.labour ?? null) : null;
    for (const agreement of covering) {
      const bp = agreementShare(agreement, line, job.type, codes);
      if (bp > (best?.bp ?? 0)) best = { kind: 'agreement', bp, label: `Agreement ${agreement.name}`.slice(0, 120) };
    }
    if (!best) return line;
    applied.add(best.label);
    return { ...line, coverage: best };
  });
  return { drafts: out, applied: [...applied] };
}
