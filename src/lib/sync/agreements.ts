/**
 * Service agreements in the `board` doc and their PM visits (issue 11). An agreement is an
 * entity of `agreements` (random id, created once, plain last-writer-wins fields). Its PM
 * visits are fields of that entity, `pm:<periodKey>` → one whole PmVisit value each (the
 * **PM visit** rule of the README): generating writes those fields, never new entities, so two
 * devices generating the same visits offline write the same keys and the merge keeps one —
 * nothing for the relay to refuse (`replace-entity` is about new entities) and nothing
 * duplicated. Booking a visit creates its job under the visit's deterministic id.
 * Composed into BoardDoc as `board.agreements`.
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { agreementInputSchema, agreementSchema, PM_FIELD_PREFIX, type Agreement, type PlanPart, type PmVisit } from '../domain/agreements/agreement';
import { pmChanges, unscheduledVisits, type VisitProgress } from '../domain/agreements/pm-plan';
import { agreementSlaDue } from '../domain/agreements/renewal';
import { fieldErrors, type FieldErrors, type Job } from '../domain/jobs/job';
import { orgTimeZone } from '../domain/time/org-time-zone';
import { nextDate, zonedInstant, zonedParts } from '../domain/time/zoned';
import { Collection } from './collection';
import { LOCAL_EDIT, type Actor, type BoardDoc } from './board-doc';

export type AgreementResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const DONE: ReadonlySet<string> = new Set(['completed', 'invoiced', 'paid', 'closed']);
const UNSTARTED: ReadonlySet<string> = new Set(['new', 'scheduled']);

/** Where a job stands for PM regeneration (domain/agreements/pm-plan.ts). */
export function progressOfJob(job: Pick<Job, 'status'> | undefined): VisitProgress {
  if (!job) return 'unbooked';
  if (UNSTARTED.has(job.status)) return 'unstarted';
  return DONE.has(job.status) ? 'done' : 'started';
}

export class Agreements {
  readonly agreements: Collection<Agreement>;
  readonly #board: BoardDoc;
  readonly #map: Y.Map<Y.Map<unknown>>;

