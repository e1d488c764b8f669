import { describe, expect, it } from 'vitest';
import { evaluateOrder, type RouteInstance } from './route-instance';
import { obeysTriangleInequality, solveExact } from './route-exact';
import { randomInstance } from '../../../../tests/helpers/random-route';

/**
 * Independent oracle: depth-first enumeration of every permutation. It cuts a prefix only when
 * it is already late (lateness never shrinks as stops are appended) or already costs at least
 * the best complete order (drive minutes never shrink), so it still returns the exact optimum.
 */
function bruteForce(instance: RouteInstance): number | null {
  const n = instance.service.length;
  let best = Infinity;
  const order: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const visit = () => {
    const e = evaluateOrder(instance, order);
    const partialLate = e.lateness - Math.max(0, e.back - instance.shiftEnd);
    if (partialLate > 0) return;
    const partialDrive = e.drive - instance.travel[order.length ? order[order.length - 1]! : n]![n + 1]!;
    if (partialDrive >= best) return;
    if (order.length === n) {
      if (e.lateness === 0) best = Math.min(best, e.drive);
      return;
    }
    for (let s = 0; s < n; s++) {
      if (used[s]) continue;
      used[s] = true;
      order.push(s);
      visit();
      order.pop();
      used[s] = false;
    }
  };
  visit();
  return best === Infinity ? null : best;
}

describe('solveExact (DP over subsets with time windows)', () => {
  it('matches a brute-force optimum on 240 seeded instances of 5–12 stops, feasible or not', () => {
    let infeasible = 0;
    for (let i = 0; i < 240; i++) {
      const seed = 1000 + i;
      const n = 5 + (i % 8);
      // One in four instances has blind windows, so infeasible days are checked too.
      const instance = randomInstance(seed, n, { planted: i % 4 !== 3, windowed: n > 9 ? 0.8 : 0.6 });
      // Every fifth day gets a road-table-like shortcut-breaking leg, so the solver's path
      // without look-ahead pruning (non-metric travel) is checked as well.
      if (i % 5 === 0) {
        instance.travel[i % n]![(i + 1) % n]! += 45;
        expect(obeysTriangleInequality(instance.travel), `seed ${seed}`).toBe(false);
      }
      const oracle = bruteForce(instance);
      const exact = solveExact(instance);
      const context = `seed ${seed}, ${n} stops`;
      if (oracle === null) {
        infeasible++;
        expect(exact.order, context).toBeNull();
        continue;
      }
      expect(exact.order, context).not.toBeNull();
      expect(exact.drive, context).toBe(oracle);
      const check = evaluateOrder(instance, exact.order!);
      expect(check.lateness, context).toBe(0);
      expect(check.drive, context).toBe(oracle);
      expect([...exact.order!].sort((a, b) => a - b), context).toEqual(Array.from({ length: n }, (_, k) => k));
    }
    // The generator must really produce both kinds, or the test proves less than it claims.
    expect(infeasible).toBeGreaterThan(5);
    expect(infeasible).toBeLessThan(60);
    // ~2 s alone; generous because the machine is shared and files run in parallel.
  }, 120_000);

  it('waits for a window to open rather than calling the day infeasible', () => {
    const instance: RouteInstance = {
      travel: [
        [0, 10, 10, 10],
        [10, 0, 10, 10],
        [10, 10, 0, 0],
        [10, 10, 0, 0]
      ],
      service: [30, 30],
      earliest: [300, 0],
      latest: [310, 600],
      shiftStart: 0,
      shiftEnd: 600
    };
    const result = solveExact(instance);
    expect(result.order).toEqual([1, 0]);
    expect(evaluateOrder(instance, result.order!).starts).toEqual([10, 300]);
  });

  it('reports an empty day as a drive home only, and refuses sizes it cannot hold', () => {
    expect(solveExact(randomInstance(7, 0))).toEqual({ order: [], drive: 0 });
    expect(() => solveExact(randomInstance(7, 17))).toThrow(/at most 16/);
  });
});
