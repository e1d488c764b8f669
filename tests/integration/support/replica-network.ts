/**
 * Replicas of one board (real Y.Docs with BoardDoc) on a simulated network that delivers
 * updates in a seeded random order, some twice, some held back until later (so updates that
 * depend on them wait in Yjs as pending), in the spirit of yjs's tests/testHelper.js.
 * Each replica has its own clock, skewed from the shared "real" time by minutes.
 */
import * as Y from 'yjs';
import { BoardDoc } from '../../../src/lib/sync/board-doc';
import { Random } from '../../../src/lib/demo/prng';

const REMOTE = Symbol('remote');

export interface Replica {
  name: string;
  doc: Y.Doc;
  board: BoardDoc;
  /** Minutes this replica's clock is ahead (+) or behind (−) real time. */
  skewMinutes: number;
  /** This replica's wall clock now. */
  now(): Date;
  /** A fresh app session on the same local data (a reload: no in-memory caches). */
  reload(): void;
}

interface Message {
  from: Replica;
  to: Replica;
  update: Uint8Array;
}

export class ReplicaNetwork {
  readonly random: Random;
  readonly replicas: Replica[] = [];
  #queue: Message[] = [];
  #heldBack: Message[] = [];
  /** Shared real time, advanced by `tick`. */
  #realMs: number;
  /** Replicas that are offline: what they send and what is sent to them waits. */
  readonly #offline = new Set<Replica>();

  constructor(seed: number, startMs: number) {
    this.random = new Random(seed);
    this.#realMs = startMs;
  }

  add(name: string, skewMinutes: number): Replica {
    // Deterministic client ids, so concurrent writes resolve the same way for a seed.
    const doc = new Y.Doc();
    doc.clientID = this.random.int(1, 2 ** 31 - 1);
    const network = this;
    const replica: Replica = {
      name,
      doc,
      board: new BoardDoc(doc),
      skewMinutes,
      now: () => new Date(network.#realMs + skewMinutes * 60_000),
      reload() {
        replica.board = new BoardDoc(doc);
      }
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      for (const other of this.replicas) if (other !== replica) this.#queue.push({ from: replica, to: other, update });
    });
    this.replicas.push(replica);
    return replica;
  }

  /** Advances real time. */
  tick(ms = 1000): void {
    this.#realMs += ms;
  }

  setOffline(replica: Replica, offline: boolean): void {
    if (offline) this.#offline.add(replica);
    else this.#offline.delete(replica);
  }

  /**
   * Tabs of one browser share IndexedDB: a tab that (re)loads reads every tab's writes, even
   * offline. Brings each of `tabs` up to the union of their local states, as such a load does.
   */
  loadSharedStorage(tabs: readonly Replica[]): void {
    for (const to of tabs) for (const from of tabs) if (from !== to) Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), REMOTE);
    for (const tab of tabs) tab.reload();
  }

  /**
   * Delivers some of what is queued to online replicas, in random order: each message may be
   * held back for later or delivered twice.
   */
  deliverSome(fraction = 0.5): void {
    const deliverable = this.#queue.filter((m) => this.#online(m));
    this.#queue = this.#queue.filter((m) => !this.#online(m));
    for (const message of this.random.shuffle(deliverable)) {
      if (this.random.float() > fraction) this.#queue.push(message);
      else if (this.random.chance(0.25)) this.#heldBack.push(message);
      else this.#deliver(message);
    }
  }

  /** Everything reaches every online replica (held-back messages too), shuffled, with duplicates. */
  settle(): void {
    for (let round = 0; round < 3; round++) {
      const all = [...this.#queue, ...this.#heldBack].filter((m) => this.#online(m));
      this.#queue = this.#queue.filter((m) => !this.#online(m));
      this.#heldBack = this.#heldBack.filter((m) => !this.#online(m));
      for (const message of this.random.shuffle(all)) this.#deliver(message);
    }
  }

  /** True when no online replica waits for a missing dependency. */
  noPending(): boolean {
    return this.replicas.every((r) => this.#offline.has(r) || (r.doc.store.pendingStructs === null && r.doc.store.pendingDs === null));
  }

  #online(message: Message): boolean {
    return !this.#offline.has(message.from) && !this.#offline.has(message.to);
  }

  #deliver(message: Message): void {
    Y.applyUpdate(message.to.doc, message.update, REMOTE);
    if (this.random.chance(0.2)) Y.applyUpdate(message.to.doc, message.update, REMOTE);
  }
}
