/** The parts behind sign-in throttling, in process: the bounded hashing queue and the limiter set. */
import { describe, expect, it } from 'vitest';
import { AttemptLimiter, LimiterSet } from '../../server/accounts/attempt-limiter';
import { HashQueue, HashQueueFull } from '../../server/accounts/passwords';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('HashQueue', () => {
  it('runs up to its concurrency, queues up to maxWaiting, and refuses the next caller at once', async () => {
    const queue = new HashQueue(1, 1);
    const first = deferred();
    const second = deferred();
    const order: string[] = [];
    const running = queue.run(async () => {
      order.push('first');
      await first.promise;
    });
    const waiting = queue.run(async () => {
      order.push('second');
      await second.promise;
    });
    expect(queue.saturated).toBe(true);
    await expect(queue.run(async () => order.push('third'))).rejects.toBeInstanceOf(HashQueueFull);
    first.resolve();
    await running;
    second.resolve();
    await waiting;
    expect(order).toEqual(['first', 'second']);
    expect(queue.saturated).toBe(false);
    expect(queue.meanHashMs).not.toBeNull();
  });

  it('estimates the wait for a new job from the mean and the line ahead of it', async () => {
    const queue = new HashQueue(2, 10);
    expect(queue.expectedMs()).toBeNull();
    await queue.run(async () => undefined);
    const one = queue.expectedMs() as number;
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const jobs = gates.map((gate) => queue.run(() => gate.promise));
    // 2 running + 2 waiting: a new job finishes after three rounds of two hashes.
    expect(queue.expectedMs()).toBeCloseTo(one * 3, 5);
    for (const gate of gates) gate.resolve();
    await Promise.all(jobs);
    expect(queue.retryAfterSeconds()).toBeGreaterThanOrEqual(1);
  });
});

describe('LimiterSet', () => {
  it('records an attempt everywhere only when every limiter allows it', () => {
    const now = 1_000_000;
    const account = new AttemptLimiter({ max: 1, windowMs: 60_000 }, () => now);
    const ip = new AttemptLimiter({ max: 3, windowMs: 60_000 }, () => now);
    const set = (email: string) => new LimiterSet([{ limiter: account, key: email }, { limiter: ip, key: '203.0.113.1' }]);
    expect(set('a').attempt()).toBe(0);
    expect(set('a').attempt()).toBe(60); // the account is spent: refused, and the IP budget untouched
    expect(set('a').attempt()).toBe(60);
    expect(set('b').attempt()).toBe(0);
    expect(set('c').attempt()).toBe(0);
    expect(set('d').attempt()).toBe(60); // now the IP's 3 are used
  });
});
