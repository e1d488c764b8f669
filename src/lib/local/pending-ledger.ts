/**
 * Which local changes the relay has not yet confirmed as durable, kept across reloads.
 *
 * Each local transaction is recorded as (clientId, clock after the transaction). The relay
 * acknowledges with its state vector; an entry is confirmed once that vector's clock for its
 * client reaches the entry's clock. Clocks only grow per client, so for the count we keep
 * every entry until confirmed. The relay's last vector is saved too, so a reload while offline
 * still knows what is pending. This is bookkeeping for the UI only: the changes themselves
 * live in the Yjs doc in IndexedDB.
 */
import { z } from 'zod';

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

const savedSchema = z.object({
  pending: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).max(100_000),
  relay: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).max(100_000),
  lastConfirmedAt: z.number().nullable()
});

export class PendingLedger {
  readonly #key: string;
  readonly #store: KeyValueStore;
  #pending: Array<[client: number, clock: number]> = [];
  #relay = new Map<number, number>();
  #lastConfirmedAt: number | null = null;

  constructor(room: string, store: KeyValueStore) {
    this.#key = `fieldboard.pending.${room}`;
    this.#store = store;
    this.#load();
  }

  get count(): number {
    return this.#pending.length;
  }

  get lastConfirmedAt(): number | null {
    return this.#lastConfirmedAt;
  }

  /** Records a local transaction that raised `client`'s clock to `clock`. */
  recordLocal(client: number, clock: number): void {
    if ((this.#relay.get(client) ?? 0) >= clock) return;
    this.#pending.push([client, clock]);
    this.#save();
  }

  /** Applies a relay acknowledgement; returns how many entries it confirmed. */
  confirm(relayStateVector: Map<number, number>, now = Date.now()): number {
    for (const [client, clock] of relayStateVector) {
      if (clock > (this.#relay.get(client) ?? 0)) this.#relay.set(client, clock);
    }
    const before = this.#pending.length;
    this.#pending = this.#pending.filter(([client, clock]) => (this.#relay.get(client) ?? 0) < clock);
    this.#lastConfirmedAt = now;
    this.#save();
    return before - this.#pending.length;
  }

  /**
   * Forgets every pending entry: the device dropped its copy of the room (a refused change,
   * README "Refused changes"), so they can never be confirmed. The relay's vector is kept.
   */
  clearPending(): void {
    this.#pending = [];
    this.#save();
  }

  #load(): void {
    const raw = this.#store.get(this.#key);
    if (!raw) return;
    try {
      const saved = savedSchema.parse(JSON.parse(raw));
      this.#pending = saved.pending;
      this.#relay = new Map(saved.relay);
      this.#lastConfirmedAt = saved.lastConfirmedAt;
    } catch {
      // A damaged ledger only loses the pending count shown; the data itself is safe.
      this.#store.set(this.#key, '');
    }
  }

  #save(): void {
    try {
      this.#store.set(
        this.#key,
        JSON.stringify({ pending: this.#pending, relay: [...this.#relay], lastConfirmedAt: this.#lastConfirmedAt })
      );
    } catch {
      // Storage full or blocked: the in-memory count is still right for this session.
    }
  }
}

/** A KeyValueStore in memory (Node, tests, or when localStorage is unavailable). */
export class MemoryStore implements KeyValueStore {
  readonly #values = new Map<string, string>();
  get(key: string): string | null {
    return this.#values.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.#values.set(key, value);
  }
}

/** localStorage when the browser allows it, memory otherwise. */
export function browserStore(): KeyValueStore {
  try {
    const ls = globalThis.localStorage;
    const probe = 'fieldboard.probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return { get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v) };
  } catch {
    return new MemoryStore();
  }
}
