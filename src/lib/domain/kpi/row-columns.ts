/**
 * The projection's rows as columns: what the dashboard compares for every job (instants, codes
 * of status, type and office, visit counts) in typed arrays, one slot per row in the
 * projection's order. Scanning 60,000 row objects spread over the heap costs a cache miss per
 * row; scanning these arrays does not, and the dashboard touches a row object only for a job
 * it counts. Kept in step with the projection row by row (`set`), so a change costs O(1).
 */
import { JOB_STATUSES, type JobStatus } from '../jobs/status';
import { JOB_TYPES } from '../jobs/job';
import type { JobSummary } from './job-summary';
import type { KpiFilter } from './types';

const STATUS_CODE = new Map<JobStatus, number>(JOB_STATUSES.map((s, i) => [s, i]));
const TYPE_CODE = new Map<string, number>(JOB_TYPES.map((t, i) => [t, i]));
const NONE = NaN;

export class RowColumns {
  /** Rows in slot order (the projection's order). */
  readonly rows: JobSummary[] = [];
  readonly ids: string[] = [];
  created = new Float64Array(0);
  firstOnSite = new Float64Array(0);
  completed = new Float64Array(0);
  slaDue = new Float64Array(0);
  /** Summed on-site minutes; NaN = no on-site time. */
  onSiteMinutes = new Float64Array(0);
  status = new Uint8Array(0);
  type = new Uint8Array(0);
  /** Interned office id (`officeCode`); -1 = no office. */
  office = new Int32Array(0);
  visits = new Int32Array(0);
  /** 1 when some on-site time of the job names its technician (time entries): revenue credit reads only those rows. */
  techTime = new Uint8Array(0);
  /** Slots of callback jobs (`callbackOf` set), ascending. */
  callbacks: number[] = [];
  readonly #slot = new Map<string, number>();
  readonly #offices = new Map<string, number>();

  static of(rows: Iterable<JobSummary>): RowColumns {
    const columns = new RowColumns();
    for (const row of rows) columns.set(row);
    return columns;
  }

  get length(): number {
    return this.rows.length;
  }

  slotOf(id: string): number | undefined {
    return this.#slot.get(id);
  }

  /** The code of an office id in `office` (-1 when no row has it). */
  officeCode(officeId: string): number {
    return this.#offices.get(officeId) ?? -1;
  }

  static statusCode(status: JobStatus): number {
    return STATUS_CODE.get(status)!;
  }

  static typeCode(type: string): number {
    return TYPE_CODE.get(type) ?? -1;
  }

  /** Adds the row, or replaces the row of the same job in its slot. */
  set(row: JobSummary): void {
    let slot = this.#slot.get(row.id);
    if (slot === undefined) {
      slot = this.rows.length;
      this.#slot.set(row.id, slot);
      this.rows.push(row);
      this.ids.push(row.id);
      this.#grow(slot + 1);
      if (row.callbackOf) this.callbacks.push(slot);
    } else {
      const wasCallback = this.rows[slot]!.callbackOf !== null;
      this.rows[slot] = row;
      if (wasCallback !== (row.callbackOf !== null)) this.callbacks = this.rows.flatMap((r, i) => (r.callbackOf ? [i] : []));
    }
    const t = row.times;
    this.created[slot] = t.created;
    this.firstOnSite[slot] = t.firstOnSite ?? NONE;
    this.completed[slot] = t.completed ?? NONE;
    this.slaDue[slot] = t.slaDue ?? NONE;
    this.onSiteMinutes[slot] = t.onSiteMinutes ?? NONE;
    this.status[slot] = STATUS_CODE.get(row.status)!;
    this.type[slot] = TYPE_CODE.get(row.type)!;
    this.office[slot] = row.officeId === null ? -1 : this.#intern(row.officeId);
    this.visits[slot] = row.onSiteVisits;
    this.techTime[slot] = row.onSite.some((i) => i.technicianId !== null) ? 1 : 0;
  }

  #intern(officeId: string): number {
    let code = this.#offices.get(officeId);
    if (code === undefined) this.#offices.set(officeId, (code = this.#offices.size));
    return code;
  }

  /** Doubles the arrays' capacity when `needed` slots do not fit. */
  #grow(needed: number): void {
    if (needed <= this.created.length) return;
    const size = Math.max(64, this.created.length * 2, needed);
    const grow = <A extends Float64Array | Uint8Array | Int32Array>(a: A, make: (n: number) => A): A => {
      const next = make(size);
      next.set(a);
      return next;
    };
    this.created = grow(this.created, (n) => new Float64Array(n));
    this.firstOnSite = grow(this.firstOnSite, (n) => new Float64Array(n));
    this.completed = grow(this.completed, (n) => new Float64Array(n));
    this.slaDue = grow(this.slaDue, (n) => new Float64Array(n));
    this.onSiteMinutes = grow(this.onSiteMinutes, (n) => new Float64Array(n));
    this.status = grow(this.status, (n) => new Uint8Array(n));
    this.type = grow(this.type, (n) => new Uint8Array(n));
    this.office = grow(this.office, (n) => new Int32Array(n));
    this.visits = grow(this.visits, (n) => new Int32Array(n));
    this.techTime = grow(this.techTime, (n) => new Uint8Array(n));
  }
}

/** Whether the job in a slot passes the office / technician / type filters (as types.ts `matchesJob`). */
export function slotMatcher(c: RowColumns, filter: Omit<KpiFilter, 'range'>): (slot: number) => boolean {
  // A filter value no row has matches nothing (-2 never equals a code).
  const officeCode = filter.officeId ? c.officeCode(filter.officeId) : -1;
  const wantOffice = filter.officeId && officeCode < 0 ? -2 : officeCode;
  const typeCode = filter.jobType ? RowColumns.typeCode(filter.jobType) : -1;
  const wantType = filter.jobType && typeCode < 0 ? -2 : typeCode;
  const tech = filter.technicianId ?? null;
  const { office, type, rows } = c;
  return (i) => (wantOffice === -1 || office[i] === wantOffice) && (wantType === -1 || type[i] === wantType) && (tech === null || rows[i]!.technicianIds.includes(tech));
}
