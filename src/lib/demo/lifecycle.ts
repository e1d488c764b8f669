/**
 * Status histories for demo jobs. Every chain starts with a `created` event and each step is
 * checked against the lifecycle in ../jobs/status.ts, so the demo never shows a move the app
 * itself would refuse. Times are forced strictly increasing so the derived status is the
 * intended one on every device.
 */
import type { JobEvent } from '../domain/jobs/job-events';
import { checkTransition, type JobStatus } from '../domain/jobs/status';
import { MINUTE } from './calendar';
import { seededUuid } from './prng';

export interface DemoActor {
  id: string;
  name: string;
}

export interface Step {
  to: JobStatus;
  at: number;
  by: DemoActor;
}

/** A job's events from its steps (the first must be `new`: the creation). Throws on an illegal move. */
export function eventChain(seed: number, jobKey: string, jobId: string, steps: readonly Step[]): JobEvent[] {
  const events: JobEvent[] = [];
  let from: JobStatus | null = null;
  let last = -Infinity;
  steps.forEach((step, i) => {
    if (from === null ? step.to !== 'new' : !checkTransition(from, step.to).ok) {
      throw new Error(`demo job ${jobKey}: illegal step ${from ?? 'start'} → ${step.to}`);
    }
    const at = Math.max(step.at, last + MINUTE);
    last = at;
    events.push({
      id: seededUuid(seed, `event:${jobKey}:${i}`),
      jobId,
      kind: from === null ? 'created' : 'status',
      from,
      to: step.to,
      at: new Date(at).toISOString(),
      by: step.by.id,
      byName: step.by.name
    });
    from = step.to;
  });
  return events;
}

/** Collects steps with strictly increasing times (a step never lands before the previous one). */
export class Steps {
  readonly list: Step[] = [];

  get lastAt(): number {
    return this.list.at(-1)?.at ?? -Infinity;
  }

  add(to: JobStatus, at: number, by: DemoActor): number {
    const time = Math.max(Math.round(at / MINUTE) * MINUTE, this.lastAt + MINUTE);
    this.list.push({ to, at: time, by });
    return time;
  }

  /** Steps up to and including `now`: later ones have not happened yet. */
  upTo(now: number): Step[] {
    return this.list.filter((s) => s.at <= now);
  }
}
