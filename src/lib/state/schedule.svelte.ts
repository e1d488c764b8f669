/**
 * The Schedule view (/schedule): which days and technicians it shows, the jobs still to book,
 * capacity per technician per day, and the commands its drags and dialog call. Reads follow
 * the live board (board.svelte.ts); writes go through the board's visit commands, one
 * transaction each. Days are the organisation's (its zone), never the browser's.
 */
import { dayCapacity, type DayCapacity } from '../domain/scheduling/capacity';
import { describeTimeOff, holidaysFor } from '../domain/scheduling/availability';
import { placeSpans, shiftDays, viewDays, type ScheduleMode } from '../domain/scheduling/timeline';
import { compareVisits, type Visit, type VisitStatus } from '../domain/scheduling/visit';
import { daysWindow, zonedParts } from '../domain/time/zoned';
import type { Job, JobStatus } from '../domain/jobs/job';
import type { Technician } from '../domain/directory/directory';
import type { TransitionResult } from '../sync/board-doc';
import { board } from './board.svelte';
import { workspace } from './workspace.svelte';

/** Jobs that still need a first visit: open, with no window yet. */
const BOOKABLE: ReadonlySet<JobStatus> = new Set(['new', 'scheduled', 'on_hold']);
const READ_ONLY = 'Your role can view the schedule but not change it.';

class ScheduleState {
  mode = $state<ScheduleMode>('day');
  /** The day shown (week views show its week); null = today in the organisation's zone. */
  anchor = $state<string | null>(null);
  /** An office id, or 'all'. */
  office = $state('all');

  readonly day: string = $derived(this.anchor ?? zonedParts(board.now, board.timeZone).date);
  readonly days: string[] = $derived(viewDays(this.day, this.mode));
  readonly technicians: Technician[] = $derived(board.activeTechnicians.filter((t) => this.office === 'all' || t.officeId === this.office));
  /** Open jobs without a booking (no window, or nobody on it), oldest first. */
  readonly unscheduled: Job[] = $derived(
    board.jobs
      .filter((j) => (!j.window || !j.assignedTechIds.length) && BOOKABLE.has(j.status) && (this.office === 'all' || j.officeId === this.office))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  );
  /** Jobs a visit may be booked on (the keyboard dialog's list): open ones. */
  readonly bookable: Job[] = $derived(board.jobs.filter((j) => BOOKABLE.has(j.status) || j.status === 'dispatched').sort((a, b) => a.number.localeCompare(b.number)));
  readonly visitsByTech: ReadonlyMap<string, Visit[]> = $derived.by(() => {
    const out = new Map<string, Visit[]>();
    for (const v of board.visits) for (const t of v.technicianIds) out.set(t, [...(out.get(t) ?? []), v]);
    for (const list of out.values()) list.sort(compareVisits);
    return out;
  });

  get canWrite(): boolean {
    return board.canWrite;
  }

  step(direction: -1 | 1): void {
    this.anchor = shiftDays(this.day, direction * (this.mode === 'week' ? 7 : 1));
  }

  /** Shaded stretches of a technician's row: their time off (days or hours) and their office's holidays. */
  awayOn(tech: Technician): AwaySpan[] {
    const zone = board.timeZone;
    const out: AwaySpan[] = [];
    for (const t of board.timeOff) {
      if (t.removed || t.technicianId !== tech.id) continue;
      const label = `Off ${describeTimeOff(t.window, zone)}${t.reason ? ` (${t.reason})` : ''}`;
      for (const place of placeSpans(t.window, this.days, zone)) out.push({ ...place, label, kind: 'time_off' });
    }
    for (const h of holidaysFor(board.holidays, tech.officeId)) {
      const window = this.days.includes(h.date) ? daysWindow(h.date, h.date, zone) : null;
      if (!window) continue;
      for (const place of placeSpans(window, this.days, zone)) out.push({ ...place, label: `Holiday${h.name ? `: ${h.name}` : ''}`, kind: 'holiday' });
    }
    return out;
  }

  /** Booked vs available minutes, the office's emergency reserve and how far non-emergency work eats into it. */
  capacity(tech: Technician, day: string): DayCapacity {
    const reservePercent = (tech.officeId && board.officeById.get(tech.officeId)?.emergencyReservePercent) || 0;
    return dayCapacity(tech, day, board.timeZone, {
      visits: this.visitsByTech.get(tech.id) ?? [],
      timeOff: board.timeOff,
      holidays: board.holidays,
      reservePercent,
      isEmergency: (visit) => board.job(visit.jobId)?.type === 'emergency'
    });
  }

  /** Books a visit of `minutes` for one technician from `startMs` (a drop or the dialog). */
  book(jobId: string, technicianId: string, startMs: number, minutes: number): TransitionResult {
    return this.#write((target) => {
      const result = target.visits.book({ jobId, technicianIds: [technicianId], start: iso(startMs), end: iso(startMs + minutes * 60_000) }, target.actor);
      return result.ok ? { ok: true } : { ok: false, error: result.error };
    });
  }

  /** Moves a visit to a new window, from one technician's row to another's (the rest of the crew stays). */
  move(visit: Visit, fromTech: string, toTech: string, startMs: number, endMs: number): TransitionResult {
    const crew = fromTech === toTech ? undefined : [...new Set(visit.technicianIds.map((t) => (t === fromTech ? toTech : t)))];
    return this.#write((target) => target.visits.move(visit.id, { start: iso(startMs), end: iso(endMs), ...(crew ? { technicianIds: crew } : {}) }, target.actor));
  }

  /** The dialog's save for an existing visit: window and crew, status, notes, lock (one action). */
  edit(visit: Visit, fromTech: string, toTech: string, startMs: number, endMs: number, details: { status: VisitStatus; notes: string; locked: boolean }): TransitionResult {
    const crew = fromTech === toTech ? undefined : [...new Set(visit.technicianIds.map((t) => (t === fromTech ? toTech : t)))];
    const move = { start: iso(startMs), end: iso(endMs), ...(crew ? { technicianIds: crew } : {}) };
    return this.#write((target) => target.visits.edit(visit.id, { move, ...details }, target.actor));
  }

  #write(command: (target: { visits: NonNullable<typeof workspace.board>['visits']; actor: NonNullable<typeof workspace.actor> }) => TransitionResult): TransitionResult {
    const doc = workspace.board;
    const actor = workspace.actor;
    if (!doc || !actor) return { ok: false, error: 'Sign in to change the schedule.' };
    if (!this.canWrite) return { ok: false, error: READ_ONLY };
    return command({ visits: doc.visits, actor });
  }
}

/** A shaded stretch of a technician's row (fractions of its width). */
export interface AwaySpan {
  left: number;
  width: number;
  label: string;
  kind: 'time_off' | 'holiday';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const schedule = new ScheduleState();
