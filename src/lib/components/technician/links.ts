/**
 * Links the visit screen offers: navigate (a `geo:` URI for the phone's maps app and a web maps
 * URL as the fallback), call and text. Pure, so the encoding is tested without a browser.
 */
import type { GeoPoint } from '$lib/domain/directory/directory';
import { zonedInstant, zonedParts } from '$lib/domain/time/zoned';

export interface NavigateLinks {
  /** `geo:` URI (RFC 5870); Android opens the chosen maps app, others may ignore it. */
  geo: string;
  /** A web maps URL that works on every phone. */
  maps: string;
}

/** Navigate links to a site: by its pin when it has one, else by its address. */
export function navigateLinks(address: string, location: GeoPoint | null): NavigateLinks | null {
  const query = address.trim();
  if (!location && !query) return null;
  const q = encodeURIComponent(query);
  if (location) {
    const at = `${location.lat},${location.lng}`;
    return { geo: `geo:${at}${query ? `?q=${at}(${q})` : ''}`, maps: `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(at)}` };
  }
  return { geo: `geo:0,0?q=${q}`, maps: `https://www.google.com/maps/dir/?api=1&destination=${q}` };
}

/** `tel:` / `sms:` links for a phone number as typed (spaces and punctuation dropped, `+` kept). */
export function phoneLinks(phone: string): { tel: string; sms: string } | null {
  const digits = phone.replace(/(?:ext\.?|x|#)\s*\d+$/i, '').replace(/[^\d+]/g, '');
  if (digits.replace(/\D/g, '').length < 7) return null;
  return { tel: `tel:${digits}`, sms: `sms:${digits}` };
}

/** "1 h 05 min", "25 min". */
export function minutesLabel(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
}

/** The visit screen's path (visit ids of first visits hold a colon). */
export function visitPath(visitId: string): string {
  return `/technician/visits/${encodeURIComponent(visitId)}`;
}

/**
 * An instant as a `datetime-local` value in `timeZone` (the organisation's), so a time entry is
 * edited in the same clock it is shown in, whatever zone the phone is set to. Minutes only.
 */
export function toZonedInput(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const p = zonedParts(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.date}T${pad(Math.floor(p.minutes / 60))}:${pad(p.minutes % 60)}`;
}

/** A `datetime-local` value read in `timeZone` back to an ISO instant; null when empty or invalid. */
export function fromZonedInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  return new Date(zonedInstant(match[1] as string, Number(match[2]) * 60 + Number(match[3]), timeZone)).toISOString();
}
