/**
 * Web Locks' `ifAvailable` requests in memory, for one process (Node, tests): one holder per
 * name until the holder's callback promise settles. Browsers use `navigator.locks`.
 */
import type { SeriesLocks } from './device';

export class MemoryLocks implements SeriesLocks {
  readonly #held = new Set<string>();

  /** Whether someone holds `name` now. */
  isHeld(name: string): boolean {
    return this.#held.has(name);
  }

  async request(name: string, _options: { ifAvailable: true }, callback: (lock: unknown) => unknown): Promise<unknown> {
    if (this.#held.has(name)) return callback(null);
    this.#held.add(name);
    try {
      return await callback({ name });
    } finally {
      this.#held.delete(name);
    }
  }
}
