/**
 * The reporting projection on this device (IndexedDB, one Dexie database per board room):
 * one summary row per job (domain/kpi/job-summary.ts), so opening the dashboard reads rows
 * instead of rescanning every doc. Everything here is derived from the synced docs: when the
 * stored version differs from this build's or a row fails validation, the caller rebuilds it
 * from the doc and nothing is lost.
 */
import Dexie, { type Table } from 'dexie';
import { jobSummarySchema, type JobSummary } from '../domain/kpi/job-summary';

/** Bump when the row shape or its derivation changes: devices then rebuild on next open. */
export const PROJECTION_VERSION = 2;

interface MetaRow {
  key: 'version';
  value: number;
}

class ReportingDb extends Dexie {
  summaries!: Table<JobSummary, string>;
  meta!: Table<MetaRow, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ summaries: 'id', meta: 'key' });
  }
}

export type LoadedProjection =
  | { ok: true; rows: JobSummary[] }
  | { ok: false; reason: 'empty' | 'version' | 'corrupt' | 'unavailable'; message: string };

/** The database name for a room (`<org>/board`). */
export function reportingDbName(room: string): string {
  return `fieldboard-reports:${room}`;
}

export class ReportingStore {
  readonly #db: ReportingDb;

  constructor(room: string) {
    this.#db = new ReportingDb(reportingDbName(room));
  }

  /** The saved rows, or why they cannot be used (then rebuild and `replaceAll`). */
  async load(): Promise<LoadedProjection> {
    try {
      const version = await this.#db.meta.get('version');
      if (!version) return { ok: false, reason: 'empty', message: 'Building the reports index for this device.' };
      if (version.value !== PROJECTION_VERSION) return { ok: false, reason: 'version', message: `The reports index was built by another version (${version.value}); rebuilding it from the board.` };
      const raw = await this.#db.summaries.toArray();
      const rows: JobSummary[] = [];
      for (const row of raw) {
        const parsed = jobSummarySchema.safeParse(row);
        if (!parsed.success) return { ok: false, reason: 'corrupt', message: `The reports index on this device is damaged (job ${String((row as { id?: unknown }).id)}); rebuilding it from the board. Nothing is lost.` };
        rows.push(parsed.data);
      }
      return { ok: true, rows };
    } catch (error) {
      return { ok: false, reason: 'unavailable', message: `The reports index could not be read (${error instanceof Error ? error.message : String(error)}); computing from the board.` };
    }
  }

  /** Replaces every row and stamps this build's version, in one transaction. */
  async replaceAll(rows: readonly JobSummary[]): Promise<void> {
    await this.#db.transaction('rw', this.#db.summaries, this.#db.meta, async () => {
      await this.#db.summaries.clear();
      await this.#db.summaries.bulkPut([...rows]);
      await this.#db.meta.put({ key: 'version', value: PROJECTION_VERSION });
    });
  }

  /** Saves changed rows. */
  async put(rows: readonly JobSummary[]): Promise<void> {
    if (rows.length) await this.#db.summaries.bulkPut([...rows]);
  }

  /** For tests of damaged storage: writes anything as a row. */
  async putRaw(row: unknown): Promise<void> {
    await this.#db.summaries.put(row as JobSummary);
  }

  async setVersion(value: number): Promise<void> {
    await this.#db.meta.put({ key: 'version', value });
  }

  close(): void {
    this.#db.close();
  }
}
