/**
 * When technicians can work besides their weekly hours: time off (per technician, a range
 * with a reason), organisation holidays (a local day, for one office or all), and each
 * office's emergency reserve (a share of capacity kept free for emergencies).
 * Records end by being marked `removed`, never deleted (sync README rule 2).
 */
import { z } from 'zod';
import { singleLineText } from '../text/text-fields';
import { scheduleWindowSchema } from './window';

const isoInstant = z.iso.datetime({ offset: true });

/** A `timeOff` entity. */
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
