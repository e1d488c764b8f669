/**
 * The time clock: travel, on-site and break entries of a technician, what invoices bill and
 * payroll pays (sync README "timeEntries", the **ledger** rule with supersede chains).
 *
 * Every record is immutable and written by its author (the relay enforces `by` and no future
 * times). Nothing is ever overwritten:
 * - starting the clock writes an entry with `end: null` (an **open** entry);
 * - stopping it writes a new record that `supersedes` the open one, same start, with an end;
 * - an edit after the fact writes a new record that `supersedes` the current one, with a
 *   `reason`; the original stays in the history.
 *
 * The current entries are derived here, the same on every device: records form chains through
 * `supersedes`; each chain's current version is found by walking from its root to the latest
 * successor at every step, latest by the stamp rule `(stamp ?? at, id)`. Two devices editing
 * the same entry concurrently both supersede it: the later edit (by stamp) is current, the
 * other is kept in the history marked as overridden, never lost.
 */
import { z } from 'zod';
import { compareStamped } from '../jobs/event-order';

export const TIME_ENTRY_KINDS = ['travel', 'on_site', 'break'] as const;
export type TimeEntryKind = (typeof TIME_ENTRY_KINDS)[number];

export const TIME_ENTRY_LABELS: Record<TimeEntryKind, string> = { travel: 'Travel', on_site: 'On site', break: 'Break' };

const isoInstant = z.iso.datetime({ offset: true });

/** A `timeEntries` record as stored. */
export const timeEntrySchema = z
  .object({
    id: z.string().min(1),
    technicianId: z.string().min(1),
    /** The job worked on; null for a break taken between visits. */
    jobId: z.string().min(1).nullable(),
    /** The visit worked on (`v1:<jobId>` for a job's first visit); null for a break between visits. */
    visitId: z.string().min(1).nullable().catch(null).default(null),
    kind: z.enum(TIME_ENTRY_KINDS),
    start: isoInstant,
    /** Null while the clock runs. */
    end: isoInstant.nullable().default(null),
    /** The record this one replaces (a stop or an edit); absent on a first record. */
    supersedes: z.string().min(1).optional().catch(undefined),
    /** Why an entry was edited after the fact; absent on starts and stops. */
    reason: z.string().max(500).optional().catch(undefined),
    at: isoInstant,
    stamp: isoInstant.optional().catch(undefined),
    by: z.string().min(1),
    byName: z.string().optional().catch(undefined)
  })
  .refine((e) => e.end === null || Date.parse(e.end) >= Date.parse(e.start), { message: 'An entry ends before it starts.', path: ['end'] });
export type TimeEntry = z.infer<typeof timeEntrySchema>;

/** One entry as it stands now (the head of its chain) with the chain's root id. */
export interface CurrentTimeEntry extends TimeEntry {
  /** The first record of the chain: stable across stops and edits, used to address the entry. */
  rootId: string;
  /** True when an edit (with a reason) is part of its chain. */
  edited: boolean;
}

/** A record in an entry's history, oldest first. */
export interface TimeEntryVersion {
  record: TimeEntry;
  /** `started`, `stopped`, `edited` (with a reason). */
  change: 'started' | 'stopped' | 'edited';
  /** Superseded by a later version, or overridden by a concurrent edit that won. */
  state: 'current' | 'replaced' | 'overridden';
}

/** Groups records by their root and finds each chain's current version. */
function chains(records: readonly TimeEntry[]): Map<string, { root: TimeEntry; current: TimeEntry; members: TimeEntry[]; winners: Set<string> }> {
  const byId = new Map(records.map((r) => [r.id, r]));
  const successors = new Map<string, TimeEntry[]>();
  for (const r of records) {
    // A record superseding one this device does not hold (yet) starts its own chain until it arrives.
    if (r.supersedes && byId.has(r.supersedes) && r.supersedes !== r.id) {
      successors.set(r.supersedes, [...(successors.get(r.supersedes) ?? []), r]);
    }
  }
  const out = new Map<string, { root: TimeEntry; current: TimeEntry; members: TimeEntry[]; winners: Set<string> }>();
  for (const root of records) {
    if (root.supersedes && byId.has(root.supersedes) && root.supersedes !== root.id) continue;
    const members: TimeEntry[] = [];
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length) {
      const r = stack.pop() as TimeEntry;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      members.push(r);
      stack.push(...(successors.get(r.id) ?? []));
    }
    const winners = new Set<string>([root.id]);
    let current = root;
    const walked = new Set<string>([root.id]);
    for (;;) {
      const next = (successors.get(current.id) ?? []).filter((s) => !walked.has(s.id)).sort(compareStamped).at(-1);
      if (!next) break;
      walked.add(next.id);
      winners.add(next.id);
      current = next;
    }
    out.set(root.id, { root, current, members: members.sort(compareStamped), winners });
  }
  return out;
}

/** The entries as they stand now, one per chain, by start (then root id). */
export function currentTimeEntries(records: readonly TimeEntry[]): CurrentTimeEntry[] {
  return [...chains(records).values()]
    .map(({ root, current, members }) => ({ ...current, rootId: root.id, edited: members.some((m) => m.reason !== undefined && m.reason !== '') }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.rootId < b.rootId ? -1 : a.rootId > b.rootId ? 1 : 0));
}

/** Every version of the entry whose chain starts at `rootId`, oldest first (the job's history). */
export function timeEntryHistory(records: readonly TimeEntry[], rootId: string): TimeEntryVersion[] {
  const chain = chains(records).get(rootId);
  if (!chain) return [];
  return chain.members.map((record) => ({
    record,
    change: record.reason ? 'edited' : record.supersedes ? 'stopped' : 'started',
    state: record.id === chain.current.id ? 'current' : chain.winners.has(record.id) ? 'replaced' : 'overridden'
  }));
}

/** The technician's running entries (normally at most one; two devices may each have started one). */
export function openEntries(current: readonly CurrentTimeEntry[], technicianId: string): CurrentTimeEntry[] {
  return current.filter((e) => e.technicianId === technicianId && e.end === null);
}

/** Minutes of an entry (a running one counts up to `now`), rounded down. */
export function entryMinutes(entry: Pick<TimeEntry, 'start' | 'end'>, now: Date): number {
  const end = entry.end ? Date.parse(entry.end) : now.getTime();
  return Math.max(0, Math.floor((end - Date.parse(entry.start)) / 60_000));
}

/** Total minutes per kind over current entries. */
export function minutesByKind(entries: readonly CurrentTimeEntry[], now: Date): Record<TimeEntryKind, number> {
  const out: Record<TimeEntryKind, number> = { travel: 0, on_site: 0, break: 0 };
  for (const e of entries) out[e.kind] += entryMinutes(e, now);
  return out;
}

/** Input of "edit an entry after the fact" (the technician's or the office's form). */
export const timeEntryEditSchema = z
  .object({
    start: isoInstant,
    end: isoInstant.nullable(),
    reason: z
      .string()
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().min(3, 'Say why the time changed (at least 3 characters).').max(500, 'Keep the reason under 500 characters.'))
  })
  .refine((e) => e.end === null || Date.parse(e.end) > Date.parse(e.start), { message: 'The entry must end after it starts.', path: ['end'] });
export type TimeEntryEdit = z.infer<typeof timeEntryEditSchema>;
