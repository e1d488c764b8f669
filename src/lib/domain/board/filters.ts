/**
 * Board filters and instant search, pure so they can be tested and benchmarked.
 */
import type { Job, JobPriority, JobType } from '../jobs/job';
import { slaState } from '../jobs/sla';

export interface BoardFilter {
  officeId?: string | null;
  /** `'unassigned'` for jobs with nobody assigned. */
  technicianId?: string | null;
  type?: JobType | null;
  priority?: JobPriority | null;
  overdueOnly?: boolean;
  search?: string;
}

/** Lower-cased text a search matches against, per job. */
export function searchText(job: Job): string {
  return `${job.number} ${job.customerName} ${job.siteAddress} ${job.problem}`.toLowerCase();
}

/** The query's terms, lower-cased: a job matches when its search text contains every one. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether a job matches a search query (number, customer, address, problem), as the board search does. */
export function matchesSearch(job: Job, query: string, text = searchText(job)): boolean {
  return searchTerms(query).every((term) => text.includes(term));
}

export function matchesFilter(job: Job, filter: BoardFilter, now: number, text = searchText(job)): boolean {
  if (filter.officeId && job.officeId !== filter.officeId) return false;
  if (filter.technicianId) {
    if (filter.technicianId === 'unassigned' ? job.assignedTechIds.length > 0 : !job.assignedTechIds.includes(filter.technicianId)) return false;
  }
  if (filter.type && job.type !== filter.type) return false;
  if (filter.priority && job.priority !== filter.priority) return false;
  if (filter.overdueOnly && slaState(job.slaDue, job.status, now).kind !== 'overdue') return false;
  return matchesSearch(job, filter.search ?? '', text);
}
