/**
 * Causal order of a job's history (events and activity), the "stamp" rule of the sync README.
 *
 * `at` is the acting device's wall clock: shown to people and used for KPIs, never pushed
 * ahead (the relay refuses instants far in its future). Order needs more than that: a device
 * whose clock is slow must still record its move *after* the move it acted on, and several
 * moves made in one millisecond must keep the order they were made in. So each entry also
 * carries `stamp` = max(device now, greatest stamp-or-at of the job's entries the device holds
 * + 1 ms), and entries sort by (stamp ?? at, id). Entries written before `stamp` existed sort
 * by their `at`, exactly as before.
 */

/** Anything ordered by the stamp rule. */
export interface Stamped {
  id: string;
  at: string;
  stamp?: string | undefined;
}

/** The instant an entry sorts by (milliseconds since the epoch; NaN never happens for parsed entries). */
export function orderKey(entry: Stamped): number {
  return Date.parse(entry.stamp ?? entry.at);
}

/** `toISOString()` form: for these, string order is time order (the common, fast case). */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Sort comparator: (stamp ?? at, id), identical on every device. */
export function compareStamped(a: Stamped, b: Stamped): number {
  const sa = a.stamp ?? a.at;
  const sb = b.stamp ?? b.at;
  if (sa !== sb) {
    if (CANONICAL.test(sa) && CANONICAL.test(sb)) return sa < sb ? -1 : 1;
    // Other offsets or precisions (older or foreign writers): compare the instants.
    const ka = Date.parse(sa);
    const kb = Date.parse(sb);
    if (ka !== kb) return ka < kb ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The stamp for a new entry made at `now` after every entry in `seen` (the job's entries this
 * device holds): strictly after all of them, and never before `now`.
 */
export function nextStamp(seen: Iterable<Stamped>, now: Date): string {
  let latest = -Infinity;
  for (const entry of seen) latest = Math.max(latest, orderKey(entry));
  return new Date(Math.max(now.getTime(), latest + 1)).toISOString();
}
