/**
 * Local time in the company's zone and technicians' bookings, so demo visits fall inside
 * working hours and no technician is booked on two overlapping jobs (the board would flag it).
 */
import { WEEKDAYS, type Technician, type Weekday } from '../domain/directory/directory';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of an instant in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const weekday = (parts['weekday'] ?? 'Mon').slice(0, 3).toLowerCase() as Weekday;
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    weekday: WEEKDAYS.includes(weekday) ? weekday : 'mon'
  };
}

/** The instant of a wall-clock time in `timeZone` (days and hours may overflow, like Date.UTC). */
export function zonedMs(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (ms: number) => {
    const p = localParts(ms, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / MINUTE) * MINUTE;
  };
  let utc = wall - offsetAt(wall);
  const second = offsetAt(utc);
  if (wall - second !== utc) utc = wall - second;
  return utc;
}

/** Local midnight `days` after the local day containing `ms`. */
export function localDayStart(ms: number, timeZone: string, days = 0): number {
  const p = localParts(ms, timeZone);
  return zonedMs(p.year, p.month, p.day + days, 0, 0, timeZone);
}

const clockMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export interface SlotOptions {
  /** Emergencies: any day, 06:00–22:00, ignoring working hours (on call). */
  onCall?: boolean;
  /** Give up after this many local days. Default 14. */
  maxDays?: number;
  /** Travel gap kept free between visits. Default 30 minutes. */
  gapMinutes?: number;
}

export class Calendar {
  readonly #timeZone: string;
  readonly #bookings = new Map<string, Array<[number, number]>>();

  constructor(timeZone: string) {
    this.#timeZone = timeZone;
  }

  book(techId: string, start: number, end: number): void {
    const list = this.#bookings.get(techId) ?? [];
    list.push([start, end]);
    list.sort((a, b) => a[0] - b[0]);
    this.#bookings.set(techId, list);
  }

  isFree(techId: string, start: number, end: number, gapMinutes = 30): boolean {
    const gap = gapMinutes * MINUTE;
    return (this.#bookings.get(techId) ?? []).every(([s, e]) => end + gap <= s || start >= e + gap);
  }

  /** The earliest start at or after `earliest` (on a 15-minute step) where the visit fits; null if none. */
  findSlot(tech: Technician, earliest: number, minutes: number, options: SlotOptions = {}): number | null {
    const gap = (options.gapMinutes ?? 30) * MINUTE;
    const length = minutes * MINUTE;
    const step = 15 * MINUTE;
    for (let d = 0; d < (options.maxDays ?? 14); d++) {
      const dayStart = localDayStart(earliest, this.#timeZone, d);
      const hours = options.onCall ? (['06:00', '22:00'] as const) : tech.workingHours[localParts(dayStart + 12 * HOUR, this.#timeZone).weekday];
      if (!hours) continue;
      const open = dayStart + clockMinutes(hours[0]) * MINUTE;
      const close = dayStart + clockMinutes(hours[1]) * MINUTE;
      let start = Math.ceil(Math.max(earliest, open) / step) * step;
      for (const [s, e] of this.#bookings.get(tech.id) ?? []) {
        if (start + length + gap <= s) break;
        if (start < e + gap) start = Math.ceil((e + gap) / step) * step;
      }
      if (start + length <= close) return start;
    }
    return null;
  }
}
