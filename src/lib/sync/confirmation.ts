/**
 * Knowing when the relay holds our local changes durably.
 *
 * The relay acknowledges a committed batch by sending the writer a standard sync step 1
 * carrying the room's state vector (it does the same right after connecting). A stock
 * y-websocket client just answers it with a (usually empty) sync step 2; our client also
 * compares it with its own state vector: every struct we hold that the relay's vector covers
 * has been committed to the relay's storage. Deletions do not show in state vectors, which is
 * one more reason synced records are never deleted (see README: additive-only).
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SYNC, SYNC_STEP_1 } from './protocol';

export type StateVector = Map<number, number>;

/** Reads the state vector out of a `[sync, step1, sv]` frame; null for any other frame. */
export function stateVectorOfSyncStep1(frame: Uint8Array): StateVector | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    if (decoding.readVarUint(decoder) !== SYNC_STEP_1) return null;
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  } catch {
    return null;
  }
}

/** Counts the structs in `local` that `remote` does not cover yet (0 means all confirmed). */
export function unconfirmedStructs(local: StateVector, remote: StateVector): number {
  let missing = 0;
  for (const [client, clock] of local) {
    const theirs = remote.get(client) ?? 0;
    if (clock > theirs) missing += clock - theirs;
  }
  return missing;
}
