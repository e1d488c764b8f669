/**
 * What the live board reads (board.svelte.ts adds the commands): jobs with their derived
 * status kept by an incremental index, visits, the directory, availability, conflicts and
 * presence, published once per doc transaction from whichever workspace is open.
 */
import { untrack } from 'svelte';
import { sortColumn } from './board-columns';
import { orgTimeZone } from '../domain/time/org-time-zone';
import { assetHistory, customerHistory, followUpsOf } from './job-follow-ups';
import { JobIndex } from './job-index';
import { workspace } from './workspace.svelte';
import type { DoubleBooking } from '../domain/scheduling/conflicts';
import { nextVisit, type Visit } from '../domain/scheduling/visit';
import { conflictsByVisit, findVisitConflicts, jobDoubleBookings, type VisitConflict } from '../domain/scheduling/visit-conflicts';
import type { Holiday, TimeOff } from '../domain/scheduling/availability';
import { unassignedEmergencies } from '../domain/scheduling/emergency';
import type { Asset, Customer, GeoPoint, Office, Site, Technician } from '../domain/directory/directory';
import type { Job, JobStatus } from '../domain/jobs/job';
import type { JobEvent } from '../domain/jobs/job-events';
import type { JobActivity } from '../domain/jobs/activity';
import type { BoardDoc } from '../sync/board-doc';
import type { PresencePeer } from '../sync/presence';
import { jobWatchers, onlineUsers, type JobWatcher, type OnlineUser } from './board-presence';

export class BoardData {
  /** Every readable job (unordered; views sort). Replaced once per doc transaction. */
  jobs = $state.raw<Job[]>([]);
  /** Bumped on every job change (status events included), for on-demand lookups. */
  version = $state(0);
  /** Bumped when job activity changes (assignments, edits, feedback). */
  activityVersion = $state(0);
  offices = $state.raw<Office[]>([]);
  technicians = $state.raw<Technician[]>([]);
  customers = $state.raw<Customer[]>([]);
  sites = $state.raw<Site[]>([]);
  assets = $state.raw<Asset[]>([]);
  peers = $state.raw<PresencePeer[]>([]);
  /** Every visit (first visits of booked jobs and further ones), by start. */
  visits = $state.raw<Visit[]>([]);
  timeOff = $state.raw<TimeOff[]>([]);
  holidays = $state.raw<Holiday[]>([]);
  /** Ticks every 30 s for SLA countdowns. */
  now = $state(Date.now());
  attached = $state(false);

  #board: BoardDoc | null = null;
  #index: JobIndex | null = null;

  /** The open board doc, for the commands (board.svelte.ts); null before one is attached. */
  protected get doc(): BoardDoc | null {
    return this.#board;
  }

  readonly techById = $derived(new Map(this.technicians.map((t) => [t.id, t])));
  readonly officeById = $derived(new Map(this.offices.map((o) => [o.id, o])));
  readonly customerById = $derived(new Map(this.customers.map((c) => [c.id, c])));
  readonly siteById = $derived(new Map(this.sites.map((s) => [s.id, s])));
  readonly assetById = $derived(new Map(this.assets.map((a) => [a.id, a])));
  /** The organisation's time zone (its offices'; see `orgTimeZone`): wall clocks and days use it, never the browser's. */
  readonly timeZone = $derived(orgTimeZone(this.offices));
  readonly activeTechnicians = $derived(this.technicians.filter((t) => t.active).sort((a, b) => a.name.localeCompare(b.name)));

