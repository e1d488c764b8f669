/**
 * SLA countdown for cards and the wall screen.
 */
import type { JobStatus } from './status';

/** Statuses where the SLA no longer runs (the work is done or stopped). */
const SLA_STOPPED: ReadonlySet<JobStatus> = new Set(['completed', 'invoiced', 'paid', 'closed', 'cancelled']);

export type SlaState = { kind: 'none' } | { kind: 'met' } | { kind: 'due'; msLeft: number; soon: boolean } | { kind: 'overdue'; msOver: number };

/** `soon` = less than this left. */
export const SLA_SOON_MS = 2 * 3600_000;

export function slaState(slaDue: string | null, status: JobStatus, now: number): SlaState {
  if (!slaDue) return { kind: 'none' };
  if (SLA_STOPPED.has(status)) return { kind: 'met' };
  const left = Date.parse(slaDue) - now;
  if (Number.isNaN(left)) return { kind: 'none' };
  return left >= 0 ? { kind: 'due', msLeft: left, soon: left < SLA_SOON_MS } : { kind: 'overdue', msOver: -left };
}

/** "2h 05m", "3d 4h", "12m" — compact for cards. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The state without the word "SLA" ("met", "due in 2h 05m", "overdue 45m"): callers add it where it is needed. */
export function slaLabel(state: SlaState): string {
  switch (state.kind) {
    case 'none':
      return '';
    case 'met':
      return 'met';
    case 'due':
      return `due in ${formatDuration(state.msLeft)}`;
    case 'overdue':
      return `overdue ${formatDuration(state.msOver)}`;
  }
}
