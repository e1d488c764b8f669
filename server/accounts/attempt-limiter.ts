/**
 * Login throttling per (client IP, org, email): at most `max` attempts per window. Every
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
