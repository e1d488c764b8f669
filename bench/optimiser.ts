/**
 * `npm run bench` (first part): route optimiser time per technician-day size, against targets.
 * Seeded random San Francisco days (tests/helpers/random-route.ts), windows on 60 % of stops
 * (and once none, the exact solver's worst case);
 * ≤ 12 stops run the exact DP, above that the heuristic with its default restarts — the same
 * choice `optimiseDay` makes. Not a test: it prints figures and whether each target is met.
 */
import { solveExact } from '../src/lib/domain/dispatch/route-exact';
import { solveHeuristic } from '../src/lib/domain/dispatch/route-heuristic';
import { randomInstance } from '../tests/helpers/random-route';

/**
 * Targets (ms, median, in the worker): ≤ 12 stops fast enough to re-run on every schedule
 * change; 20 stops feels instant; a 40-stop day (a route-style technician) stays under a second.
 */
const CASES = [
  { stops: 8, targetMs: 5, runs: 20 },
  { stops: 12, targetMs: 50, runs: 10 },
  // No windows at all: the DP's worst case (nothing prunes), e.g. a day of open-ended jobs.
  { stops: 12, targetMs: 100, runs: 10, windowed: 0 },
  { stops: 20, targetMs: 150, runs: 10 },
  { stops: 40, targetMs: 1000, runs: 5 }
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

console.log(`\n## Route optimiser (node ${process.version})`);
for (const { stops, targetMs, runs, windowed = 0.6 } of CASES) {
  const times: number[] = [];
  let infeasible = 0;
  for (let run = 0; run < runs + 1; run++) {
    const instance = randomInstance(9000 + stops * 100 + run, stops, { planted: true, windowed });
    const started = performance.now();
    const feasible = stops <= 12 ? solveExact(instance).order !== null : solveHeuristic(instance, { seed: run }).lateness === 0;
    const ms = performance.now() - started;
    if (run > 0) times.push(ms); // the first run warms the JIT up
    if (run > 0 && !feasible) infeasible++;
  }
  const method = `${stops <= 12 ? 'exact DP' : 'heuristic'}, windows on ${windowed * 100} % of stops`;
  const verdict = median(times) <= targetMs ? 'ok' : 'OVER TARGET';
  console.log(
    `${String(stops).padStart(2)} stops, ${method}: median ${fmt(median(times))} ms, max ${fmt(Math.max(...times))} ms over ${runs} days ` +
      `(target ≤ ${targetMs} ms: ${verdict})${infeasible ? `; ${infeasible} days without a feasible order found` : ''}`
  );
}
