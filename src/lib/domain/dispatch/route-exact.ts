/**
 * Exact route optimisation by dynamic programming over subsets (Held–Karp with time windows).
 *
 * State (set of visited stops, last stop). Two partial routes reaching the same state differ
 * only in drive minutes so far and the time they leave the last stop; the rest of the day
 * depends on nothing else. So a label is kept unless another label of the same state is no
 * worse on both (cost ≤ and leaves ≤): that dominance keeps the optimum and prunes the rest.
 * Without waiting the earliest finish alone would do; with windows a cheaper-but-later label
 * can still win, hence the small Pareto set per state.
 *
 * When the travel matrix obeys the triangle inequality (the haversine model does), labels that
 * can no longer reach an unvisited stop's window or the end of the shift are dropped early.
 * O(2^n · n² · labels) at worst; see `npm run bench` for times.
 */
import { stopCount, type RouteInstance } from './route-instance';

interface Label {
  cost: number;
  leave: number;
  stop: number;
  parent: Label | null;
}

export interface ExactResult {
  /** Best feasible order (stop indices), or null when no order keeps every window. */
  order: number[] | null;
  drive: number;
}

/** Refuses sizes whose state table would not fit comfortably in memory. */
export const EXACT_MAX_STOPS = 16;

/** travel[i][k] ≤ travel[i][j] + travel[j][k] for all i, j, k (O(m³), m ≤ 18 here). */
export function obeysTriangleInequality(travel: readonly (readonly number[])[]): boolean {
  const m = travel.length;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) for (let k = 0; k < m; k++) if (travel[i]![k]! > travel[i]![j]! + travel[j]![k]!) return false;
  return true;
}

export function solveExact(instance: RouteInstance): ExactResult {
  const n = stopCount(instance);
  if (n > EXACT_MAX_STOPS) throw new RangeError(`exact solver handles at most ${EXACT_MAX_STOPS} stops, got ${n}`);
  const { travel, service, earliest, latest } = instance;
  const startDepot = n;
  const endDepot = n + 1;
  if (n === 0) {
    const drive = travel[startDepot]![endDepot]!;
    return instance.shiftStart + drive <= instance.shiftEnd ? { order: [], drive } : { order: null, drive: 0 };
  }
  const metric = obeysTriangleInequality(travel);
  const full = (1 << n) - 1;
  const table: (Label[] | undefined)[] = new Array((full + 1) * n);

  const offer = (mask: number, label: Label) => {
    const key = mask * n + label.stop;
    const labels = table[key];
    if (!labels) {
      table[key] = [label];
      return;
    }
    for (const other of labels) if (other.cost <= label.cost && other.leave <= label.leave) return;
    // Drop the labels the newcomer dominates, compacting in place (this is the hot loop).
    let kept = 0;
    for (const other of labels) if (!(label.cost <= other.cost && label.leave <= other.leave)) labels[kept++] = other;
    labels.length = kept;
    labels.push(label);
  };
  const extend = (from: Label | null, at: number, time: number, cost: number, mask: number, next: number) => {
    const leg = travel[at]![next]!;
    const start = Math.max(time + leg, earliest[next]!);
    if (start > latest[next]!) return;
    const leave = start + service[next]!;
    const visited = mask | (1 << next);
    // Look-ahead: with the triangle inequality no detour reaches a stop sooner than driving
    // straight there, so a label that can no longer make some stop's window (or the end of the
    // shift) directly is dead. Without it (a road table need not obey it) the check is skipped.
    if (metric) {
      if (leave + travel[next]![endDepot]! > instance.shiftEnd) return;
      for (let k = 0; k < n; k++) if (!(visited & (1 << k)) && leave + travel[next]![k]! > latest[k]!) return;
    }
    offer(visited, { cost: cost + leg, leave, stop: next, parent: from });
  };

  for (let stop = 0; stop < n; stop++) extend(null, startDepot, instance.shiftStart, 0, 0, stop);
  // Masks only grow when extended, so numeric order visits every state after its predecessors.
  for (let mask = 1; mask < full; mask++) {
    for (let last = 0; last < n; last++) {
      const labels = table[mask * n + last];
      if (!labels) continue;
      for (const label of labels) {
        for (let next = 0; next < n; next++) {
          if (mask & (1 << next)) continue;
          extend(label, last, label.leave, label.cost, mask, next);
        }
      }
    }
  }

  let best: Label | null = null;
  let bestDrive = Infinity;
  for (let last = 0; last < n; last++) {
    for (const label of table[full * n + last] ?? []) {
      const home = travel[last]![endDepot]!;
      if (label.leave + home > instance.shiftEnd) continue;
      const drive = label.cost + home;
      if (drive < bestDrive) {
        best = label;
        bestDrive = drive;
      }
    }
  }
  if (!best) return { order: null, drive: 0 };
  const order: number[] = [];
  for (let label: Label | null = best; label; label = label.parent) order.push(label.stop);
  return { order: order.reverse(), drive: bestDrive };
}
