/**
 * DOM helpers for the board's delegated pointer and keyboard handling: one listener on the
 * board instead of one per card (thousands of cards). Cells carry `data-cell`, `data-status`
 * and `data-lane`; cards carry `data-job-id` and `data-index` (position in their cell).
 */
import type { JobStatus } from '$lib/domain/jobs/job';

export interface CellRef {
  element: HTMLElement;
  status: JobStatus;
  lane: string | null;
}

export function cellOf(node: EventTarget | null): CellRef | null {
  if (!(node instanceof Element)) return null;
  // Over a column's header or padding: its (only) cell.
  const element = node.closest<HTMLElement>('[data-cell]') ?? node.closest<HTMLElement>('[data-drop-zone]')?.querySelector<HTMLElement>('[data-cell]');
  if (!element) return null;
  return { element, status: element.dataset.status as JobStatus, lane: element.dataset.lane || null };
}

export function cardOf(node: EventTarget | null): HTMLElement | null {
  return node instanceof Element ? node.closest<HTMLElement>('[data-job-id]') : null;
}

function cardsIn(cell: HTMLElement): HTMLElement[] {
  return [...cell.querySelectorAll<HTMLElement>('[data-job-id]')];
}

/** The gap (0 … n) nearest to a pointer at `clientY` among the cell's rendered cards. */
export function gapAt(cell: HTMLElement, clientY: number): number {
  const cards = cardsIn(cell);
  for (let i = 0; i < cards.length; i++) {
    const rect = cards[i]!.getBoundingClientRect();
    if (clientY < rect.top + rect.height / 2) return i;
  }
  return cards.length;
}

/** Where to draw the drop marker for a gap, in px from the top of the cell's list. */
export function markerOffset(list: HTMLElement, position: number): number {
  const cards = cardsIn(list);
  if (cards.length === 0) return 0;
  const gap = 4;
  if (position < cards.length) return Math.max(0, cards[position]!.offsetTop - gap);
  const last = cards[cards.length - 1]!;
  return last.offsetTop + last.offsetHeight + gap / 2;
}

/** Moves focus from a card to its neighbour for an arrow key; true when it moved. */
export function focusNeighbour(card: HTMLElement, key: string): boolean {
  const cell = card.closest<HTMLElement>('[data-cell]');
  if (!cell) return false;
  const cards = cardsIn(cell);
  const at = cards.indexOf(card);
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const next = cards[at + (key === 'ArrowUp' ? -1 : 1)];
    next?.focus();
    return Boolean(next);
  }
  const row = cell.closest<HTMLElement>('[data-row]') ?? cell.parentElement;
  if (!row) return false;
  const cells = [...row.querySelectorAll<HTMLElement>('[data-cell]')];
  const step = key === 'ArrowLeft' ? -1 : 1;
  for (let i = cells.indexOf(cell) + step; i >= 0 && i < cells.length; i += step) {
    const others = cardsIn(cells[i]!);
    if (others.length) {
      others[Math.min(at, others.length - 1)]!.focus();
      return true;
    }
  }
  return false;
}
