/**
 * Which 311 requests become demo jobs: a trade mix like a mixed mechanical contractor's
 * (HVAC and plumbing busiest), open city cases preferred for the open board, and enough
 * emergencies that the board has some to show.
 */
import type { DemoRequest } from './dataset';
import type { Random } from './prng';
import { classifyRequest, TRADES, type RequestClass, type Trade } from './trade-rules';

export interface Candidate {
  request: DemoRequest;
  cls: RequestClass;
}

const TRADE_MIX: Record<Trade | 'callback', number> = { hvac: 0.29, plumbing: 0.29, electrical: 0.21, general: 0.17, callback: 0.04 };
const MIN_OPEN_EMERGENCIES = 10;

export function selectRequests(requests: readonly DemoRequest[], random: Random, want: { open: number; history: number }): { open: Candidate[]; history: Candidate[] } {
  const usable = random.shuffle(requests).flatMap((request) => {
    const cls = classifyRequest(request);
    return cls ? [{ request, cls }] : [];
  });
  // Never more jobs than requests: scale both parts down together.
  const scale = Math.min(1, usable.length / Math.max(1, want.open + want.history));
  const openCount = Math.floor(want.open * scale);
  const historyCount = Math.floor(want.history * scale);
  const used = new Set<Candidate>();
  // Cases the city still had open make the open board.
  const openFirst = [...usable.filter((c) => c.request.hours === null), ...usable.filter((c) => c.request.hours !== null)];
  const open = take(openFirst, openCount, used, MIN_OPEN_EMERGENCIES);
  const history = take(usable, historyCount, used, 0);
  return { open, history };
}

function take(candidates: readonly Candidate[], n: number, used: Set<Candidate>, minEmergencies: number): Candidate[] {
  const left = new Map<Trade | 'callback', number>([...TRADES, 'callback' as const].map((t) => [t, Math.round(n * TRADE_MIX[t])]));
  const picked: Candidate[] = [];
  const pick = (c: Candidate) => {
    used.add(c);
    picked.push(c);
    left.set(c.cls.trade, (left.get(c.cls.trade) ?? 0) - 1);
  };
  for (const c of candidates) {
    if (picked.length >= Math.min(n, minEmergencies)) break;
    if (!used.has(c) && c.cls.type === 'emergency') pick(c);
  }
  for (const c of candidates) {
    if (picked.length >= n) break;
    if (!used.has(c) && (left.get(c.cls.trade) ?? 0) > 0) pick(c);
  }
  // Short of one trade: fill from the others rather than ship fewer jobs.
  for (const c of candidates) {
    if (picked.length >= n) break;
    if (!used.has(c)) pick(c);
  }
  return picked;
}
