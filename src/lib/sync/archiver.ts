/**
 * Moving closed work out of the live board into monthly archive docs (sync README "Archive
 * moves", DESIGN §2). The protocol that never loses a job, run by an admin's or dispatcher's
 * client, per archive month:
 *   1. open `archive-<month>` and sync it from the relay;
 *   2. copy every record of the month's jobs the archive lacks (or holds differently);
 *   3. wait until the relay confirms the archive doc durable (confirmation.ts);
 *   4. in ONE live-board transaction, write an `archiveMoves` marker naming the jobs and
 *      delete their records (only jobs whose every record the archive holds equal);
 *   5. wait until the relay confirms the board, then close the archive (the relay checks the
 *      archive room, loaded because we hold it open, before it accepts the removal).
 * Idempotent: a second run copies nothing (content equal) and finds nothing left to remove;
 * two clients at once copy the same records into the same month (Yjs keeps one copy) and
 * delete the same records (deleting twice is harmless).
 */
import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { ARCHIVED_COLLECTIONS, seriesHighWater } from '../domain/archive/archive-move';
import { archiveAfterDays, archiveTimeZone, planArchive, type ArchiveCandidate } from '../domain/archive/archive-plan';
import { sameRecordFields, stableJson } from '../domain/archive/record-fields';
import { eventsByJob } from '../domain/jobs/job-events';
import type { Actor, BoardDoc } from './board-doc';
import { LOCAL_EDIT } from './board-doc';

/** Transaction origin of archive copies (not a user's edit). */
export const ARCHIVE_COPY = 'fieldboard:archive-copy';

type Entity = Y.Map<unknown>;

/** What one archive month needs from its connection. */
export interface ArchiveTarget {
  doc: Y.Doc;
  /** Resolves once the relay has committed everything this device wrote to `doc`. */
  whenDurable(): Promise<void>;
  close(): void;
}

export interface ArchiveEnvironment {
  /** Opens `archive-<month>` read-write and resolves once it has synced with the relay. */
  openArchive(month: string): Promise<ArchiveTarget>;
  /** Resolves once the relay has committed everything this device wrote to the live board. */
  boardDurable(): Promise<void>;
}

export interface MonthReport {
  month: string;
  /** Jobs the plan chose. */
  planned: number;
  /** Records written to the archive doc (0 when it already held them). */
  copied: number;
  /** Jobs removed from the live board by this run. */
  moved: number;
}

/** The org setting: days after closing before work moves (board `meta.archiveAfterDays`). */
export function archiveAgeOf(board: BoardDoc): number {
  return archiveAfterDays(board.doc.getMap('meta').get('archiveAfterDays'));
}

export function setArchiveAge(board: BoardDoc, days: number): void {
  board.doc.transact(() => board.doc.getMap('meta').set('archiveAfterDays', archiveAfterDays(days)), LOCAL_EDIT);
}

/**
 * What would move now, by month (pure rules in domain/archive/archive-plan.ts). Months are
 * counted in the board's own archive zone (`archiveTimeZone`: its offices' zone, else UTC),
 * never the device's, so every device and the relay name the same month for a job.
 */
