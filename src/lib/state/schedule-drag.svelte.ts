/**
 * Pointer drags on the schedule: an unscheduled job onto a technician's row (books a visit),
 * a visit along or across rows (moves it), a visit's right edge (resizes it). Times snap to
 * 15 min. Rows are found under the pointer by their `data-schedule-track` element, so the
 * drag works the same from the side list and within the grid. Escape cancels.
 */
import { instantAt, snapMinutes, SNAP_MINUTES } from '../domain/scheduling/timeline';
import type { Visit } from '../domain/scheduling/visit';
import { board } from './board.svelte';
import { schedule } from './schedule.svelte';
import { toasts } from './toasts.svelte';

export type DragSource =
  | { kind: 'job'; jobId: string; minutes: number }
  | { kind: 'move'; visit: Visit; fromTech: string; grabOffsetMs: number }
  | { kind: 'resize'; visit: Visit; techId: string };

export interface DragPreview {
  techId: string;
  startMs: number;
  endMs: number;
}

/** Pixels the pointer must travel before a press becomes a drag (a click opens the dialog). */
const THRESHOLD = 4;

class ScheduleDrag {
  source = $state.raw<DragSource | null>(null);
  preview = $state.raw<DragPreview | null>(null);
  /** True right after a drag ended, so the click that follows does not open the dialog. */
  #suppressClick = false;
  #origin = { x: 0, y: 0 };
  #moved = false;

  /** Starts following the pointer from a press on a job or visit. */
  begin(source: DragSource, event: PointerEvent): void {
    if (!schedule.canWrite || event.button !== 0) return;
    this.source = source;
    this.preview = null;
    this.#origin = { x: event.clientX, y: event.clientY };
    this.#moved = false;
    const move = (e: PointerEvent) => this.#follow(e);
    const up = (e: PointerEvent) => finish(e, true);
    const key = (e: KeyboardEvent) => e.key === 'Escape' && finish(null, false);
    const finish = (e: PointerEvent | null, commit: boolean) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('keydown', key);
      if (e) this.#follow(e);
      if (commit && this.#moved) this.#commit();
      this.#suppressClick = this.#moved;
      this.source = null;
      this.preview = null;
      setTimeout(() => (this.#suppressClick = false), 0);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('keydown', key);
    event.preventDefault();
  }

  /** Whether a click should be ignored (it ends a drag). */
  get suppressClick(): boolean {
    return this.#suppressClick;
  }

  /** The instant under a client x on a track. */
  instantOn(track: Element, clientX: number): number {
    const rect = track.getBoundingClientRect();
    return instantAt((clientX - rect.left) / rect.width, schedule.days, board.timeZone);
  }

  #follow(e: PointerEvent): void {
    const source = this.source;
    if (!source) return;
    if (!this.#moved && Math.hypot(e.clientX - this.#origin.x, e.clientY - this.#origin.y) < THRESHOLD) return;
    this.#moved = true;
    const track = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('[data-schedule-track]');
    if (source.kind === 'resize') {
      const own = document.querySelector<HTMLElement>(`[data-schedule-track="${CSS.escape(source.techId)}"]`);
      if (!own) return;
      const start = Date.parse(source.visit.window.start);
      const end = Math.max(start + SNAP_MINUTES * 60_000, this.instantOn(own, e.clientX));
      this.preview = { techId: source.techId, startMs: start, endMs: end };
      return;
    }
    if (!track) {
      this.preview = null;
      return;
    }
    const techId = track.dataset.scheduleTrack!;
    const at = this.instantOn(track, e.clientX);
    if (source.kind === 'job') this.preview = { techId, startMs: at, endMs: at + source.minutes * 60_000 };
    else {
      const length = Date.parse(source.visit.window.end) - Date.parse(source.visit.window.start);
      const start = at - Math.round(source.grabOffsetMs / (SNAP_MINUTES * 60_000)) * SNAP_MINUTES * 60_000;
      this.preview = { techId, startMs: start, endMs: start + length };
    }
  }

  #commit(): void {
    const source = this.source;
    const p = this.preview;
    if (!source || !p) return;
    const result =
      source.kind === 'job'
        ? schedule.book(source.jobId, p.techId, p.startMs, snapMinutes(source.minutes))
        : schedule.move(source.visit, source.kind === 'move' ? source.fromTech : source.techId, p.techId, p.startMs, p.endMs);
    if (!result.ok) toasts.error(result.error);
  }
}

export const scheduleDrag = new ScheduleDrag();
