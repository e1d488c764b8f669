import { describe, expect, it } from 'vitest';
import { evaluateOrder } from './route-instance';
import { solveExact } from './route-exact';
import { solveHeuristic } from './route-heuristic';
import { randomInstance } from '../../../../tests/helpers/random-route';

describe('solveHeuristic (cheapest insertion + or-opt/2-opt with seeded restarts)', () => {
  it('is feasible wherever the exact solver is, and within 3 % of it on average, on 13–15 stops', () => {
    const gaps: number[] = [];
    for (let i = 0; i < 18; i++) {
      const seed = 5000 + i;
      const n = 13 + (i % 3);
      // Loose days (few windows) are the hard ones for the heuristic; tight ones for feasibility.
      const instance = randomInstance(seed, n, { planted: true, windowed: [0.2, 0.5, 0.8][i % 3]! });
      const exact = solveExact(instance);
      const heuristic = solveHeuristic(instance, { seed });
      const context = `seed ${seed}, ${n} stops`;
      expect(exact.order, `${context}: planted instances are feasible`).not.toBeNull();
      expect(heuristic.lateness, context).toBe(0);
      expect(heuristic.drive, context).toBeGreaterThanOrEqual(exact.drive);
      expect(evaluateOrder(instance, heuristic.order).drive, context).toBe(heuristic.drive);
      gaps.push((heuristic.drive - exact.drive) / exact.drive);
    }
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    console.log(`heuristic mean gap to exact on 13–15 stops: ${(mean * 100).toFixed(2)} % (max ${(Math.max(...gaps) * 100).toFixed(2)} %)`);
    expect(mean).toBeLessThanOrEqual(0.03);
  }, 60_000);

  it('agrees with the exact solver on whether blind-window days of 13–15 stops are feasible', () => {
    let feasible = 0;
    for (let i = 0; i < 12; i++) {
      const seed = 6000 + i;
      const n = 13 + (i % 3);
      const instance = randomInstance(seed, n, { planted: false, windowed: 0.5 });
      const exact = solveExact(instance);
      const heuristic = solveHeuristic(instance, { seed });
      expect(heuristic.lateness === 0, `seed ${seed}, ${n} stops`).toBe(exact.order !== null);
      if (exact.order) feasible++;
    }
    // Both outcomes must occur, or this test checks only one side.
    expect(feasible).toBeGreaterThan(0);
    expect(feasible).toBeLessThan(12);
  }, 60_000);

  it('finds a feasible order on every planted (known feasible) day of 16–20 stops', () => {
    for (let i = 0; i < 15; i++) {
      const seed = 7000 + i;
      const n = 16 + (i % 5);
      const instance = randomInstance(seed, n, { planted: true, windowed: 0.8 });
      const result = solveHeuristic(instance, { seed });
      expect(result.lateness, `seed ${seed}, ${n} stops`).toBe(0);
      expect([...result.order].sort((a, b) => a - b), `seed ${seed}`).toEqual(Array.from({ length: n }, (_, k) => k));
    }
  }, 60_000);

  it('gives the same order for the same seed', () => {
    const instance = randomInstance(42, 20, { windowed: 0.5 });
    expect(solveHeuristic(instance, { seed: 9 }).order).toEqual(solveHeuristic(instance, { seed: 9 }).order);
  }, 60_000);
});
