/**
 * What an admin types in Settings › Offices and › Technicians, validated into directory
 * records with one clear message per field. Pure: the sync commands (sync/directory.ts) and
 * the forms share these schemas, so a form and the doc can never disagree on what is valid.
 */
import { z } from 'zod';
import { WEEKDAYS, type Technician, type Weekday, type WorkingHours } from './directory';

const requiredText = (label: string, max: number) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label} is at most ${max} characters`).default('');
const optionalId = z.string().min(1).nullable().default(null);

/** True when the runtime knows this IANA zone (Intl throws a RangeError otherwise). */
export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const officeInputSchema = z.object({
  name: requiredText('Name', 120),
  code: requiredText('Code', 12),
  address: optionalText('Address', 300),
  timeZone: z.string().trim().refine(isTimeZone, 'Choose a time zone such as America/Los_Angeles')
});
export type OfficeInput = z.input<typeof officeInputSchema>;

/** One weekday's row in the hours grid: works that day, from, to ("HH:MM"). */
export interface HoursRow {
  on: boolean;
  start: string;
  end: string;
}
export type HoursRows = Record<Weekday, HoursRow>;

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday'
};

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

const hoursRowsSchema = z
  .record(z.enum(WEEKDAYS), z.object({ on: z.boolean(), start: z.string(), end: z.string() }))
  .superRefine((rows, ctx) => {
    for (const day of WEEKDAYS) {
      const row = rows[day];
      if (!row.on) continue;
      const label = WEEKDAY_LABELS[day];
      if (!CLOCK.test(row.start) || !CLOCK.test(row.end)) ctx.addIssue({ code: 'custom', path: [day], message: `${label}: enter start and end as HH:MM` });
      else if (row.end <= row.start) ctx.addIssue({ code: 'custom', path: [day], message: `${label}: the day must end after it starts` });
    }
  })
  .transform((rows): WorkingHours => {
    const out: WorkingHours = {};
    for (const day of WEEKDAYS) if (rows[day].on) out[day] = [rows[day].start, rows[day].end];
    return out;
  });

const skillsSchema = z
  .string()
  .transform((value) => [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().max(40, 'Each skill is at most 40 characters')).max(50, 'At most 50 skills'));

export const technicianInputSchema = z.object({
  name: requiredText('Name', 120),
  officeId: optionalId,
  /** Comma-separated, as typed ("hvac, gas"); stored lower-case without duplicates. */
  skills: skillsSchema.default([]),
  /** Where the technician starts the day (a yard, their home town); '' for none. */
  homeBase: optionalText('Home base', 200),
  workingHours: hoursRowsSchema,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour'),
  active: z.boolean().default(true),
  /** The user account this technician signs in as; null for none. */
  userId: optionalId
});
export type TechnicianInput = z.input<typeof technicianInputSchema>;

/** The stored technician fields for a validated input (the home base keeps its map point if the label is unchanged). */
export function technicianFields(input: z.output<typeof technicianInputSchema>, previous?: Technician): Omit<Technician, 'id'> {
  const keepPoint = previous?.homeBase && previous.homeBase.label === input.homeBase;
  return {
    name: input.name,
    officeId: input.officeId,
    skills: input.skills,
    homeBase: input.homeBase ? { label: input.homeBase, location: keepPoint ? (previous.homeBase?.location ?? null) : null } : null,
    workingHours: input.workingHours,
    color: input.color.toLowerCase(),
    active: input.active,
    userId: input.userId
  };
}

/** The form's starting values for a technician (or a blank one, Mon–Fri 08:00–17:00). */
export function technicianFormValues(tech?: Technician): Omit<TechnicianInput, 'skills' | 'workingHours'> & { skills: string; workingHours: HoursRows } {
  const hours = tech?.workingHours ?? { mon: ['08:00', '17:00'], tue: ['08:00', '17:00'], wed: ['08:00', '17:00'], thu: ['08:00', '17:00'], fri: ['08:00', '17:00'] };
  const workingHours = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const span = hours[day];
      return [day, { on: span !== undefined, start: span?.[0] ?? '08:00', end: span?.[1] ?? '17:00' }];
    })
  ) as HoursRows;
  return {
    name: tech?.name ?? '',
    officeId: tech?.officeId ?? null,
    skills: (tech?.skills ?? []).join(', '),
    homeBase: tech?.homeBase?.label ?? '',
    workingHours,
    color: tech?.color ?? '#4a6fa5',
    active: tech?.active ?? true,
    userId: tech?.userId ?? null
  };
}

/** Field errors keyed by path ("name", "workingHours.mon"), the first message per key. */
export function teamFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    const key = first === undefined ? '_form' : first === 'workingHours' && second !== undefined ? `workingHours.${String(second)}` : String(first);
    out[key] ??= issue.message;
  }
  return out;
}

/** After adding a user with the technician role: what to do about their technician record. */
export type TechnicianLink = { kind: 'create'; officeId: string | null } | { kind: 'link'; technicianId: string } | { kind: 'none' };

/** The add-user form's technician-record choice as picked (the inputs of all three options). */
export interface LinkChoice {
  kind: TechnicianLink['kind'];
  officeId: string | null;
  technicianId: string;
}

/** The command for a choice; "link" with no technician picked yet means none. */
export function linkOf(choice: LinkChoice): TechnicianLink {
  if (choice.kind === 'create') return { kind: 'create', officeId: choice.officeId };
  if (choice.kind === 'link' && choice.technicianId) return { kind: 'link', technicianId: choice.technicianId };
  return { kind: 'none' };
}
