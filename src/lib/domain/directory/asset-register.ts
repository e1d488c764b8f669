/**
 * The asset register (issue 11): warranty status, what an office person may type to edit an
 * asset, and an asset's service history gathered from jobs, visits and field records.
 * Pure: dates are the organisation's calendar days ('YYYY-MM-DD'), passed in.
 */
import { z } from 'zod';
import { singleLineText } from '../text/text-fields';
import type { Asset } from './directory';

export type WarrantyStatus = { state: 'in'; until: string } | { state: 'expired'; until: string } | { state: 'unknown' };

/** In warranty through its last day (inclusive); no end date recorded: unknown. */
export function warrantyStatus(asset: Pick<Asset, 'warrantyEnd'>, today: string): WarrantyStatus {
  if (!asset.warrantyEnd) return { state: 'unknown' };
  return asset.warrantyEnd >= today ? { state: 'in', until: asset.warrantyEnd } : { state: 'expired', until: asset.warrantyEnd };
}

/** "in warranty until 2027-03-31", "warranty expired 2025-01-31", "warranty unknown". */
export function warrantyLabel(status: WarrantyStatus): string {
  if (status.state === 'in') return `in warranty until ${status.until}`;
  if (status.state === 'expired') return `warranty expired ${status.until}`;
  return 'warranty unknown';
}

/** "Water heater · Rheem XG50 (SN 123)". */
export function assetName(asset: Pick<Asset, 'type' | 'make' | 'model' | 'serial'>): string {
  const makeModel = [asset.make, asset.model].filter(Boolean).join(' ');
  return `${asset.type}${makeModel ? ` · ${makeModel}` : ''}${asset.serial ? ` (SN ${asset.serial})` : ''}`;
}

const optionalDate = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .pipe(z.iso.date('Enter a date as YYYY-MM-DD, or leave it empty').nullable());

/** The asset edit form (office roles), checked before anything is written. */
export const assetEditSchema = z
  .object({
    type: singleLineText('Equipment type', { min: 1, max: 80 }),
    make: singleLineText('Make', { max: 80 }).default(''),
    model: singleLineText('Model', { max: 80 }).default(''),
    serial: singleLineText('Serial', { max: 80 }).default(''),
    installDate: optionalDate,
    warrantyEnd: optionalDate,
    warrantyLabour: z.boolean().default(false),
    customFields: z
      .array(z.object({ key: singleLineText('Field name', { max: 60 }), value: singleLineText('Field value', { max: 300 }) }))
      .max(50, 'At most 50 custom fields')
      .default([]),
    status: z.enum(['active', 'replaced']),
    replacedBy: z.string().min(1).nullable().default(null)
  })
  .superRefine((v, ctx) => {
    if (v.installDate && v.warrantyEnd && v.warrantyEnd < v.installDate) ctx.addIssue({ code: 'custom', path: ['warrantyEnd'], message: 'The warranty cannot end before the install date' });
    const keys = new Set<string>();
    for (const { key, value } of v.customFields) {
      if (!key && value) ctx.addIssue({ code: 'custom', path: ['customFields'], message: `Name the field for “${value}”` });
      if (key && keys.has(key)) ctx.addIssue({ code: 'custom', path: ['customFields'], message: `“${key}” appears twice` });
      keys.add(key);
    }
    if (v.status === 'active' && v.replacedBy) ctx.addIssue({ code: 'custom', path: ['replacedBy'], message: 'Only a replaced asset has a replacement' });
  })
  .transform(({ customFields, ...rest }) => ({
    ...rest,
    replacedBy: rest.status === 'replaced' ? rest.replacedBy : null,
    customFields: Object.fromEntries(customFields.filter((f) => f.key).map((f) => [f.key, f.value]))
  }));
export type AssetEditInput = z.input<typeof assetEditSchema>;
export type AssetEdit = z.output<typeof assetEditSchema>;

/** The records the history is built from (structural: only the fields it reads). */
export interface HistoryJob {
  id: string;
  number: string;
  status: string;
  problem: string;
  createdAt: string;
  assetIds: readonly string[];
}
export interface HistoryVisit {
  id: string;
  jobId: string;
  status: string;
  window: { start: string; end: string };
}
export interface HistoryRecord {
  id: string;
  jobId: string;
  visitId: string;
  at: string;
}

export interface VisitHistory<V, P, N, A> {
  visit: V;
  parts: P[];
  notes: N[];
  attachments: A[];
}
export interface JobHistory<J, V, P, N, A> {
  job: J;
  visits: Array<VisitHistory<V, P, N, A>>;
  /** Records whose visit is not among the job's visits (a visit that moved to the archive, say). */
  unplaced: { parts: P[]; notes: N[]; attachments: A[] };
}

/**
 * The asset's service history: every job naming the asset, newest first, each with its visits
 * (by start) and the parts, notes and photos recorded on them (oldest first).
 */
export function assetServiceHistory<J extends HistoryJob, V extends HistoryVisit, P extends HistoryRecord, N extends HistoryRecord, A extends HistoryRecord>(
  assetId: string,
  input: { jobs: readonly J[]; visits: readonly V[]; parts: readonly P[]; notes: readonly N[]; attachments: readonly A[] }
): Array<JobHistory<J, V, P, N, A>> {
  const jobs = input.jobs.filter((j) => j.assetIds.includes(assetId)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
  const wanted = new Set(jobs.map((j) => j.id));
  const byJob = <R extends HistoryRecord>(list: readonly R[]) => {
    const out = new Map<string, R[]>();
    for (const r of [...list].filter((r) => wanted.has(r.jobId)).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))) out.set(r.jobId, [...(out.get(r.jobId) ?? []), r]);
    return out;
  };
  const parts = byJob(input.parts);
  const notes = byJob(input.notes);
  const attachments = byJob(input.attachments);
  return jobs.map((job) => {
    const visits = input.visits.filter((v) => v.jobId === job.id).sort((a, b) => (a.window.start < b.window.start ? -1 : a.window.start > b.window.start ? 1 : 0));
    const ids = new Set(visits.map((v) => v.id));
    const of = <R extends HistoryRecord>(map: Map<string, R[]>, visitId: string) => (map.get(job.id) ?? []).filter((r) => r.visitId === visitId);
    const rest = <R extends HistoryRecord>(map: Map<string, R[]>) => (map.get(job.id) ?? []).filter((r) => !ids.has(r.visitId));
    return {
      job,
      visits: visits.map((visit) => ({ visit, parts: of(parts, visit.id), notes: of(notes, visit.id), attachments: of(attachments, visit.id) })),
      unplaced: { parts: rest(parts), notes: rest(notes), attachments: rest(attachments) }
    };
  });
}

/**
 * The agreements covering an asset: those naming it, and those covering its whole site (an
 * agreement that names no assets covers every asset at its sites).
 */
export function agreementsCovering<A extends { siteIds: readonly string[]; assetIds: readonly string[] }>(agreements: readonly A[], asset: Pick<Asset, 'id' | 'siteId'>): A[] {
  return agreements.filter((a) => a.assetIds.includes(asset.id) || (a.assetIds.length === 0 && a.siteIds.includes(asset.siteId)));
}
