/**
 * The live board for every view (board, job page, customers, wall, schedule, map): what it
 * reads comes from BoardData (board-data.svelte.ts), the commands the UI may call are here.
 * One instance follows whichever workspace is open; components read it and call its commands,
 * they never see the doc.
 */
import { BoardData } from './board-data.svelte';
import { followUpInput, type FollowUpKind } from './job-follow-ups';
import { jobEditability, SETTLED_STATUSES } from '../domain/jobs/editability';
import { workspace } from './workspace.svelte';
import type { Asset, Customer, GeoPoint, Site } from '../domain/directory/directory';
import type { JobPriority, JobRecord, JobStatus } from '../domain/jobs/job';
import type { JobAction } from '../domain/jobs/activity';
import type { Actor, BoardDoc, CreateJobResult, TransitionResult } from '../sync/board-doc';
import type { CreateResult } from '../sync/directory';
import type { PresenceMode } from '../sync/presence';

export type { TransitionResult };
export type { JobWatcher, OnlineUser } from './board-presence';

const READ_ONLY = 'Your role can view the board but not change it.';
const SIGNED_OUT = 'Sign in to change the board.';

type JobEdit = Partial<Omit<JobRecord, 'id' | 'number' | 'createdAt' | 'createdBy'>>;

class BoardState extends BoardData {
  move(jobId: string, to: JobStatus, index: number): TransitionResult {
    return this.#write((board, actor) => board.moveJob(jobId, to, index, actor));
  }

  assign(jobId: string, technicianIds: readonly string[]): TransitionResult {
    return this.#writeOpenJob(jobId, (board, actor) => board.assignTechnicians(jobId, technicianIds, actor));
  }

  setPriority(jobId: string, priority: JobPriority): TransitionResult {
    return this.#writeOpenJob(jobId, (board, actor) => board.setPriority(jobId, priority, actor));
  }

  schedule(jobId: string, start: string | null, end: string | null): TransitionResult {
    return this.#writeOpenJob(jobId, (board, actor) => board.scheduleJob(jobId, start, end, actor));
  }

  /** Assigns and books a job in one change (a dispatch suggestion's one click). */
  assignAndSchedule(jobId: string, technicianIds: readonly string[], start: string, end: string): TransitionResult {
    return this.#writeOpenJob(jobId, (board, actor) => board.assignAndSchedule(jobId, technicianIds, start, end, actor));
  }

  /** The parts the job calls for (job page): dispatchers and admins only, like other dispatch edits. */
  setRequiredParts(jobId: string, parts: ReadonlyArray<{ partId: string; quantity: number }>): TransitionResult {
    if (!this.canDispatch) return { ok: false, error: READ_ONLY };
    return this.#writeOpenJob(jobId, (board, actor) => board.setRequiredParts(jobId, parts, actor));
  }

  update(jobId: string, fields: JobEdit, action: JobAction = 'edited'): TransitionResult {
    // Feedback arrives after the work is settled; every other edit needs an open job.
    if (action === 'feedback') return this.#write((board, actor) => board.updateJob(jobId, fields, actor, action));
    return this.#writeOpenJob(jobId, (board, actor) => board.updateJob(jobId, fields, actor, action));
  }

  createJob(input: unknown): CreateJobResult {
    const board = this.doc;
    const actor = workspace.actor;
    if (!board || !actor) return { ok: false, errors: { _form: SIGNED_OUT } };
    if (!this.canWrite) return { ok: false, errors: { _form: READ_ONLY } };
    return board.createJob(input, actor, workspace.deviceCode());
  }

  /** A callback or quality-check job linked to `jobId` (see job-follow-ups.ts). */
  createFollowUp(jobId: string, kind: FollowUpKind, now = new Date()): CreateJobResult {
    const job = this.job(jobId);
    if (!job) return { ok: false, errors: { _form: 'That job no longer exists on this board.' } };
    return this.createJob(followUpInput(job, kind, now));
  }

