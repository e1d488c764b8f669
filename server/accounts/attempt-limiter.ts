/**
 * Attempt throttling (sign-in per account, per client IP and per org; the public form per
 * IP): at most `max` attempts per window. Every
 * attempt counts when it starts (so a burst of parallel guesses is bounded too); a
 * successful login clears the key. Memory is bounded: past `maxKeys` the oldest key goes.
 */
export interface AttemptLimits {
  max: number;
  windowMs: number;
  maxKeys?: number;
}

interface Window {
  count: number;
  resetAt: number;
}

export class AttemptLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly limits: AttemptLimits,
    private readonly now: () => number = Date.now
  ) {}

  /** Seconds to wait before `key` may try again (0 = it may now), without recording anything. */
  peek(key: string): number {
    const now = this.now();
    const window = this.#windows.get(key);
    if (!window || window.resetAt <= now || window.count < this.limits.max) return 0;
    return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  /** Records an attempt; returns 0 if allowed, else the seconds to wait (Retry-After). */
  attempt(key: string): number {
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.limits.windowMs };
      this.#windows.delete(key);
      this.#windows.set(key, window);
      this.#bound();
    }
    if (window.count >= this.limits.max) return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    window.count++;
    return 0;
  }

  succeeded(key: string): void {
    this.#windows.delete(key);
  }

  #bound(): void {
    const maxKeys = this.limits.maxKeys ?? 100_000;
    while (this.#windows.size > maxKeys) {
      const oldest = this.#windows.keys().next().value as string;
      this.#windows.delete(oldest);
    }
  }
}

/**
 * Several limiters that must all allow an attempt (sign-in: per account, per IP, per org).
 * An attempt is recorded in every one only when all allow it, so a refused attempt does not
 * use up the others' budgets.
 */
export class LimiterSet {
  constructor(private readonly limiters: ReadonlyArray<{ limiter: AttemptLimiter; key: string }>) {}

  /** 0 if allowed (and recorded everywhere), else the longest wait in seconds. */
  attempt(): number {
    const wait = Math.max(0, ...this.limiters.map(({ limiter, key }) => limiter.peek(key)));
    if (wait > 0) return wait;
    for (const { limiter, key } of this.limiters) limiter.attempt(key);
    return 0;
  }
}
