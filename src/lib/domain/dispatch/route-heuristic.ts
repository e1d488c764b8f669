/**
 * Heuristic route optimisation for days too long for the exact solver (documented in README):
 *
 * 1. Cheapest insertion: stops are inserted one by one where they add the least to
 *    (missed-window minutes, drive minutes), lexicographically — keeping windows comes first.
 *    The first start inserts by window close (tightest first); later restarts use a seeded
 *    random insertion order.
 * 2. Local search to a local optimum: or-opt (move a run of 1–3 stops elsewhere, either way
 *    round) and 2-opt (reverse a run), first improvement, full re-simulation per move (O(n)),
 *    because windows make the usual O(1) deltas wrong.
 * 3. Iterated restarts: each restart also perturbs the best order so far (a random segment
 *    moved) and re-optimises it; the best order over all restarts wins.
 * Deterministic for a given seed.
 */
import { evaluateOrder, penalisedCost, stopCount, type RouteInstance } from './route-instance';
import { mulberry32, randomInt, shuffled, type Random } from './prng';

export interface HeuristicOptions {
  /** Number of restarts after the first construction (default 24). */
  restarts?: number;
  seed?: number;
}

export interface HeuristicResult {
  order: number[];
  drive: number;
  lateness: number;
}

const score = penalisedCost;

function cheapestInsertion(instance: RouteInstance, sequence: readonly number[]): number[] {
  const order: number[] = [];
  for (const stop of sequence) {
    let bestAt = 0;
    let bestScore = Infinity;
    for (let at = 0; at <= order.length; at++) {
      order.splice(at, 0, stop);
      const s = score(instance, order);
      order.splice(at, 1);
      if (s < bestScore) {
        bestScore = s;
        bestAt = at;
      }
    }
    order.splice(bestAt, 0, stop);
  }
  return order;
}

/**
 * One improving move, applied in place; null at a local optimum. Candidates are written into
 * one reused buffer (this loop scores O(n²) orders per pass; allocating each was the cost).
 */
function improveOnce(instance: RouteInstance, order: number[], current: number, buffer: number[]): number | null {
  const n = order.length;
  const accept = (s: number) => {
    for (let k = 0; k < n; k++) order[k] = buffer[k]!;
    return s;
  };
  // or-opt: move the run order[i..i+len) so it starts at position `at` of the rest, kept or reversed.
  for (let len = 1; len <= Math.min(3, n - 1); len++) {
    for (let i = 0; i + len <= n; i++) {
      for (let at = 0; at <= n - len; at++) {
        if (at === i) continue;
        for (const reversed of len > 1 ? [false, true] : [false]) {
          let w = 0;
          for (let r = 0; r <= n - len; r++) {
            if (r === at) for (let k = 0; k < len; k++) buffer[w++] = order[reversed ? i + len - 1 - k : i + k]!;
            if (r === n - len) break;
            buffer[w++] = order[r < i ? r : r + len]!;
          }
          const s = score(instance, buffer);
          if (s < current) return accept(s);
        }
      }
    }
  }
  // 2-opt: reverse order[i..j].
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = 0; k < n; k++) buffer[k] = k < i || k > j ? order[k]! : order[i + j - k]!;
      const s = score(instance, buffer);
      if (s < current) return accept(s);
    }
  }
  return null;
}

function localSearch(instance: RouteInstance, order: number[]): number {
  let current = score(instance, order);
  const buffer = order.slice();
  for (let next = improveOnce(instance, order, current, buffer); next !== null; next = improveOnce(instance, order, current, buffer)) current = next;
  return current;
}

function perturb(random: Random, order: readonly number[]): number[] {
  const out = order.slice();
  if (out.length < 3) return out;
  const len = 1 + randomInt(random, Math.min(4, out.length - 1));
  const from = randomInt(random, out.length - len + 1);
  const segment = out.splice(from, len);
  out.splice(randomInt(random, out.length + 1), 0, ...segment);
  return out;
}

export function solveHeuristic(instance: RouteInstance, options: HeuristicOptions = {}): HeuristicResult {
  const n = stopCount(instance);
  const random = mulberry32(options.seed ?? 1);
  const restarts = options.restarts ?? 24;
  const byClose = Array.from({ length: n }, (_, i) => i).sort((a, b) => instance.latest[a]! - instance.latest[b]! || a - b);
  let best = cheapestInsertion(instance, byClose);
  let bestScore = localSearch(instance, best);
  for (let r = 0; r < restarts; r++) {
    // Alternate fresh constructions (diversity) with perturbations of the best (intensity).
    const start = r % 2 === 0 ? cheapestInsertion(instance, shuffled(random, byClose)) : perturb(random, best);
    const s = localSearch(instance, start);
    if (s < bestScore) {
      best = start;
      bestScore = s;
    }
  }
  const evaluation = evaluateOrder(instance, best);
  return { order: best, drive: evaluation.drive, lateness: evaluation.lateness };
}
