/**
 * Moving cards, by pointer (HTML5 drag and drop) and by keyboard (Space to pick up, arrows to
 * move, Space to drop, Escape to cancel), with what a screen reader hears at each step.
 * Nothing moves on screen until the move is written: a refused move (the lifecycle says no)
 * leaves the card where it was and says why.
 */
import { STATUS_LABELS, checkTransition } from '../domain/jobs/status';
import type { JobStatus } from '../domain/jobs/job';
import { board } from './board.svelte';
import { boardView } from './board-view.svelte';
import { dropIndex, reassignForLane, TRIAGED_STATUSES, UNASSIGNED_LANE } from './board-columns';
import { toasts } from './toasts.svelte';

export interface DragSource {
  jobId: string;
  number: string;
  status: JobStatus;
  /** The swimlane the card was picked from (null without swimlanes). */
  lane: string | null;
  mode: 'pointer' | 'keyboard';
}

export interface DropTarget {
  status: JobStatus;
  lane: string | null;
  /** The gap among the cell's visible cards (0 … cards.length), the moving card included. */
  position: number;
}

class BoardDrag {
  source = $state.raw<DragSource | null>(null);
  target = $state.raw<DropTarget | null>(null);
  /** Read by the board's polite live region. */
  announcement = $state('');
  /** A card to focus once it is rendered in its new place (after a keyboard drop). */
  focusRequest = $state<string | null>(null);

  /** Columns the picked card may not move to (shown dimmed while dragging). */
  readonly blocked: ReadonlySet<JobStatus> = $derived.by(() => {
    const from = this.source?.status;
    if (!from) return new Set<JobStatus>();
    return new Set(boardView.statuses.filter((s) => s !== from && !checkTransition(from, s).ok));
  });

  start(source: DragSource): void {
    this.source = source;
    const cell = boardView.cell(source.status, source.lane);
    const own = cell.findIndex((j) => j.id === source.jobId);
    this.target = { status: source.status, lane: source.lane, position: Math.max(own, 0) };
    board.setPresence('/board', source.jobId, 'editing');
    if (source.mode === 'keyboard') {
      this.#say(`Picked up ${source.number} in ${STATUS_LABELS[source.status]}, position ${own + 1} of ${cell.length}. Arrow keys move it, Space drops it, Escape cancels.`);
    }
  }

  /** Pointer: the gap under the pointer; only a real change is stored. */
  over(target: DropTarget): void {
    const t = this.target;
    if (t && t.status === target.status && t.lane === target.lane && t.position === target.position) return;
    this.target = target;
  }

  /** Keyboard: one step left/right (column) or up/down (position). */
  step(dx: number, dy: number): void {
    const source = this.source;
    const target = this.target;
    if (!source || !target) return;
    const statuses = boardView.statuses;
    let status = target.status;
    let position = target.position;
    if (dx) {
      const at = statuses.indexOf(status);
      status = statuses[Math.max(0, Math.min(statuses.length - 1, at + dx))]!;
      position = Math.min(position, boardView.cell(status, target.lane).length);
    }
    if (dy) {
      const cell = boardView.cell(status, target.lane);
      const own = cell.findIndex((j) => j.id === source.jobId);
      position = clamp(position + dy, 0, cell.length);
      // The gaps just before and just after the card itself are the same place.
      if (own >= 0 && position === own + 1 && dy > 0) position = Math.min(own + 2, cell.length);
      if (own >= 0 && position === own + 1 && dy < 0) position = own;
    }
    this.target = { status, lane: target.lane, position };
    const cell = boardView.cell(status, target.lane);
    const own = cell.findIndex((j) => j.id === source.jobId);
    const shown = own >= 0 && position > own ? position : position + 1;
    const total = own >= 0 ? cell.length : cell.length + 1;
    const allowed = status === source.status || checkTransition(source.status, status).ok;
    this.#say(`${STATUS_LABELS[status]}, position ${Math.min(shown, total)} of ${total}${allowed ? '' : ' (not allowed from ' + STATUS_LABELS[source.status] + ')'}.`);
  }

  cancel(): void {
    const source = this.source;
    if (!source) return;
    this.source = null;
    this.target = null;
    board.setPresence('/board', boardView.selectedId);
    if (source.mode === 'keyboard') {
      this.#say(`Move of ${source.number} cancelled; it stays in ${STATUS_LABELS[source.status]}.`);
      this.focusRequest = source.jobId;
    }
  }

  /** Writes the move (and a swimlane reassignment); a refusal is explained, nothing else changes. */
  drop(): void {
    const source = this.source;
    const target = this.target;
    this.source = null;
    this.target = null;
    board.setPresence('/board', boardView.selectedId);
    if (!source || !target) return;
    if (source.mode === 'keyboard') this.focusRequest = source.jobId;
    const job = board.job(source.jobId);
    if (!job) return;
    const visible = boardView.cell(target.status, target.lane);
    // A triaged column (New) orders itself by urgency: where the card was dropped does not matter.
    const index = TRIAGED_STATUSES.has(target.status) ? null : dropIndex(visible, target.position, board.fullColumn(target.status), source.jobId);
    const lanes = source.lane !== null && target.lane !== null ? reassignForLane(job.assignedTechIds, source.lane, target.lane) : null;
    if (target.status !== job.status || index !== null) {
      const result = board.move(job.id, target.status, index ?? board.fullColumn(target.status).filter((j) => j.id !== job.id).length);
      if (!result.ok) {
        toasts.error(`${job.number} was not moved. ${result.error}`);
        this.#say(`Not moved. ${result.error}`);
        return;
      }
    }
    if (lanes) {
      const result = board.assign(job.id, lanes);
      if (!result.ok) toasts.error(`${job.number}: ${result.error}`);
    }
    const laneName = target.lane === UNASSIGNED_LANE ? 'unassigned' : target.lane ? (board.techById.get(target.lane)?.name ?? '') : '';
    this.#say(`Dropped ${job.number} in ${STATUS_LABELS[target.status]}${laneName ? `, ${laneName}` : ''}.`);
  }

  #say(message: string): void {
    // Same text twice would not be re-announced; a trailing space makes it a change.
    this.announcement = this.announcement === message ? `${message} ` : message;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

export const boardDrag = new BoardDrag();
