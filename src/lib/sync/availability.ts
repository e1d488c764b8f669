/**
 * Time off, holidays and each office's emergency reserve in the `board` doc (additive:
 * two new collections and one new office field). Entries end by being marked `removed`,
 * never deleted. One transaction per action. Composed into BoardDoc as `board.availability`.
 */
import type * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { emergencyReserveSchema, holidayInputSchema, holidaySchema, timeOffInputSchema, timeOffSchema, type Holiday, type TimeOff } from '../domain/scheduling/availability';
import { fieldErrors, type FieldErrors } from '../domain/jobs/job';
import { Collection } from './collection';
import type { Directory } from './directory';

export type AvailabilityResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

interface Actor {
  id: string;
}

export class Availability {
  readonly timeOff: Collection<TimeOff>;
  readonly holidays: Collection<Holiday>;
  readonly #doc: Y.Doc;
  readonly #directory: Directory;
  readonly #origin: unknown;

  constructor(doc: Y.Doc, directory: Directory, origin: unknown) {
    this.#doc = doc;
    this.#directory = directory;
    this.#origin = origin;
    this.timeOff = new Collection(doc.getMap('timeOff'), timeOffSchema);
    this.holidays = new Collection(doc.getMap('holidays'), holidaySchema);
  }

  /** Time off in force (not removed), by start. */
  listTimeOff(): TimeOff[] {
    return this.timeOff
      .list()
      .filter((t) => !t.removed)
      .sort((a, b) => a.window.start.localeCompare(b.window.start) || a.id.localeCompare(b.id));
  }

  /** Holidays in force, by day. */
  listHolidays(): Holiday[] {
    return this.holidays
      .list()
      .filter((h) => !h.removed)
      .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  }

  addTimeOff(input: unknown, actor: Actor, now = new Date()): AvailabilityResult<TimeOff> {
    const parsed = timeOffInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    if (!this.#directory.technicians.has(parsed.data.technicianId)) return { ok: false, errors: { technicianId: 'Pick a technician of this board' } };
    const { technicianId, start, end, reason } = parsed.data;
    const record = timeOffSchema.parse({ id: uuidv4(), technicianId, window: { start, end }, reason, removed: false, createdAt: now.toISOString(), createdBy: actor.id });
    this.#doc.transact(() => this.timeOff.insert(record), this.#origin);
    return { ok: true, value: record };
  }

  removeTimeOff(id: string): boolean {
    if (!this.timeOff.get(id)) return false;
    this.#doc.transact(() => this.timeOff.patch(id, { removed: true }), this.#origin);
    return true;
  }

  addHoliday(input: unknown, actor: Actor, now = new Date()): AvailabilityResult<Holiday> {
    const parsed = holidayInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
    if (parsed.data.officeId !== null && !this.#directory.offices.has(parsed.data.officeId)) return { ok: false, errors: { officeId: 'Pick an office of this board' } };
    const record = holidaySchema.parse({ ...parsed.data, id: uuidv4(), removed: false, createdAt: now.toISOString(), createdBy: actor.id });
    this.#doc.transact(() => this.holidays.insert(record), this.#origin);
    return { ok: true, value: record };
  }

  removeHoliday(id: string): boolean {
    if (!this.holidays.get(id)) return false;
    this.#doc.transact(() => this.holidays.patch(id, { removed: true }), this.#origin);
    return true;
  }

  /** Sets an office's emergency reserve (percent of capacity kept free). */
  setEmergencyReserve(officeId: string, percent: unknown): AvailabilityResult<number> {
    const parsed = emergencyReserveSchema.safeParse(percent);
    if (!parsed.success) return { ok: false, errors: { emergencyReservePercent: parsed.error.issues[0]?.message ?? 'Invalid reserve' } };
    if (!this.#directory.offices.get(officeId)) return { ok: false, errors: { officeId: 'Pick an office of this board' } };
    this.#doc.transact(() => this.#directory.offices.patch(officeId, { emergencyReservePercent: parsed.data }), this.#origin);
    return { ok: true, value: parsed.data };
  }

  /** Calls back after any change to time off or holidays. */
  onChanged(callback: () => void): () => void {
    const offs = [this.timeOff.observe(() => callback()), this.holidays.observe(() => callback())];
    return () => offs.forEach((off) => off());
  }
}