export function archivePlan(board: BoardDoc, now: Date): Map<string, ArchiveCandidate[]> {
  const history = eventsByJob(board.jobEvents.list());
  const zone = archiveTimeZone(board.directory.offices.list());
  const plan = planArchive(history, board.doc.getMap('jobs').keys(), now, archiveAgeOf(board), zone);
  for (const [month, jobIds] of strayRecordsOfArchivedJobs(board)) {
    const candidates = plan.get(month) ?? [];
    // The closing time left with the job's events; the month is the marker's.
    for (const jobId of jobIds) candidates.push({ jobId, closedAt: '', month });
    plan.set(month, candidates);
  }
  return new Map([...plan].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Records that name a job already archived (a status tap, a note or a time entry made offline
 * and synced after the job moved, or one the archiver had not seen yet): by the month the
 * job's marker names. They follow their job there on the next run, so nothing stays behind
 * pointing at a job the live board no longer has.
 */
export function strayRecordsOfArchivedJobs(board: BoardDoc): Map<string, Set<string>> {
  const jobs = board.doc.getMap('jobs');
  const out = new Map<string, Set<string>>();
  for (const [collection, link] of Object.entries(ARCHIVED_COLLECTIONS)) {
    if (link === 'key') continue;
    board.doc.getMap<Entity>(collection).forEach((entity) => {
      const jobId = entity instanceof Y.Map ? entity.get('jobId') : undefined;
      if (typeof jobId !== 'string' || jobs.has(jobId)) return;
      const month = board.archiveMoves.monthOfJob(jobId);
      if (month === undefined) return;
      const ids = out.get(month) ?? new Set<string>();
      ids.add(jobId);
      out.set(month, ids);
    });
  }
  return out;
}

/** Every record of the given jobs in a board-shaped doc: collection → key → entity. */
export function recordsOfJobs(doc: Y.Doc, jobIds: ReadonlySet<string>, index?: JobRecordIndex): Map<string, Map<string, Entity>> {
  return (index ?? new JobRecordIndex(doc, jobIds)).recordsOf(jobIds);
}

/**
 * Each job's records, per collection, from one pass over the archived collections. A run
 * builds it once and reads it for every month (scanning every collection per month and step
 * made a run's cost grow with the board: minutes on a year-old board). Entities removed since
 * the index was built are skipped; records that arrived since are not in it — they stay live
 * and the next run moves them (strayRecordsOfArchivedJobs).
 */
export class JobRecordIndex {
  readonly #doc: Y.Doc;
  readonly #byJob = new Map<string, Map<string, Map<string, Entity>>>();

  /** `only`: index just these jobs (one-off lookups). */
  constructor(doc: Y.Doc, only?: ReadonlySet<string>) {
    this.#doc = doc;
    for (const [collection, link] of Object.entries(ARCHIVED_COLLECTIONS)) {
      doc.getMap<Entity>(collection).forEach((entity, key) => {
        if (!(entity instanceof Y.Map)) return;
        const jobId = link === 'key' ? key : entity.get('jobId');
        if (typeof jobId !== 'string' || (only && !only.has(jobId))) return;
        let collections = this.#byJob.get(jobId);
        if (!collections) this.#byJob.set(jobId, (collections = new Map()));
        let entities = collections.get(collection);
        if (!entities) collections.set(collection, (entities = new Map()));
        entities.set(key, entity);
      });
    }
  }

  recordsOf(jobIds: ReadonlySet<string>): Map<string, Map<string, Entity>> {
    const out = new Map<string, Map<string, Entity>>();
    for (const jobId of jobIds) {
      for (const [collection, entities] of this.#byJob.get(jobId) ?? []) {
        const live = this.#doc.getMap<Entity>(collection);
        for (const [key, entity] of entities) {
          if (live.get(key) !== entity) continue; // removed (or replaced) since indexed
          let found = out.get(collection);
          if (!found) out.set(collection, (found = new Map()));
          found.set(key, entity);
        }
      }
    }
    return out;
  }
}

/**
 * Copies the jobs' records into the archive doc in one transaction: new records whole, and
 * for records it holds, the fields that differ (jobs and visits are editable; immutable
 * records never differ). Returns how many records it wrote (0: the archive already matched).
 */
export function copyJobsToArchive(live: Y.Doc, archive: Y.Doc, month: string, jobIds: readonly string[], index?: JobRecordIndex): number {
  const records = recordsOfJobs(live, new Set(jobIds), index);
  let written = 0;
  archive.transact(() => {
    const meta = archive.getMap('meta');
    if (meta.get('kind') !== 'archive') meta.set('kind', 'archive');
    if (meta.get('month') !== month) meta.set('month', month);
    for (const [collection, entities] of records) {
      const target = archive.getMap<Entity>(collection);
      for (const [key, entity] of entities) {
        const fields = plainFields(entity);
        const held = target.get(key);
        if (!(held instanceof Y.Map)) {
          target.set(key, new Y.Map(Object.entries(fields)));
          written++;
          continue;
        }
        let changed = false;
        for (const [name, value] of Object.entries(fields)) {
          if (stableJson(plain(held.get(name))) === stableJson(value)) continue;
          held.set(name, value);
          changed = true;
        }
        if (changed) written++;
      }
    }
  }, ARCHIVE_COPY);
  return written;
}

/** The jobs whose every record the archive doc holds with equal fields (safe to remove; the relay refuses the others). */
export function jobsHeldByArchive(live: Y.Doc, archive: Y.Doc, jobIds: readonly string[], index?: JobRecordIndex): string[] {
  const missing = new Set<string>();
  for (const [collection, entities] of recordsOfJobs(live, new Set(jobIds), index)) {
    const target = archive.getMap<Entity>(collection);
    for (const [key, entity] of entities) {
      const held = target.get(key);
      // The relay's test, exactly (update-guard.ts): the whole record equal, no field more or less.
      const same = held instanceof Y.Map && sameRecordFields(plainFields(held), plainFields(entity));
      if (!same) missing.add(ARCHIVED_COLLECTIONS[collection] === 'key' ? key : (entity.get('jobId') as string));
    }
  }
  return jobIds.filter((id) => !missing.has(id));
}

/**
 * The one sanctioned removal: in one transaction, a marker naming the jobs, their month, the
 * customers/sites/assets they concern and their numbers' high-water marks, and the deletion of
 * every record of those jobs. Returns how many jobs it removed records of (0: none left to remove).
 */
export function removeArchivedJobs(board: BoardDoc, month: string, jobIds: readonly string[], actor: Actor, now: Date, index?: JobRecordIndex): number {
  const records = recordsOfJobs(board.doc, new Set(jobIds), index);
  const jobs = records.get('jobs') ?? new Map<string, Entity>();
  if (records.size === 0) return 0;
  const customers = new Set<string>();
  const sites = new Set<string>();
  const assets = new Set<string>();
  const numbers: string[] = [];
  for (const job of jobs.values()) {
    const customerId = job.get('customerId');
    const siteId = job.get('siteId');
    const assetIds = job.get('assetIds');
    const number = job.get('number');
    if (typeof customerId === 'string') customers.add(customerId);
    if (typeof siteId === 'string') sites.add(siteId);
    if (Array.isArray(assetIds)) for (const a of assetIds) if (typeof a === 'string') assets.add(a);
    if (typeof number === 'string') numbers.push(number);
  }
  const removed = jobsNamedBy(records).size; // before the deletion: a removed entity has no fields
  board.doc.transact(() => {
    // Stray records of jobs moved before (strayRecordsOfArchivedJobs) go under their job's
    // existing marker; a new marker names the jobs this run moves.
    if (jobs.size) board.archiveMoves.collection.insert({
      id: uuidv4(),
      month,
      jobIds: [...jobs.keys()].sort(),
      customerIds: [...customers].sort(),
      siteIds: [...sites].sort(),
      assetIds: [...assets].sort(),
      lastNumbers: seriesHighWater(numbers),
      numbers: [...numbers].sort(),
      at: now.toISOString(),
      by: actor.id,
      ...(actor.name !== undefined ? { byName: actor.name } : {})
    });
    for (const [collection, entities] of records) {
      const map = board.doc.getMap(collection);
      for (const key of entities.keys()) map.delete(key);
    }
  }, LOCAL_EDIT);
  return removed;
}

/** The jobs the records belong to (the key of `jobs`, else each record's `jobId`). */
function jobsNamedBy(records: ReadonlyMap<string, ReadonlyMap<string, Entity>>): Set<string> {
  const ids = new Set<string>();
  for (const [collection, entities] of records) {
    for (const [key, entity] of entities) ids.add(ARCHIVED_COLLECTIONS[collection] === 'key' ? key : (entity.get('jobId') as string));
  }
  return ids;
}

/** Runs the whole protocol (file comment) for every month of `plan`, oldest first. */
export async function runArchive(board: BoardDoc, env: ArchiveEnvironment, plan: ReadonlyMap<string, readonly ArchiveCandidate[]>, actor: Actor, now: () => Date): Promise<MonthReport[]> {
  const reports: MonthReport[] = [];
  const index = plan.size ? new JobRecordIndex(board.doc) : undefined;
  for (const [month, candidates] of plan) {
    const jobIds = candidates.map((c) => c.jobId);
    const target = await env.openArchive(month);
    try {
      const copied = copyJobsToArchive(board.doc, target.doc, month, jobIds, index);
      await target.whenDurable();
      const ready = jobsHeldByArchive(board.doc, target.doc, jobIds, index);
      const moved = ready.length ? removeArchivedJobs(board, month, ready, actor, now(), index) : 0;
      if (moved) await env.boardDurable();
      reports.push({ month, planned: jobIds.length, copied, moved });
    } finally {
      target.close();
    }
  }
  return reports;
}

/** An entity's fields as plain JSON (nested Yjs types, e.g. long text, become their JSON). */
function plainFields(entity: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of entity.entries()) out[name] = plain(value);
  return out;
}

function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}
