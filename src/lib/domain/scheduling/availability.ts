/**
 * When technicians can work besides their weekly hours: time off (per technician, a range
 * with a reason), organisation holidays (a local day, for one office or all), and each
 * office's emergency reserve (a share of capacity kept free for emergencies).
 * Records end by being marked `removed`, never deleted (sync README rule 2).
 */
import { z } from 'zod';
import { singleLineText } from '../text/text-fields';
import { clockMinutes, daysWindow, zonedInstant, zonedParts } from '../time/zoned';
import { scheduleWindowSchema, type ScheduleWindow } from './window';

const isoInstant = z.iso.datetime({ offset: true });

/**
 * A `timeOff` entity. Its window holds any two instants: whole days are stored from local
 * midnight to the midnight after the last day (as before hours existed), hours as they are
 * (13:00–17:00 at the dentist), so old entries read the same and no field was added.
 */
export const timeOffSchema = z.object({
  id: z.string().min(1),
  technicianId: z.string().min(1),
  /** One value, like a visit's window. */
  window: scheduleWindowSchema,
  reason: z.string().max(200).catch('').default(''),
  removed: z.boolean().catch(false).default(false),
  createdAt: isoInstant,
  createdBy: z.string()
});
export type TimeOff = z.infer<typeof timeOffSchema>;

/** A `holidays` entity: a local day off for one office (`officeId`) or every office (null). */
export const holidaySchema = z.object({
  id: z.string().min(1),
  date: z.iso.date(),
  name: z.string().max(120).catch('').default(''),
  officeId: z.string().min(1).nullable().catch(null).default(null),
  removed: z.boolean().catch(false).default(false),
  createdAt: isoInstant,
  createdBy: z.string()
});
export type Holiday = z.infer<typeof holidaySchema>;

/** Settings › Time off form. */
export const timeOffInputSchema = z
  .object({
    technicianId: z.string().min(1, 'Choose a technician'),
    start: isoInstant,
    end: isoInstant,
    reason: singleLineText('Reason', { max: 200 }).default('')
  })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), { message: 'Time off must end after it starts.', path: ['end'] });
export type TimeOffInput = z.infer<typeof timeOffInputSchema>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Settings › Time off form: first and last day, and optionally the hours (from on the first day, until on the last). */
export interface TimeOffFormValues {
  from: string;
  to: string;
  fromTime: string;
  toTime: string;
}

/**
 * The window of time off entered as local days and optional hours in `timeZone`: without
 * hours, whole days `from`…`to` (midnight to the next midnight); with both hours, `fromTime`
 * on the first day until `toTime` on the last. Errors are per form field.
 */
export function timeOffWindow(values: TimeOffFormValues, timeZone: string): { ok: true; window: ScheduleWindow } | { ok: false; errors: Record<string, string> } {
  const to = values.to || values.from;
  if (!DATE.test(values.from) || Number.isNaN(Date.parse(values.from))) return { ok: false, errors: { from: 'Choose the first day.' } };
  const days = daysWindow(values.from, to, timeZone);
  if (!days) return { ok: false, errors: { to: 'Choose a first and a last day, the last not before the first.' } };
  if (!values.fromTime && !values.toTime) return { ok: true, window: days };
  if (!CLOCK.test(values.fromTime)) return { ok: false, errors: { fromTime: 'Give a start time (HH:MM), or leave both times empty for whole days.' } };
  if (!CLOCK.test(values.toTime)) return { ok: false, errors: { toTime: 'Give an end time (HH:MM), or leave both times empty for whole days.' } };
  const start = zonedInstant(values.from, clockMinutes(values.fromTime), timeZone);
  const end = zonedInstant(to, clockMinutes(values.toTime), timeZone);
  if (end <= start) return { ok: false, errors: { toTime: 'Time off must end after it starts.' } };
  return { ok: true, window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() } };
}

/**
 * How a time off reads in `timeZone`: `2026-03-05` or `2026-03-05 – 2026-03-06` for whole
 * days, `2026-03-05 13:00–17:00` or `2026-03-05 13:00 – 2026-03-06 10:00` for hours.
 */
export function describeTimeOff(window: ScheduleWindow, timeZone: string): string {
  const start = zonedParts(Date.parse(window.start), timeZone);
  const end = zonedParts(Date.parse(window.end), timeZone);
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  if (start.minutes === 0 && end.minutes === 0) {
    const last = zonedParts(Date.parse(window.end) - 1, timeZone).date;
    return start.date === last ? start.date : `${start.date} – ${last}`;
  }
  if (start.date === end.date) return `${start.date} ${clock(start.minutes)}–${clock(end.minutes)}`;
  return `${start.date} ${clock(start.minutes)} – ${end.date} ${clock(end.minutes)}`;
}

/** Settings › Holidays form. */
export const holidayInputSchema = z.object({
  date: z.iso.date({ error: 'Choose a day' }),
  name: singleLineText('Name', { min: 1, max: 120 }),
  officeId: z.string().min(1).nullable().default(null)
});
export type HolidayInput = z.infer<typeof holidayInputSchema>;

/** Highest emergency reserve an office may keep (beyond this the schedule is mostly reserve). */
export const MAX_EMERGENCY_RESERVE_PERCENT = 50;

export const emergencyReserveSchema = z.coerce
  .number({ error: 'The reserve is a number of percent' })
  .int('Whole percent')
  .min(0, 'At least 0 %')
  .max(MAX_EMERGENCY_RESERVE_PERCENT, `At most ${MAX_EMERGENCY_RESERVE_PERCENT} %`);

/** Holidays in force (not removed) that apply to an office. */
export function holidaysFor(holidays: readonly Holiday[], officeId: string | null): Holiday[] {
  return holidays.filter((h) => !h.removed && (h.officeId === null || h.officeId === officeId));
}
