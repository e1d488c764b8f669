/**
 * The board's directory records: offices, customers, sites, assets, technicians.
 * Stored as entity maps in the `board` doc; optional fields default on read (additive schema).
 */
import { z } from 'zod';
import { multiLineText, phoneNumber, singleLineText } from '../text/text-fields';

const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const text = (max: number) => z.string().max(max);

export const officeSchema = z.object({
  id: z.string().min(1),
  name: text(120),
  /** Short code shown on cards and used in filters, e.g. "SF-N". */
  code: text(12),
  timeZone: z.string().default('America/Los_Angeles'),
  /** Street address (added with Settings › Offices; '' on offices written before). */
  address: text(300).default(''),
  /** Share of the office's capacity kept free for emergencies, percent (absent = 0). */
  emergencyReservePercent: z.number().int().min(0).max(50).optional().catch(undefined)
});
export type Office = z.infer<typeof officeSchema>;

export const contactSchema = z.object({
  name: text(200).default(''),
  phone: text(40).default(''),
  email: text(200).default('')
});
export type Contact = z.infer<typeof contactSchema>;

export const customerSchema = z.object({
  id: z.string().min(1),
  name: text(200),
  contacts: z.array(contactSchema).max(50).default([]),
  notes: text(10_000).default(''),
  tags: z.array(text(40)).max(50).default([]),
  createdAt: isoInstant
});
export type Customer = z.infer<typeof customerSchema>;

/**
 * What a person types to create a customer, checked before the record is built: names and
 * phone numbers follow the boundary rules (text/text-fields.ts). `customerSchema` reads
 * what is stored and stays lenient (older peers wrote it).
 */
export const customerInputSchema = z.object({
  name: singleLineText('Customer name', { min: 1, max: 200 }),
  contacts: z
    .array(
      z.object({
        name: singleLineText('Contact name', { max: 200 }).default(''),
        phone: phoneNumber('Phone', { optional: true }).default(''),
        email: singleLineText('E-mail', { max: 200 }).default('')
      })
    )
    .max(50)
    .default([]),
  notes: multiLineText('Notes', { max: 10_000 }).default('')
});

export const geoPointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180)
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

export const siteSchema = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  label: text(200).default(''),
  address: text(300),
  location: geoPointSchema.nullable().default(null),
  accessNotes: text(4000).default('')
});
export type Site = z.infer<typeof siteSchema>;

export const assetSchema = z.object({
  id: z.string().min(1),
  siteId: z.string().min(1),
  type: text(80),
  make: text(80).default(''),
  model: text(80).default(''),
  serial: text(80).default(''),
  installDate: isoDate.nullable().catch(null).default(null),
  warrantyEnd: isoDate.nullable().catch(null).default(null),
  /** The warranty pays labour as well as parts (billing coverage, domain/billing/job-coverage.ts). Absent on older records: parts only. */
  warrantyLabour: z.boolean().catch(false).default(false),
  /** Refrigerant, filter size, … (key → value; asset register, issue 11). Absent on older records. */
  customFields: z.record(text(60), text(300)).catch({}).default({}),
  /** `replaced` keeps the record and its history; `replacedBy` names the asset that took its place. */
  status: z.enum(['active', 'replaced']).catch('active').default('active'),
  replacedBy: z.string().min(1).nullable().catch(null).default(null)
});
export type Asset = z.infer<typeof assetSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" local time in the office's time zone. */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');
export const workingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.tuple([clock, clock]));
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const technicianSchema = z.object({
  id: z.string().min(1),
  name: text(120),
  /** The account this technician signs in as (token `sub`), when they have one. */
  userId: z.string().nullable().default(null),
  officeId: z.string().nullable().default(null),
  skills: z.array(text(40)).max(50).default([]),
  homeBase: z.object({ label: text(200), location: geoPointSchema.nullable() }).nullable().default(null),
  workingHours: workingHoursSchema.default({ mon: ['08:00', '17:00'], tue: ['08:00', '17:00'], wed: ['08:00', '17:00'], thu: ['08:00', '17:00'], fri: ['08:00', '17:00'] }),
  /** Shown on cards and the map; a CSS colour. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).default('#4a6fa5'),
  active: z.boolean().default(true)
});
export type Technician = z.infer<typeof technicianSchema>;
