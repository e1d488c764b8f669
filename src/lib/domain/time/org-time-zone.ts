/**
 * Which time zone the organisation lives in. Days, clocks and periods use it (house rule:
 * the organisation's zone for days), never the zone of whatever screen shows them.
 */

/**
 * The organisation's time zone: its offices' zone (the most common one, ties to the first
 * office by code, so every device agrees), or `fallback` (this device's) before any office
 * exists. Unknown zone names (a peer's typo) are skipped.
 */
export function orgTimeZone(offices: readonly { code: string; timeZone: string }[], fallback = deviceTimeZone()): string {
  const counts = new Map<string, number>();
  for (const office of [...offices].sort((a, b) => a.code.localeCompare(b.code))) {
    if (isTimeZone(office.timeZone)) counts.set(office.timeZone, (counts.get(office.timeZone) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [zone, count] of counts) if (best === null || count > counts.get(best)!) best = zone;
  return best ?? fallback;
}

function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
