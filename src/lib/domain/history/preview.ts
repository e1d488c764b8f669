/**
 * How a room looked at a past point compared with now, for the admin's history page: counts
 * per collection and the jobs of that time with their derived status.
 */
import { eventsByJob, currentStatus, jobEventSchema, type JobEvent } from '../jobs/job-events';
import { sameJson, type DocState, type Entry } from './doc-state';
import type { HistoryPreview, PreviewJob } from './history-schemas';

/** Compares the state at the point (`then`) with `now`; `seq`/`at` identify the point. */
export function previewAt(then: DocState, now: DocState, seq: number, at: string | null): HistoryPreview {
  const collections = [...new Set([...Object.keys(then), ...Object.keys(now)])].filter((c) => c !== 'meta').sort();
  const counts = collections.map((collection) => ({
    collection,
    then: Object.keys(then[collection] ?? {}).length,
    now: Object.keys(now[collection] ?? {}).length
  }));
  const thenStatus = eventsByJob(events(then));
  const nowStatus = eventsByJob(events(now));
  const jobs: PreviewJob[] = [];
  for (const [id, entry] of Object.entries(then.jobs ?? {})) {
    if (entry.kind !== 'map') continue;
    const current = now.jobs?.[id];
    const status = currentStatus(thenStatus.get(id));
    let difference: PreviewJob['difference'] = 'same';
    if (current === undefined) difference = 'removed';
    else if (!sameEntry(entry, current) || status !== currentStatus(nowStatus.get(id))) difference = 'changed';
    jobs.push({ id, number: text(entry.fields.number, id), customerName: text(entry.fields.customerName, ''), status, difference });
  }
  jobs.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const jobsCreatedSince = Object.keys(now.jobs ?? {}).filter((id) => then.jobs?.[id] === undefined).length;
  return { seq, at, counts, jobs, jobsCreatedSince };
}

/** The job events of a state that pass their schema (others are skipped, as readers do). */
function events(state: DocState): JobEvent[] {
  const out: JobEvent[] = [];
  for (const [id, entry] of Object.entries(state.jobEvents ?? {})) {
    if (entry.kind !== 'map') continue;
    const parsed = jobEventSchema.safeParse({ ...entry.fields, id });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

function sameEntry(a: Entry, b: Entry): boolean {
  if (a.kind === 'map' && b.kind === 'map') return sameJson(a.fields, b.fields);
  return false;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
