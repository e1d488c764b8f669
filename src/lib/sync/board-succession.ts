/**
 * Which board generation this device opens, and when it moves to the next one (README "Board
 * generations"). The device remembers its organisation's board room in its key-value store,
 * so it opens the same room offline; a device that remembers none asks the relay first, so it
 * never downloads a generation the relay has replaced.
 *
 * Moving on: the relay writes `meta.successor` into an old generation. The device follows only
 * once the old room's connection has no unconfirmed local change: the relay then holds all of
 * them and has forwarded them into the successor, so dropping the old copy loses nothing.
 */
import * as Y from 'yjs';
import { generationOf } from '../domain/rooms/board-generation';
import type { KeyValueStore } from '../local/pending-ledger';
import type { DocConnection } from './doc-connection';
import { META } from './migrations';

function rememberedKey(org: string): string {
  return `fieldboard.boardDoc.${org}`;
}

/** The board room this device opens for `org`; null when it never learnt one. */
export function rememberedBoardDoc(store: KeyValueStore, org: string): string | null {
  const doc = store.get(rememberedKey(org));
  return doc !== null && generationOf(doc) !== null ? doc : null;
}

/** Remembers `doc` as the organisation's board room; never goes back to an older generation. */
export function rememberBoardDoc(store: KeyValueStore, org: string, doc: string): void {
  const next = generationOf(doc);
  if (next === null) return;
  const known = rememberedBoardDoc(store, org);
  if (known !== null && (generationOf(known) as number) >= next) return;
  store.set(rememberedKey(org), doc);
}

/** The successor the relay named in a board doc, when it is a later generation than `current`. */
export function successorIn(doc: Y.Doc, current: string): string | null {
  const successor = doc.getMap<unknown>(META).get('successor');
  if (typeof successor !== 'string') return null;
  const next = generationOf(successor);
  return next !== null && next > (generationOf(current) ?? 1) ? successor : null;
}

/**
 * Calls `ready(successor)` once, when the board doc names a successor and the connection is
 * synced with nothing unconfirmed. Returns the function that stops watching.
 */
export function watchBoardSuccessor(connection: DocConnection, current: string, ready: (successor: string) => void): () => void {
  const meta = connection.doc.getMap<unknown>(META);
  let done = false;
  let unsubscribe: (() => void) | null = null;
  let watching = true;
  const stop = () => {
    done = true;
    if (!watching) return;
    watching = false;
    meta.unobserve(check);
    unsubscribe?.();
  };
  function check(): void {
    if (done) return;
    const successor = successorIn(connection.doc, current);
    const state = connection.monitor.state;
    if (successor === null || state.phase !== 'synced' || state.unconfirmed !== 0) return;
    stop();
    ready(successor);
  }
  meta.observe(check);
  unsubscribe = connection.monitor.subscribe(check);
  if (!watching) unsubscribe();
  return stop;
}

/**
 * The board room to open for `org`: the remembered one at once; else what `askRelay` names
 * (null when it cannot answer: offline, an older relay), remembered; else `board`.
 */
export async function boardDocToOpen(store: KeyValueStore, org: string, askRelay: () => Promise<string | null>): Promise<string> {
  const known = rememberedBoardDoc(store, org);
  if (known !== null) return known;
  const named = await askRelay().catch(() => null);
  if (named !== null && generationOf(named) !== null) {
    rememberBoardDoc(store, org, named);
    return named;
  }
  return 'board';
}
