/**
 * The checklist a technician works through on a visit, one per job type. Item ids are stable
 * (ticks in `checklistChecks` name them), so wording can change without losing ticks; an item
 * removed from a list keeps its ticks in the doc but is no longer shown.
 *
 * | job type | checklist |
 * |---|---|
 * | emergency | make safe, isolate, find the cause, repair or temporary fix, test, explain to the customer |
 * | repair | confirm the fault, diagnose, repair, test, clean up, explain |
 * | install | check the site, install, commission, test, hand over, remove the old unit |
 * | maintenance | inspect, clean, filters/consumables, safety checks, record readings, advise |
 * | inspection | visual inspection, measurements, photos of findings, report items |
 * | callback | review the earlier job, confirm the recurring fault, root cause, repair, test, explain |
 */
import type { JobType } from '../jobs/job';

export interface ChecklistItem {
  id: string;
  label: string;
}

const item = (id: string, label: string): ChecklistItem => ({ id, label });

const CHECKLISTS: Record<JobType, readonly ChecklistItem[]> = {
  emergency: [
    item('make-safe', 'Make the site safe'),
    item('isolate', 'Isolate supply (power, gas or water) if needed'),
    item('find-cause', 'Find the cause'),
    item('repair', 'Repair, or make a temporary fix'),
    item('test', 'Test the system'),
    item('explain', 'Explain what was done to the customer')
  ],
  repair: [
    item('confirm-fault', 'Confirm the reported fault'),
    item('diagnose', 'Diagnose the cause'),
    item('repair', 'Repair'),
    item('test', 'Test the system'),
    item('clean-up', 'Clean up the work area'),
    item('explain', 'Explain what was done to the customer')
  ],
  install: [
    item('site-check', 'Check the site and access'),
    item('install', 'Install the equipment'),
    item('commission', 'Commission and set up controls'),
    item('test', 'Test under load'),
    item('handover', 'Walk the customer through controls and warranty'),
    item('remove-old', 'Remove the old unit and packaging')
  ],
  maintenance: [
    item('inspect', 'Inspect the equipment'),
    item('clean', 'Clean components'),
    item('consumables', 'Replace filters and consumables'),
    item('safety', 'Run safety checks'),
    item('readings', 'Record readings'),
    item('advise', 'Advise the customer of any issues')
  ],
  inspection: [
    item('visual', 'Visual inspection'),
    item('measure', 'Take measurements'),
    item('findings', 'Record findings'),
    item('report', 'List items for a quote or report')
  ],
  callback: [
    item('review', 'Review the earlier job'),
    item('confirm-fault', 'Confirm the recurring fault'),
    item('root-cause', 'Find the root cause'),
    item('repair', 'Repair'),
    item('test', 'Test the system'),
    item('explain', 'Explain what was done to the customer')
  ]
};

/** The checklist for a job type (unknown types read as `repair`, like the job schema does). */
export function checklistFor(type: JobType | string): readonly ChecklistItem[] {
  return CHECKLISTS[type as JobType] ?? CHECKLISTS.repair;
}

/** Which items are ticked: for each item, the latest check by the stamp rule. */
export function checkedItems(checks: ReadonlyArray<{ itemId: string; checked: boolean; id: string; at: string; stamp?: string | undefined }>): Set<string> {
  const latest = new Map<string, { checked: boolean; key: string; id: string }>();
  for (const c of checks) {
    const key = c.stamp ?? c.at;
    const seen = latest.get(c.itemId);
    if (!seen || key > seen.key || (key === seen.key && c.id > seen.id)) latest.set(c.itemId, { checked: c.checked, key, id: c.id });
  }
  return new Set([...latest].filter(([, v]) => v.checked).map(([k]) => k));
}
