/**
 * The job page's history: status events and activity merged into one list of who did what
 * when, oldest first, in plain words.
 */
import type { JobActivity } from '$lib/domain/jobs/activity';
import type { JobEvent } from '$lib/domain/jobs/job-events';
import { compareStamped } from '$lib/domain/jobs/event-order';
import { JOB_PRIORITIES, type JobPriority } from '$lib/domain/jobs/job';
import { STATUS_LABELS } from '$lib/domain/jobs/status';
import { PRIORITY_LABELS } from '../board/labels';

export interface TimelineEntry {
  id: string;
  at: string;
  /** Ordering instant (stamp rule); entries sort by (stamp ?? at, id). */
  stamp?: string | undefined;
  who: string;
  text: string;
  kind: 'status' | 'activity';
  /** Routine entries (card reordering) shown quieter. */
  minor: boolean;
}

const FIELD_LABELS: Record<string, string> = {
  customerName: 'customer',
  siteAddress: 'address',
  problem: 'problem',
  type: 'type',
  officeId: 'office',
  requiredSkills: 'skills',
  estimatedMinutes: 'duration',
  slaDue: 'SLA',
  outcome: 'outcome',
  resolution: 'resolution',
  channel: 'channel',
  customerId: 'customer record',
  siteId: 'site',
  assetIds: 'equipment'
};

const isPriority = (v: unknown): v is JobPriority => typeof v === 'string' && (JOB_PRIORITIES as readonly string[]).includes(v);

function describe(activity: JobActivity, techName: (id: string) => string, when: (iso: string | null) => string): string {
  const c = activity.changes;
  switch (activity.action) {
    case 'assigned': {
      const ids = Array.isArray(c.assignedTechIds?.to) ? (c.assignedTechIds.to as string[]) : [];
      return ids.length ? `assigned ${ids.map(techName).join(', ')}` : 'removed every technician';
    }
    case 'priority': {
      const from = c.priority?.from;
      const to = c.priority?.to;
      return `changed priority${isPriority(from) ? ` from ${PRIORITY_LABELS[from]}` : ''}${isPriority(to) ? ` to ${PRIORITY_LABELS[to]}` : ''}`;
    }
    case 'scheduled': {
      const start = typeof c.scheduledStart?.to === 'string' ? c.scheduledStart.to : null;
      const end = typeof c.scheduledEnd?.to === 'string' ? c.scheduledEnd.to : null;
      return start ? `scheduled the visit for ${when(start)}${end ? ` – ${when(end)}` : ''}` : 'cleared the visit window';
    }
    case 'feedback':
      return `recorded customer feedback: ${String(c.feedbackRating?.to ?? '?')}/5`;
    case 'reordered':
      return 'reordered the card in its column';
    case 'callback_created':
      return 'created a callback';
    case 'visit':
      return describeVisit(c, when);
    case 'quote_accepted':
      return `recorded that quote ${String(c.quote?.to ?? '')}`;
    case 'edited': {
      const fields = Object.keys(c).map((k) => FIELD_LABELS[k] ?? k);
      return fields.length ? `edited ${fields.join(', ')}` : 'edited the job';
    }
  }
}

/** Visit activity (sync/visits.ts): `booked`/`moved` carry the window, `status` the visit status. */
function describeVisit(c: JobActivity['changes'], when: (iso: string | null) => string): string {
  const window = (v: unknown) => (v && typeof v === 'object' && typeof (v as { start?: unknown }).start === 'string' ? when((v as { start: string }).start) : 'an unknown time');
  if (c.booked) return `booked another visit for ${window(c.booked.to)}`;
  if (c.window) return `moved a visit to ${window(c.window.to)}`;
  if (c.status) return `set a visit to ${String(c.status.to).replace('_', ' ')}`;
  if (c.technicianIds) return 'changed who goes on a visit';
  return 'changed a visit';
}

export function buildTimeline(
  events: readonly JobEvent[],
  activity: readonly JobActivity[],
  techName: (id: string) => string,
  when: (iso: string | null) => string
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...events.map((e) => ({
      id: e.id,
      at: e.at,
      stamp: e.stamp,
      who: e.recordedFor ? `${e.byName ?? e.by} (recorded for ${e.recordedForName ?? e.recordedFor})` : (e.byName ?? e.by),
      text: e.kind === 'created' || e.from === null ? 'created the job' : `moved it from ${STATUS_LABELS[e.from]} to ${STATUS_LABELS[e.to]}`,
      kind: 'status' as const,
      minor: false
    })),
    ...activity.map((a) => ({ id: a.id, at: a.at, stamp: a.stamp, who: a.byName ?? a.by, text: describe(a, techName, when), kind: 'activity' as const, minor: a.action === 'reordered' }))
  ];
  return entries.sort(compareStamped);
}