  /** Customer feedback after the visit (1–5). */
  rate(jobId: string, rating: number): TransitionResult {
    return this.update(jobId, { feedbackRating: rating }, 'feedback');
  }

  createCustomer(input: { name: string; contacts?: Array<{ name?: string; phone?: string; email?: string }>; notes?: string }): CreateResult<Customer> {
    const board = this.#writableBoard();
    return board ? board.directory.createCustomer(input) : { ok: false, errors: { _form: this.canWrite ? SIGNED_OUT : READ_ONLY } };
  }

  createSite(input: { customerId: string; address: string; label?: string; accessNotes?: string }): CreateResult<Site> {
    const board = this.#writableBoard();
    return board ? board.directory.createSite(input) : { ok: false, errors: { _form: this.canWrite ? SIGNED_OUT : READ_ONLY } };
  }

  createAsset(input: { siteId: string; type: string; make?: string; model?: string; serial?: string }): CreateResult<Asset> {
    const board = this.#writableBoard();
    return board ? board.directory.createAsset(input) : { ok: false, errors: { _form: this.canWrite ? SIGNED_OUT : READ_ONLY } };
  }

  /** Edits an asset (asset page; office roles): see `Directory.saveAsset`. */
  saveAsset(id: string, input: unknown): CreateResult<Asset> {
    if (!this.canDispatch) return { ok: false, errors: { _form: 'Only office roles may edit equipment.' } };
    const board = this.#writableBoard();
    return board ? board.directory.saveAsset(id, input) : { ok: false, errors: { _form: this.canWrite ? SIGNED_OUT : READ_ONLY } };
  }

  /** Drops a pin for a site that has no location yet (or moves it): see `Directory.setSiteLocation`. */
  setSiteLocation(siteId: string, location: GeoPoint): CreateResult<Site> {
    const board = this.#writableBoard();
    return board ? board.directory.setSiteLocation(siteId, location) : { ok: false, errors: { _form: this.canWrite ? SIGNED_OUT : READ_ONLY } };
  }

  /** Fetches the demo dataset and writes the demo company. The seed is fixed so that two
   * dispatchers pressing the button at once write the same records (the loader is idempotent). */
  async loadDemo(): Promise<{ ok: true; jobs: number } | { ok: false; error: string }> {
    const board = this.#writableBoard();
    const importer = workspace.actor;
    if (!board || !importer) return { ok: false, error: this.canWrite ? SIGNED_OUT : READ_ONLY };
    try {
      const [{ fetchDemoDataset }, { loadDemoCompany }] = await Promise.all([import('../demo/dataset'), import('../sync/demo-loader')]);
      const dataset = await fetchDemoDataset(fetch);
      const result = loadDemoCompany(board, dataset, { seed: 1, now: new Date(), importer });
      return { ok: true, jobs: result.jobs };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Tells others which job this tab is on (null when none) and whether it is being edited. */
  setPresence(path: string, jobId: string | null = null, mode: PresenceMode | null = null): void {
    workspace.presence?.set({ path, jobId, mode: jobId ? (mode ?? 'viewing') : null });
  }

  #writableBoard(): BoardDoc | null {
    return this.doc && workspace.actor && this.canWrite ? this.doc : null;
  }

  /** Like #write, refused for settled jobs (paid, closed, cancelled: see jobEditability). */
  #writeOpenJob(jobId: string, command: (board: BoardDoc, actor: Actor) => TransitionResult): TransitionResult {
    const job = this.job(jobId);
    if (job && SETTLED_STATUSES.has(job.status)) {
      return { ok: false, error: jobEditability(job.status, true).reason ?? 'This job can no longer be changed.' };
    }
    return this.#write(command);
  }

  #write(command: (board: BoardDoc, actor: Actor) => TransitionResult): TransitionResult {
    const board = this.doc;
    const actor = workspace.actor;
    if (!board || !actor) return { ok: false, error: SIGNED_OUT };
    if (!this.canWrite) return { ok: false, error: READ_ONLY };
    return command(board, actor);
  }
}

export const board = new BoardState();
