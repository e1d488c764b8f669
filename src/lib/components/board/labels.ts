import type { JobPriority, JobType } from '$lib/domain/jobs/job';
import type { WindowIssue } from '$lib/domain/scheduling/window';

export const TYPE_LABELS: Record<JobType, string> = {
  emergency: 'Emergency',
  repair: 'Repair',
  install: 'Install',
  maintenance: 'Maintenance',
  inspection: 'Inspection',
  callback: 'Callback'
};

export const PRIORITY_LABELS: Record<JobPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent'
};

/** Badge tone per priority; the label text always carries the meaning too. */
export const PRIORITY_TONE: Record<JobPriority, string> = {
  low: 'badge',
  normal: 'badge',
  high: 'badge badge-warning',
  urgent: 'badge badge-danger'
};

/** How a broken legacy window was left by an old client's merge (see domain/scheduling/window.ts). */
export const WINDOW_ISSUE_TEXT: Record<WindowIssue, string> = {
  reversed: 'ending before it starts',
  missing_end: 'without an end',
  missing_start: 'without a start'
};
