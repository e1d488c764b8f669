/**
 * The SLA a new request gets from its priority (hours to respond), as the demo company and
 * most service contracts use: urgent 4 h, high 1 day, normal 3 days, low a week; installs are
 * planned work without an SLA.
 */
import type { JobPriority, JobType } from '../jobs/job';

export const SLA_HOURS: Record<JobPriority, number> = { urgent: 4, high: 24, normal: 72, low: 168 };

export function defaultSlaDue(type: JobType, priority: JobPriority, now: Date): string | null {
  if (type === 'install') return null;
  return new Date(now.getTime() + SLA_HOURS[priority] * 3_600_000).toISOString();
}