  constructor(board: BoardDoc) {
    this.#board = board;
    this.#map = board.doc.getMap('agreements');
    this.agreements = new Collection(this.#map, agreementSchema);
  }

  list(): Agreement[] {
    return this.agreements.list().sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  get(id: string): Agreement | undefined {
    return this.agreements.get(id);
  }

  /** Today in the organisation's zone. */
  today(now = new Date()): string {
    return zonedParts(now.getTime(), this.#timeZone()).date;
  }

  create(input: unknown, actor: Actor, now = new Date(), id = uuidv4()): AgreementResult<Agreement> {
    if (this.agreements.has(id)) return { ok: false, errors: { _form: 'That agreement is already on the board.' } };
    const parsed = this.#parse(input);
    if (!parsed.ok) return parsed;
    const at = now.toISOString();
    const customerName = this.#board.directory.customers.get(parsed.value.customerId)?.name ?? '';
    const record = agreementSchema.parse({ ...parsed.value, id, customerName, cancelled: false, createdAt: at, createdBy: actor.id, updatedAt: at });
    const { pmVisits: _none, ...fields } = record;
    this.#board.doc.transact(() => this.agreements.insert(fields as Agreement), LOCAL_EDIT);
    return { ok: true, value: record };
  }

  /** Edits an agreement's terms and plan (its PM visits change when it is regenerated). */
  update(id: string, input: unknown, now = new Date()): AgreementResult<Agreement> {
    if (!this.agreements.get(id)) return { ok: false, errors: { _form: 'That agreement is no longer on this board.' } };
    const parsed = this.#parse(input);
    if (!parsed.ok) return parsed;
    const customerName = this.#board.directory.customers.get(parsed.value.customerId)?.name ?? '';
    this.#board.doc.transact(() => this.agreements.patch(id, { ...parsed.value, customerName, updatedAt: now.toISOString() }), LOCAL_EDIT);
    return { ok: true, value: this.agreements.get(id)! };
  }

  setCancelled(id: string, cancelled: boolean, now = new Date()): boolean {
    if (!this.agreements.get(id)) return false;
    this.#board.doc.transact(() => this.agreements.patch(id, { cancelled, updatedAt: now.toISOString() }), LOCAL_EDIT);
    return true;
  }

  progressOf(jobId: string): VisitProgress {
    return progressOfJob(this.#board.getJob(jobId));
  }

  /**
   * Brings the PM visits of the given agreements (all by default) up to date for the horizon,
   * in one transaction: new visits, unstarted ones rewritten, ones no longer planned withdrawn
   * (their booked, unstarted jobs cancelled). Returns how many visits it wrote.
   */
  generate(options: { ids?: readonly string[]; horizonDays?: number; actor: Actor; now?: Date }): number {
    const now = options.now ?? new Date();
    const today = this.today(now);
    const jobs = new Map(this.#board.listJobs().map((j) => [j.id, j]));
    const progressOf = (jobId: string) => progressOfJob(jobs.get(jobId));
    const doneOn = (jobId: string) => {
      const done = this.#board.historyOf(jobId).findLast((e) => e.to === 'completed');
      return done ? zonedParts(Date.parse(done.at), this.#timeZone()).date : null;
    };
    const targets = (options.ids ?? this.agreements.list().map((a) => a.id)).map((id) => this.agreements.get(id)).filter((a): a is Agreement => a !== undefined);
    const writes: Array<{ agreement: Agreement; visit: PmVisit }> = [];
    for (const agreement of targets) {
      const assetTypes = agreement.assetIds.map((id) => this.#board.directory.assets.get(id)?.type ?? '').filter(Boolean);
      for (const visit of pmChanges(agreement, assetTypes, { today, horizonDays: options.horizonDays, progressOf, doneOn })) writes.push({ agreement, visit });
    }
    if (!writes.length) return 0;
    this.#board.doc.transact(() => {
      for (const { agreement, visit } of writes) {
        const entity = this.#map.get(agreement.id);
        if (!(entity instanceof Y.Map)) continue;
        entity.set(`${PM_FIELD_PREFIX}${visit.periodKey}`, visit);
        const job = jobs.get(visit.jobId);
        if (!job || progressOfJob(job) !== 'unstarted') continue;
        if (visit.withdrawn) this.#board.transitionJob(job.id, 'cancelled', options.actor, now);
        else this.#board.jobs.patch(job.id, { problem: pmProblem(agreement, visit), slaDue: this.#dueInstant(visit.dueDate), updatedAt: now.toISOString() });
      }
    }, LOCAL_EDIT);
    return writes.length;
  }

  /** PM visits due up to the horizon that are not booked yet, across agreements, by due date. */
  unscheduled(): Array<{ agreement: Agreement; visit: PmVisit }> {
    const jobs = new Map(this.#board.listJobs().map((j) => [j.id, j]));
    return this.list()
      .filter((a) => !a.cancelled)
      .flatMap((agreement) => unscheduledVisits(agreement, (id) => progressOfJob(jobs.get(id))).map((visit) => ({ agreement, visit })))
      .sort((a, b) => a.visit.dueDate.localeCompare(b.visit.dueDate) || a.agreement.name.localeCompare(b.agreement.name));
  }

  /**
   * Books a PM visit as a maintenance job under its deterministic id (on the board in New,
   * assigned later like any job). Refused when the job already exists.
   */
  book(agreementId: string, periodKey: string, actor: Actor, deviceCode: string, now = new Date()): AgreementResult<Job> {
    const agreement = this.agreements.get(agreementId);
    const visit = agreement?.pmVisits[periodKey];
    if (!agreement || !visit || visit.withdrawn) return { ok: false, errors: { _form: 'That PM visit is no longer planned.' } };
    const site = agreement.siteIds.map((id) => this.#board.directory.sites.get(id)).find((s) => s !== undefined);
    const created = this.#board.createJob(
      {
        customerName: agreement.customerName || this.#board.directory.customers.get(agreement.customerId)?.name || agreement.name,
        siteAddress: site?.address ?? '',
        problem: pmProblem(agreement, visit),
        type: 'maintenance',
        priority: 'normal',
        customerId: agreement.customerId,
        siteId: site?.id ?? null,
        assetIds: agreement.assetIds,
        slaDue: this.#dueInstant(visit.dueDate),
        channel: 'contract',
        // The plan's parts become the job's own required parts: a dispatcher can then adjust
        // them for this visit without touching the plan.
        requiredParts: visit.parts.map((p) => ({ partId: p.partId, quantity: p.qty }))
      },
      actor,
      deviceCode,
      now,
      visit.jobId
    );
    return created.ok ? { ok: true, value: created.job } : created;
  }

  /** The parts a job's PM visit takes (for the truck check); [] for other jobs. */
  partsForJob(): (jobId: string) => PlanPart[] {
    const byJob = new Map<string, PlanPart[]>();
    for (const agreement of this.agreements.list()) for (const visit of Object.values(agreement.pmVisits)) if (!visit.withdrawn) byJob.set(visit.jobId, visit.parts);
    return (jobId) => byJob.get(jobId) ?? [];
  }

  /** The SLA due of a new job for `customerId`: the agreement's response time when sooner than `fallback`. */
  slaDueFor(customerId: string | null, fallback: string | null, now = new Date()): string | null {
    return agreementSlaDue(this.agreements.list(), customerId, now, this.today(now), fallback);
  }

  onChanged(callback: () => void): () => void {
    return this.agreements.observe(() => callback());
  }

  #parse(input: unknown): AgreementResult<ReturnType<typeof agreementInputSchema.parse>> {
    const parsed = agreementInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    const dir = this.#board.directory;
    if (!dir.customers.has(parsed.data.customerId)) return { ok: false, errors: { customerId: 'Pick a customer of this board' } };
    if (parsed.data.siteIds.some((id) => dir.sites.get(id)?.customerId !== parsed.data.customerId)) return { ok: false, errors: { siteIds: 'Pick sites of this customer' } };
    if (parsed.data.assetIds.some((id) => !parsed.data.siteIds.includes(dir.assets.get(id)?.siteId ?? ''))) return { ok: false, errors: { assetIds: 'Pick assets at the covered sites' } };
    if (parsed.data.preferredTechnicianId && !dir.technicians.has(parsed.data.preferredTechnicianId)) return { ok: false, errors: { preferredTechnicianId: 'Pick a technician of this board' } };
    return { ok: true, value: parsed.data };
  }

  #timeZone(): string {
    return orgTimeZone(this.#board.directory.offices.list());
  }

  /** A visit is due by the end of its due date, organisation time. */
  #dueInstant(dueDate: string): string {
    return new Date(zonedInstant(nextDate(dueDate), 0, this.#timeZone())).toISOString();
  }
}

function pmProblem(agreement: Agreement, visit: PmVisit): string {
  const list = visit.checklist.length ? `\nChecklist:\n${visit.checklist.map((item) => `- ${item}`).join('\n')}` : '';
  return `Preventive maintenance (${agreement.name}), due ${visit.dueDate}.${list}`;
}
