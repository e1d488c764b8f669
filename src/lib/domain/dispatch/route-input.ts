/**
 * The day-route input as views and the worker send it, validated with zod (it crosses the
 * worker boundary and comes from synced, possibly odd, data): instants are UTC ISO strings.
 */
import { z } from 'zod';
import { geoPointSchema } from '../directory/directory';

const instant = z.iso.datetime({ offset: true });
const interval = z
  .object({ start: instant, end: instant })
  .refine((w) => Date.parse(w.end) >= Date.parse(w.start), { message: 'a window must not end before it starts' });

export const routeVisitSchema = z
  .object({
    id: z.string().min(1),
    location: geoPointSchema,
    serviceMinutes: z.number().int().min(0).max(24 * 60),
    /** Appointment window: service must START inside it; arriving early means waiting. Null: any time in the shift. */
    window: interval.nullable().default(null),
    /** A locked visit keeps its booked `start` exactly (fixed time, hence fixed place in the day). */
    locked: z.boolean().default(false),
    /** The visit's current booked start; required when locked. */
    start: instant.nullable().default(null)
  })
  .refine((v) => !v.locked || v.start !== null, { message: 'a locked visit needs its booked start' });
export type RouteVisit = z.input<typeof routeVisitSchema>;

export const dayRouteInputSchema = z.object({
  /** Working hours for the day and where the day starts and ends (home base or shop). */
  shift: z
    .object({ start: instant, end: instant, from: geoPointSchema, to: geoPointSchema })
    .refine((s) => Date.parse(s.end) > Date.parse(s.start), { message: 'the shift must end after it starts' }),
  /** The visits in their current order (the baseline for "minutes saved"). */
  visits: z.array(routeVisitSchema).max(200)
});
export type DayRouteInput = z.input<typeof dayRouteInputSchema>;
export type ParsedDayRouteInput = z.output<typeof dayRouteInputSchema>;

/** Bad route input, with every problem spelled out (zod's issues, one per line). */
export class RouteInputError extends Error {
  override readonly name = 'RouteInputError';
}

export function parseDayRouteInput(input: unknown): ParsedDayRouteInput {
  const parsed = dayRouteInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new RouteInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
  }
  const ids = new Set<string>();
  for (const v of parsed.data.visits) {
    if (ids.has(v.id)) throw new RouteInputError(`visits: duplicate visit id ${v.id}`);
    ids.add(v.id);
  }
  return parsed.data;
}
