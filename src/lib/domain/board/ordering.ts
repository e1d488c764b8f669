/**
 * Card order within a board column by fractional index (DESIGN §3): moving a card writes one
 * key on that card, never reorders a list, so concurrent moves merge.
 */
import { generateKeyBetween } from 'fractional-indexing';

export interface Ranked {
  id: string;
  rank: string;
}

/** Orders by rank, then id so equal ranks from two offline devices still sort the same everywhere. */
export function compareRanked(a: Ranked, b: Ranked): number {
  if (a.rank !== b.rank) {
    // Unranked cards (older jobs) go last.
    if (!a.rank) return 1;
    if (!b.rank) return -1;
    return a.rank < b.rank ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What triage ordering reads of a job (the New column). */
export interface Triaged {
  id: string;
  priority: string;
  /** UTC ISO instant, or null without a service-level deadline. */
  slaDue: string | null;
  /** UTC ISO instant. */
  createdAt: string;
}

/** Most urgent first; an unknown priority (a newer peer's) counts as normal. */
const URGENCY: Readonly<Record<string, number>> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * Triage order for calls nobody has scheduled yet: priority (urgent first), then the earliest
 * SLA deadline (none last), then the newest call first, then id so every replica agrees. A
 * fresh urgent call therefore lands at the top of a long New column, not at its bottom.
 */
export function compareTriage(a: Triaged, b: Triaged): number {
  const urgency = (URGENCY[a.priority] ?? URGENCY.normal!) - (URGENCY[b.priority] ?? URGENCY.normal!);
  if (urgency !== 0) return urgency;
  if (a.slaDue !== b.slaDue) {
    if (a.slaDue === null) return 1;
    if (b.slaDue === null) return -1;
    const due = Date.parse(a.slaDue) - Date.parse(b.slaDue);
    if (due !== 0 && !Number.isNaN(due)) return due;
  }
  const age = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (age !== 0 && !Number.isNaN(age)) return age;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The rank that places a card at `index` in `column` (already sorted, without the card).
 * Equal neighbour ranks (a merge artefact) are stepped over instead of failing.
 */
export function rankForIndex(column: readonly Ranked[], index: number): string {
  const clamped = Math.max(0, Math.min(index, column.length));
  let before = clamped > 0 ? column[clamped - 1]!.rank || null : null;
  let after = clamped < column.length ? column[clamped]!.rank || null : null;
  if (before !== null && after !== null && before >= after) after = null;
  if (before === null && after === null && column.length && clamped === column.length) {
    before = lastRank(column);
  }
  return generateKeyBetween(before, after);
}

/** A rank after every ranked card in the column (new cards go to the bottom). */
export function rankAtEnd(column: readonly Ranked[]): string {
  return generateKeyBetween(lastRank(column), null);
}

function lastRank(column: readonly Ranked[]): string | null {
  let max: string | null = null;
  for (const card of column) if (card.rank && (max === null || card.rank > max)) max = card.rank;
  return max;
}
