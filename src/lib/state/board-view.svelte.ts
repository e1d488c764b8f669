/**
 * What the Board page shows: filters and search, which columns, swimlanes, the selected card.
 * Columns are derived once per change of jobs or filter (never per card). View preferences
 * are kept per device.
 */
import { z } from 'zod';
import type { BoardFilter } from '../domain/board/filters';
import { JOB_PRIORITIES, JOB_TYPES, type Job, type JobStatus } from '../domain/jobs/job';
import { board } from './board.svelte';
import { buildColumns, buildLanes, FINISHED_STATUSES, isFilterActive, OPEN_STATUSES, UNASSIGNED_LANE, type Lane } from './board-columns';

const PREFS_KEY = 'fieldboard.board.view';

const prefsSchema = z.object({
  swimlanes: z.boolean().catch(false).default(false),
  showFinished: z.boolean().catch(false).default(false),
  officeId: z.string().nullable().catch(null).default(null),
  /** The office new requests are taken for on this device. */
  intakeOfficeId: z.string().nullable().catch(null).default(null),
  /** Swimlanes (technician ids, or `unassigned`) folded on this device. */
  collapsedLanes: z.array(z.string().max(200)).max(500).catch([]).default([])
});
type Prefs = z.infer<typeof prefsSchema>;

function loadPrefs(): Prefs {
  try {
    const raw = localStorage.getItem(PREFS_KEY);
    return prefsSchema.parse(raw ? JSON.parse(raw) : {});
  } catch {
    return prefsSchema.parse({});
  }
}

export const EMPTY_FILTER: Required<BoardFilter> = { officeId: null, technicianId: null, type: null, priority: null, overdueOnly: false, search: '' };

/** Parses filter values from form controls (strings) into a typed filter field. */
export function parseFilterValue<K extends keyof BoardFilter>(key: K, value: string): BoardFilter[K] {
  if (key === 'type') return ((JOB_TYPES as readonly string[]).includes(value) ? value : null) as BoardFilter[K];
  if (key === 'priority') return ((JOB_PRIORITIES as readonly string[]).includes(value) ? value : null) as BoardFilter[K];
  return (value || null) as BoardFilter[K];
}

class BoardView {
  filter = $state<Required<BoardFilter>>({ ...EMPTY_FILTER });
  swimlanes = $state(false);
  showFinished = $state(false);
  intakeOfficeId = $state<string | null>(null);
  /** Swimlanes folded to one line on this device (e.g. a long Unassigned lane). */
  collapsedLanes = $state<readonly string[]>([]);
  /** The card whose side panel is open. */
  selectedId = $state<string | null>(null);
  intakeOpen = $state(false);

  readonly statuses: readonly JobStatus[] = $derived(this.showFinished ? [...OPEN_STATUSES, ...FINISHED_STATUSES] : OPEN_STATUSES);
  readonly filtering = $derived(isFilterActive(this.filter));
  readonly columns: ReadonlyMap<JobStatus, Job[]> = $derived.by(() => {
    const filter = this.filter;
    // Only the overdue filter depends on the clock; don't re-derive every tick otherwise.
    const now = filter.overdueOnly ? board.now : 0;
    return buildColumns(board.jobs, { ...filter }, now, this.statuses);
  });
  readonly shownCount = $derived([...this.columns.values()].reduce((n, c) => n + c.length, 0));
  readonly lanes: Lane[] | null = $derived.by(() => {
    if (!this.swimlanes) return null;
    const office = this.filter.officeId;
    const techs = board.activeTechnicians.filter((t) => !office || t.officeId === office);
    const onlyTech = this.filter.technicianId;
    const ids = techs.map((t) => t.id).filter((id) => !onlyTech || onlyTech === id);
    const lanes = buildLanes(this.columns, ids);
    // Filtering by one technician: their lane only (plus nothing else to look at).
    return onlyTech ? lanes.filter((l) => l.id === onlyTech) : lanes;
  });

  constructor() {
    const prefs = loadPrefs();
    this.swimlanes = prefs.swimlanes;
    this.showFinished = prefs.showFinished;
    this.filter.officeId = prefs.officeId;
    this.intakeOfficeId = prefs.intakeOfficeId;
    this.collapsedLanes = prefs.collapsedLanes;
  }

  isLaneCollapsed(lane: string): boolean {
    return this.collapsedLanes.includes(lane);
  }

  /** Folds or unfolds one swimlane; remembered on this device. */
  toggleLane(lane: string, collapsed = !this.isLaneCollapsed(lane)): void {
    const others = this.collapsedLanes.filter((id) => id !== lane);
    this.collapsedLanes = collapsed ? [...others, lane] : others;
    this.#save();
  }

  /** The cards shown in one cell: a column, or a column within a technician's lane. */
  cell(status: JobStatus, lane: string | null): readonly Job[] {
    if (lane === null || !this.lanes) return this.columns.get(status) ?? [];
    return this.lanes.find((l) => l.id === lane)?.cells.get(status) ?? [];
  }

  setFilter<K extends keyof BoardFilter>(key: K, value: BoardFilter[K]): void {
    (this.filter as BoardFilter)[key] = value;
    if (key === 'officeId') this.#save();
  }

  clearFilters(): void {
    this.filter = { ...EMPTY_FILTER, officeId: null };
    this.#save();
  }

  toggleSwimlanes(on = !this.swimlanes): void {
    this.swimlanes = on;
    this.#save();
  }

  toggleFinished(on = !this.showFinished): void {
    this.showFinished = on;
    this.#save();
  }

  rememberIntakeOffice(officeId: string | null): void {
    this.intakeOfficeId = officeId;
    this.#save();
  }

  select(jobId: string | null): void {
    this.selectedId = jobId;
    board.setPresence('/board', jobId);
  }

  #save(): void {
    const prefs: Prefs = {
      swimlanes: this.swimlanes,
      showFinished: this.showFinished,
      officeId: this.filter.officeId,
      intakeOfficeId: this.intakeOfficeId,
      collapsedLanes: [...this.collapsedLanes]
    };
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
    } catch {
      // Private mode: preferences last for this tab.
    }
  }
}

export const boardView = new BoardView();
