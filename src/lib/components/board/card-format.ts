/**
 * What a job card says, shared by the board's JobCard and the wall's WallCard so the two never
 * drift apart (the "SLA SLA met" badge came from two places composing the label differently).
 * Pure functions of a job, the clock and the technician directory.
 */
import type { Technician } from '$lib/domain/directory/directory';
import type { Job, JobPriority } from '$lib/domain/jobs/job';
import { formatDuration, slaState, type SlaState } from '$lib/domain/jobs/sla';
import { PRIORITY_LABELS } from './labels';

/** How a card shows the SLA: `text` is empty when there is nothing to show (none, or met). */
export interface CardSla {
  state: SlaState;
  /** "due in 2h 05m", "overdue 42h 03m" (board card). */
  text: string;
  /** Wall screens read from across a room: "Due 2h 05m", "Overdue 42h 03m". */
  wallText: string;
  tone: 'soon' | 'overdue' | null;
}

export function cardSla(job: Pick<Job, 'slaDue' | 'status'>, now: number): CardSla {
  const state = slaState(job.slaDue, job.status, now);
  switch (state.kind) {
    case 'due':
      return { state, text: `due in ${formatDuration(state.msLeft)}`, wallText: `Due ${formatDuration(state.msLeft)}`, tone: state.soon ? 'soon' : null };
    case 'overdue':
      return { state, text: `overdue ${formatDuration(state.msOver)}`, wallText: `Overdue ${formatDuration(state.msOver)}`, tone: 'overdue' };
    default:
      return { state, text: '', wallText: '', tone: null };
  }
}

/** A badge or line naming the SLA once: "SLA met", "SLA due in 3h 30m", "SLA overdue 45m"; '' without one. */
export function slaBadgeText(state: SlaState): string {
  switch (state.kind) {
    case 'none':
      return '';
    case 'met':
      return 'SLA met';
    case 'due':
      return `SLA due in ${formatDuration(state.msLeft)}`;
    case 'overdue':
      return `SLA overdue ${formatDuration(state.msOver)}`;
  }
}

/** The job's technicians found in the directory, in assignment order (unknown ids are skipped). */
export function assignedTechs(job: Pick<Job, 'assignedTechIds'>, techById: ReadonlyMap<string, Technician>): Technician[] {
  return job.assignedTechIds.map((id) => techById.get(id)).filter((t): t is Technician => t !== undefined);
}

/** "Ben" of "Ben Okafor": cards are narrow. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** An emergency nobody is assigned to: both cards alarm on it. */
export function isUnassignedEmergency(job: Pick<Job, 'type'>, techs: readonly Technician[]): boolean {
  return job.type === 'emergency' && techs.length === 0;
}

/** High and urgent get a priority badge; normal and low stay quiet. */
export function showsPriority(priority: JobPriority): boolean {
  return priority === 'urgent' || priority === 'high';
}

/** What a screen reader hears for a card. */
export function cardAriaLabel(job: Pick<Job, 'number' | 'customerName' | 'priority'>, techs: readonly Technician[], sla: CardSla): string {
  const who = techs.length ? `, assigned to ${techs.map((t) => t.name).join(', ')}` : ', unassigned';
  return `${job.number}, ${job.customerName}, ${PRIORITY_LABELS[job.priority]} priority${who}${sla.tone === 'overdue' ? `, SLA ${sla.text}` : ''}`;
}