  /** Each job's site location (null when the job has no site or the site no pin): travel gaps use it. */
  readonly jobLocation: ReadonlyMap<string, GeoPoint | null> = $derived(new Map(this.jobs.map((j) => [j.id, (j.siteId && this.siteById.get(j.siteId)?.location) || null])));
  /** What is wrong with the schedule: double bookings, hours, time off, holidays, travel gaps (per visit). */
  readonly visitConflicts: VisitConflict[] = $derived(
    findVisitConflicts(this.visits, {
      technicians: this.technicians, timeOff: this.timeOff, holidays: this.holidays, officeZones: new Map(this.offices.map((o) => [o.id, o.timeZone])), orgTimeZone: this.timeZone,
      locationOf: (v) => this.jobLocation.get(v.jobId) ?? null
    })
  );
  readonly conflictsOfVisit: ReadonlyMap<string, VisitConflict[]> = $derived(conflictsByVisit(this.visitConflicts));
  /** Technicians booked on overlapping visits (two dispatchers, possibly offline), by job. */
  readonly conflicts: DoubleBooking[] = $derived(jobDoubleBookings(this.visitConflicts, this.visits, (id) => this.#index?.get(id)?.number ?? ''));
  readonly conflictJobIds: ReadonlySet<string> = $derived(new Set(this.conflicts.flatMap((c) => c.jobIds)));
  /** Jobs with a visit that cannot be driven to (or from) in time → the first such sentence, for card and wall flags. */
  readonly travelGapOfJob: ReadonlyMap<string, string> = $derived.by(() => {
    const jobOf = new Map(this.visits.map((v) => [v.id, v.jobId]));
    const out = new Map<string, string>();
    for (const c of this.visitConflicts) {
      if (c.kind !== 'travel') continue;
      for (const id of c.visitIds) {
        const jobId = jobOf.get(id);
        if (jobId && !out.has(jobId)) out.set(jobId, c.message);
      }
    }
    return out;
  });
  /** Open emergencies without a technician: alerted on every dispatcher's screen and the wall. */
  readonly emergencies: Job[] = $derived(unassignedEmergencies(this.jobs));
  /** Each job's visits, by start. */
  readonly visitsByJob: ReadonlyMap<string, Visit[]> = $derived.by(() => {
    const out = new Map<string, Visit[]>();
    for (const v of this.visits) out.set(v.jobId, [...(out.get(v.jobId) ?? []), v]);
    return out;
  });

  /** Other people on each job (this user's own tabs left out). */
  readonly watchers: ReadonlyMap<string, JobWatcher[]> = $derived(jobWatchers(this.peers, workspace.actor?.id));
  /** Who is online on this board, one entry per person, this user first. */
  readonly online: OnlineUser[] = $derived(onlineUsers(this.peers));

  constructor() {
    $effect.root(() => {
      $effect(() => {
        const board = workspace.board;
        if (!board) return;
        // Untracked: attaching reads and bumps this class's own state, which must not make
        // this effect re-run (it would rebuild the index on every change).
        return untrack(() => this.#attach(board));
      });
      $effect(() => {
        const presence = workspace.presence;
        if (!presence) {
          this.peers = [];
          return;
        }
        untrack(() => (this.peers = presence.peers()));
        return presence.onChange(() => (this.peers = presence.peers()));
      });
      $effect(() => {
        const timer = setInterval(() => (this.now = Date.now()), 30_000);
        return () => clearInterval(timer);
      });
    });
  }

  get ready(): boolean {
    return workspace.ready && this.attached;
  }

  get canWrite(): boolean {
    return workspace.canWriteBoard;
  }

  job(id: string): Job | undefined {
    void this.jobs;
    return this.#index?.get(id);
  }

  /** Status events of a job, oldest first. */
  historyOf(id: string): readonly JobEvent[] {
    void this.version;
    return this.#index?.historyOf(id) ?? [];
  }

  activityOf(id: string): JobActivity[] {
    void this.activityVersion;
    return this.#board?.activityOf(id) ?? [];
  }

  /** Every job of one status in board order (what `moveJob` indexes into; New is in triage order). */
  fullColumn(status: JobStatus): Job[] {
    return sortColumn(status, this.jobs.filter((j) => j.status === status));
  }

  customerHistory(job: Job): Job[] {
    return customerHistory(this.jobs, job);
  }

  assetHistory(assetIds: readonly string[], exceptId?: string): Job[] {
    return assetHistory(this.jobs, assetIds, exceptId);
  }

  followUpsOf(jobId: string): Job[] {
    return followUpsOf(this.jobs, jobId);
  }

  /** The visit a job card shows: its earliest open visit not over yet. */
  nextVisitOf(jobId: string): Visit | null {
    return nextVisit(this.visitsByJob.get(jobId) ?? [], new Date(this.now));
  }

  #attach(board: BoardDoc): () => void {
    const index = new JobIndex(board);
    this.#board = board;
    this.#index = index;
    let jobsQueued = false;
    let directoryQueued = false;
    let marked = false;
    const publishJobs = () => {
      jobsQueued = false;
      this.jobs = index.list();
      this.visits = board.visits.list(this.jobs);
      this.version++;
      // For bench/board-render.ts: when the jobs first reached the views.
      if (!marked && this.jobs.length) {
        marked = true;
        performance.mark('fieldboard:jobs-ready');
      }
    };
    const publishDirectory = () => {
      directoryQueued = false;
      const dir = board.directory;
      this.offices = dir.offices.list().sort((a, b) => a.code.localeCompare(b.code));
      this.technicians = dir.technicians.list();
      this.customers = dir.customers.list();
      this.sites = dir.sites.list();
      this.assets = dir.assets.list();
      this.timeOff = board.availability.listTimeOff();
      this.holidays = board.availability.listHolidays();
    };
    // Several collections change in one transaction: publish once, after it.
    const offJobs = index.follow(() => {
      if (!jobsQueued) queueMicrotask(publishJobs);
      jobsQueued = true;
    });
    const offVisits = board.visits.onChanged(() => {
      if (!jobsQueued) queueMicrotask(publishJobs);
      jobsQueued = true;
    });
    const offAvailability = board.availability.onChanged(() => {
      if (!directoryQueued) queueMicrotask(publishDirectory);
      directoryQueued = true;
    });
    const offActivity = board.jobActivity.observe(() => this.activityVersion++);
    const offDirectory = board.directory.onChanged(() => {
      if (!directoryQueued) queueMicrotask(publishDirectory);
      directoryQueued = true;
    });
    publishJobs();
    publishDirectory();
    this.attached = true;
    return () => {
      offJobs();
      offVisits();
      offAvailability();
      offActivity();
      offDirectory();
      this.#board = null;
      this.#index = null;
      this.attached = false;
      this.jobs = [];
      this.visits = [];
      this.timeOff = [];
      this.holidays = [];
      this.offices = [];
      this.technicians = [];
      this.customers = [];
      this.sites = [];
      this.assets = [];
    };
  }
}

